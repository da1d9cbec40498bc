import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
/** Enough of an OpenAPI document to walk it. */
interface Operation {
  security?: unknown[];
  parameters?: Array<{ name: string }>;
  requestBody?: { content: Record<string, { schema: { $ref?: string } & JsonSchema }> };
}
interface JsonSchema {
  required?: string[];
}
let doc: {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
};
beforeAll(async () => {
  t = await createTestApp();
  doc = (await (await t.app.request('/api/openapi.json')).json()) as typeof doc;
});
afterAll(() => t.close());

/** Every route the app answers, as `METHOD /path/{param}`; CORS preflights (OPTIONS) and middleware (ALL) aside. */
function appRoutes(): Set<string> {
  const routes = new Set<string>();
  for (const { method, path } of t.app.routes) {
    if (method === 'ALL' || method === 'OPTIONS') continue;
    routes.add(`${method} ${path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`);
  }
  return routes;
}

function documentedRoutes(): Set<string> {
  const routes = new Set<string>();
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const method of Object.keys(operations)) routes.add(`${method.toUpperCase()} ${path}`);
  }
  return routes;
}

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('documents every route the app answers, and no route it does not', () => {
    expect([...documentedRoutes()].sort()).toEqual([...appRoutes()].sort());
  });

  it('documents the public, student, admin and webhook endpoints with their schemas', () => {
    for (const route of [
      'GET /api/courses/{id}',
      'POST /api/bookings/create',
      'GET /api/bookings/user',
      'POST /api/stripe/webhooks',
      'GET /api/admin/bookings',
      'POST /api/admin/bookings/{id}/refund',
      'GET /api/admin/webhook-events',
    ]) {
      expect(documentedRoutes()).toContain(route);
    }
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Course', 'Booking', 'Error', 'AdminBooking', 'WebhookEvent', 'OperatorStatus']),
    );
  });

  it('says every operator endpoint needs admin auth, except the console sign-in', () => {
    for (const [path, operations] of Object.entries(doc.paths)) {
      if (!path.startsWith('/api/admin/') || path === '/api/admin/session') continue;
      for (const operation of Object.values(operations)) expect(operation.security).toEqual([{ adminBearer: [] }]);
    }
  });

  it('describes request bodies and queries from the schemas the routes validate with', () => {
    const put = doc.paths['/api/admin/courses/{id}']!.put!;
    const body = put.requestBody!.content['application/json']!.schema;
    const schema = body.$ref ? doc.components.schemas[body.$ref.split('/').pop()!]! : body;
    expect(schema.required).toEqual(expect.arrayContaining(['title', 'price', 'currency']));
    const list = doc.paths['/api/admin/bookings']!.get!;
    expect(list.parameters!.map((p) => p.name)).toEqual(
      expect.arrayContaining(['status', 'courseId', 'from', 'to', 'q', 'cursor', 'limit']),
    );
  });
});
