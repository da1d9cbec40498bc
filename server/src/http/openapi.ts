import type { MiddlewareHandler } from 'hono';
import { describeRoute, resolver, validator, type ResponsesWithResolver } from 'hono-openapi';
import type { z } from 'zod';
import { errors } from '../errors.js';
import { errorSchema } from './api-schemas.js';

/** Who may call a route, as the OpenAPI document names it. */
type Caller = 'admin' | 'student' | 'stripe' | 'cron';

/** What a route answers with one status: a JSON schema, or another media type. */
interface Answer {
  description: string;
  schema?: z.ZodType;
  /** A media type other than JSON (a page, a script, CSV). */
  type?: string;
  /** Another media type the same answer comes in, on request (`Accept`). */
  alsoAs?: string;
}

/** How a route is documented in `GET /api/openapi.json`. */
export interface RouteDoc {
  summary: string;
  tag:
    | 'Courses'
    | 'Bookings'
    | 'Waiting lists'
    | 'Personal data'
    | 'Sign-in'
    | 'Webhooks'
    | 'Operator'
    | 'Health'
    | 'Assets';
  caller?: Caller;
  /** The JSON body the route reads (with `readJson`, the same schema). */
  body?: z.ZodType;
  responses: Record<number, Answer>;
  /** Error statuses the route may answer, each with the one error shape. */
  errors?: number[];
}

/** Documents a route from the schemas it validates with and answers in: the OpenAPI document is built from these. */
export function documented(doc: RouteDoc): MiddlewareHandler {
  const responses: ResponsesWithResolver = {};
  for (const [status, answer] of Object.entries(doc.responses)) responses[status] = content(answer);
  for (const status of doc.errors ?? []) {
    responses[String(status)] = content({ description: errorText[status] ?? 'Error', schema: errorSchema });
  }
  return describeRoute({
    summary: doc.summary,
    tags: [doc.tag],
    ...(doc.caller ? { security: [{ [securityOf[doc.caller]]: [] }] } : {}),
    ...(doc.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: resolver(doc.body) } } } }
      : {}),
    responses,
  });
}

/** Validates the query string with a schema (and documents its parameters): 400 `invalid_request` naming each bad one. */
export function validQuery<S extends z.ZodType>(schema: S) {
  return validator('query', schema, (result) => {
    if (!result.success) throw errors.invalidRequest('Invalid query.', fieldsOfIssues(result.error, 'query'));
  });
}

/** Validates the path parameters with a schema (and documents them). */
export function validParams<S extends z.ZodType>(schema: S) {
  return validator('param', schema, (result) => {
    if (!result.success) throw errors.invalidRequest('Invalid path.', fieldsOfIssues(result.error, 'path'));
  });
}

/** The security schemes the document declares, by caller. */
export const securitySchemes = {
  adminBearer: {
    type: 'http',
    scheme: 'bearer',
    description: 'ADMIN_API_KEY (scripts), or a console token from POST /api/admin/session',
  },
  studentBearer: {
    type: 'http',
    scheme: 'bearer',
    description: 'A widget token from POST /api/auth/exchange, or a Clerk session token',
  },
  stripeSignature: { type: 'apiKey', in: 'header', name: 'Stripe-Signature' },
  cronBearer: { type: 'http', scheme: 'bearer', description: 'CRON_SECRET' },
} as const;

const securityOf: Record<Caller, keyof typeof securitySchemes> = {
  admin: 'adminBearer',
  student: 'studentBearer',
  stripe: 'stripeSignature',
  cron: 'cronBearer',
};

const errorText: Record<number, string> = {
  400: 'Invalid request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict with the current state',
  410: 'Gone',
  413: 'Body too large',
  415: 'Not JSON',
  429: 'Rate limited',
  503: 'A dependency is unavailable; try again',
};

function content({ description, schema, type, alsoAs }: Answer): ResponsesWithResolver[string] {
  const text = { schema: { type: 'string' as const } };
  const also = alsoAs ? { [alsoAs]: text } : {};
  if (!schema) return type ? { description, content: { [type]: text, ...also } } : { description };
  return { description, content: { [type ?? 'application/json']: { schema: resolver(schema) }, ...also } };
}

/** Standard Schema issues as `{field: message}`, the first for each field. */
function fieldsOfIssues(
  issues: ReadonlyArray<{ message: string; path?: ReadonlyArray<PropertyKey | { key: PropertyKey }> | undefined }>,
  whole: string,
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = (issue.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p));
    fields[path.length > 0 ? path.join('.') : whole] ??= issue.message;
  }
  return fields;
}
