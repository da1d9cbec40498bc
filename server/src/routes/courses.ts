import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { Catalog } from '../courses/catalog.js';
import { errors } from '../errors.js';

/** Browsers and CDNs may reuse a price for a minute, and serve it stale while revalidating. */
const cacheControl = 'public, max-age=60, stale-while-revalidate=300';

/** Public course reads: any origin, no credentials. */
export function courseRoutes(catalog: Catalog) {
  const app = new Hono();
  app.use('*', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], exposeHeaders: ['ETag'] }));

  app.get('/', async (c) => {
    c.header('Cache-Control', cacheControl);
    return c.json({ courses: await catalog.list() });
  });

  app.get('/:id', async (c) => {
    const found = await catalog.get(c.req.param('id'));
    if (!found) throw errors.courseNotFound();
    c.header('ETag', found.etag);
    c.header('Cache-Control', cacheControl);
    if (matchesEtag(c.req.header('if-none-match'), found.etag)) return c.body(null, 304);
    c.header('Content-Type', 'application/json; charset=UTF-8');
    return c.body(found.json, 200);
  });

  return app;
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
