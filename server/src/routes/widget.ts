import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { AppError } from '../errors.js';

/** Serves the widget bundle to any page: cacheable, embeddable cross-origin. */
export function widgetRoutes(loadBundle: () => Promise<string | undefined>) {
  const app = new Hono();
  let cached: { code: string; etag: string } | undefined;

  app.get('/widget.js', async (c) => {
    cached ??= await load();
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cache-Control', 'public, max-age=300, stale-while-revalidate=86400');
    c.header('ETag', cached.etag);
    if (c.req.header('if-none-match') === cached.etag) return c.body(null, 304);
    c.header('Content-Type', 'text/javascript; charset=UTF-8');
    return c.body(cached.code);
  });

  async function load() {
    const code = await loadBundle();
    if (code === undefined) {
      throw new AppError(503, 'widget_not_built', 'The widget has not been built; run npm run build.');
    }
    return { code, etag: `"${createHash('sha256').update(code).digest('base64url').slice(0, 27)}"` };
  }
  return app;
}
