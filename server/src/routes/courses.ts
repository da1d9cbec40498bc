import { Hono, type Context } from 'hono';
import type { Catalog } from '../courses/catalog.js';
import { courseResponse, listResponse, type CourseResponse } from '../http/course-response.js';
import { courseListSchema, courseSchema } from '../http/api-schemas.js';
import { documented } from '../http/openapi.js';

/** Public course reads: any origin, no credentials. `server/src/http/price-fast-path.ts` serves the same answers. */
export function courseRoutes(catalog: Catalog) {
  const app = new Hono();

  // Errors too (404 course_not_found, 410 course_unavailable, 503) must be readable from any page, or the widget sees a network error.
  app.use('*', async (c, next) => {
    await next();
    if (!c.res.headers.has('Access-Control-Allow-Origin')) c.res.headers.set('Access-Control-Allow-Origin', '*');
  });

  app.options('*', (c) =>
    c.body(null, 204, {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
      'Access-Control-Max-Age': '86400',
    }),
  );

  app.get(
    '/',
    documented({
      summary: 'Every course for sale (cached; ETag, 304)',
      tag: 'Courses',
      responses: { 200: { description: 'The courses', schema: courseListSchema } },
      errors: [503],
    }),
    async (c) => send(c, await listResponse(catalog, c.req.header('if-none-match'), c.get('requestId'))),
  );

  app.get(
    '/:id',
    documented({
      summary: "One course: its price and seats (cached; ETag, 304). The widget's first request",
      tag: 'Courses',
      responses: { 200: { description: 'The course', schema: courseSchema } },
      errors: [404, 410, 503],
    }),
    async (c) => {
      return send(
        c,
        await courseResponse(catalog, c.req.param('id'), c.req.header('if-none-match'), c.get('requestId')),
      );
    },
  );

  return app;
}

function send(c: Context, answer: CourseResponse) {
  c.set('requestIdSent', true);
  return answer.status === 304 ? c.body(null, 304, answer.headers) : c.body(answer.body ?? '', 200, answer.headers);
}
