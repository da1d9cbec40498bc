import { Hono } from 'hono';
import type { Catalog } from '../courses/catalog.js';
import { courseIdSchema, courseInputSchema } from '../courses/course-schema.js';
import { errors } from '../errors.js';
import { adminAuth } from '../http/admin-auth.js';
import { readJson } from '../http/json-body.js';

/** The operator's API, behind ADMIN_API_KEY. */
export function adminRoutes(catalog: Catalog, apiKey: string) {
  const app = new Hono();
  app.use('*', adminAuth(apiKey));

  app.put('/courses/:id', async (c) => {
    const id = courseIdSchema.safeParse(c.req.param('id'));
    if (!id.success) {
      throw errors.invalidRequest('The course id must be a URL-safe slug.', { id: id.error.issues[0]?.message ?? '' });
    }
    const input = await readJson(c, courseInputSchema);
    const { course, created } = await catalog.put(id.data, input);
    return c.json(course, created ? 201 : 200);
  });

  return app;
}
