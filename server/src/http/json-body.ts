import type { Context } from 'hono';
import type { z } from 'zod';
import { errors } from '../errors.js';

/**
 * Reads a JSON body and validates it against a schema. Malformed JSON, a wrong content type and
 * a body that fails the schema each get a clear 4xx; `fields` names what is wrong.
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw errors.unsupportedMediaType();
  return parsedBody(await c.req.text(), schema);
}

/** Like `readJson`, for a body that may be left out: no body at all reads as `{}`. */
export async function readOptionalJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const text = await c.req.text();
  if (text.trim() === '') return parsedBody('{}', schema);
  if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) throw errors.unsupportedMediaType();
  return parsedBody(text, schema);
}

function parsedBody<S extends z.ZodType>(text: string, schema: S): z.infer<S> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw errors.invalidJson();
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const fields = fieldsOf(parsed.error, '(body)');
    throw errors.invalidRequest(`Invalid request body: ${Object.keys(fields).join(', ')}.`, fields);
  }
  return parsed.data;
}

/** A schema's complaints as `{field: message}`, the first for each field; `whole` names the value itself. */
export function fieldsOf(error: z.ZodError, whole: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[issue.path.length > 0 ? issue.path.join('.') : whole] ??= issue.message;
  return fields;
}
