import { Hono, type Context } from 'hono';
import { errors } from '../errors.js';
import { strongEtag } from '../http/etag.js';

/** Reads a built browser file from dist/ (`widget.js`, `chunks/x.js`); undefined when missing. */
export type AssetLoader = (path: string) => Promise<string | undefined>;

/**
 * Serves the widget bundles to any page: embeddable cross-origin (CORP, and CORS for module
 * scripts). Entry files are cached for minutes; chunks carry a content hash and are immutable.
 */
export function widgetRoutes(loadAsset: AssetLoader) {
  const app = new Hono();
  const cache = new Map<string, { code: string; etag: string }>();

  async function serve(c: Context, path: string, cacheControl: string) {
    let asset = cache.get(path);
    if (!asset) {
      const code = await loadAsset(path);
      if (code === undefined) {
        if (path.startsWith('chunks/')) throw errors.notFound();
        throw errors.notBuilt('The widget');
      }
      asset = { code, etag: strongEtag(code) };
      cache.set(path, asset);
    }
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cache-Control', cacheControl);
    c.header('ETag', asset.etag);
    if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304);
    c.header('Content-Type', 'text/javascript; charset=UTF-8');
    return c.body(asset.code);
  }

  const entry = 'public, max-age=300, stale-while-revalidate=86400';
  app.get('/widget.js', (c) => serve(c, 'widget.js', entry));
  app.get('/dashboard.js', (c) => serve(c, 'dashboard.js', entry));
  app.get('/chunks/:file{[A-Za-z0-9_-]+\\.js}', (c) =>
    serve(c, `chunks/${c.req.param('file')}`, 'public, max-age=31536000, immutable'),
  );
  return app;
}
