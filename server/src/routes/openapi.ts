import { Hono } from 'hono';
import { openAPIRouteHandler } from 'hono-openapi';
import { z } from 'zod';
import { documented, securitySchemes } from '../http/openapi.js';

/**
 * `GET /api/openapi.json`: the whole HTTP API as OpenAPI 3.1, generated from the routes of `app` as
 * they are documented (`documented`) and validated: the same schemas, so it cannot drift.
 */
export function openApiRoutes(app: Hono) {
  const routes = new Hono();
  routes.get(
    '/api/openapi.json',
    documented({
      summary: 'This document',
      tag: 'Health',
      responses: { 200: { description: 'OpenAPI 3.1', schema: z.looseObject({ openapi: z.string() }) } },
    }),
    openAPIRouteHandler(app, {
      // The bundles are part of the contract too (`/widget.js`); errors are documented route by route.
      excludeStaticFile: false,
      defaultValidationErrorResponse: false,
      documentation: {
        openapi: '3.1.0',
        info: {
          title: 'Course booking',
          version: '1',
          description:
            'The course booking backend: public course reads, student bookings, Stripe webhooks, and the operator API. Every error is {"error": {"code", "message"}}.',
        },
        components: { securitySchemes },
      },
    }),
  );
  return routes;
}
