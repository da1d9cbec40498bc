import { Hono, type Context } from 'hono';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { errors } from '../errors.js';
import { strongEtag } from '../http/etag.js';
import { documented, type RouteDoc } from '../http/openapi.js';

/** Reads a built browser file from dist/ (`widget.js`, `chunks/x.js`); undefined when missing. */
export type AssetLoader = (path: string) => Promise<string | undefined>;

/**
 * Serves the widget bundles to any page: embeddable cross-origin (CORP, and CORS for module
 * scripts). Entry files are cached for minutes; chunks carry a content hash and are immutable.
 */
export function widgetRoutes(loadAsset: AssetLoader) {
  const app = new Hono();
  const cache = new Map<string, Asset>();

  async function serve(c: Context, path: string, cacheControl: string) {
    let asset = cache.get(path);
    if (!asset) {
      const code = await loadAsset(path);
      if (code === undefined) {
        if (path.startsWith('chunks/')) throw errors.notFound();
        throw errors.notBuilt('The widget');
      }
      asset = compressed(code);
      cache.set(path, asset);
    }
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cache-Control', cacheControl);
    c.header('Vary', 'Accept-Encoding');
    c.header('ETag', asset.etag);
    if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304);
    c.header('Content-Type', 'text/javascript; charset=UTF-8');
    const encoding = preferredEncoding(c.req.header('accept-encoding'));
    if (encoding === 'identity') return c.body(asset.code);
    c.header('Content-Encoding', encoding);
    return c.body(new Uint8Array(asset[encoding]));
  }

  const entry = 'public, max-age=300, stale-while-revalidate=86400';
  app.get('/widget.js', documented(script('The <course-booking> element')), (c) => serve(c, 'widget.js', entry));
  app.get('/dashboard.js', documented(script('The <booking-dashboard> element')), (c) =>
    serve(c, 'dashboard.js', entry),
  );
  app.get('/admin.js', documented(script("The operator console's elements")), (c) => serve(c, 'admin.js', 'no-cache'));
  app.get('/chunks/:file{[A-Za-z0-9_-]+\\.js}', documented(script('A chunk the bundles load (immutable)')), (c) =>
    serve(c, `chunks/${c.req.param('file')}`, 'public, max-age=31536000, immutable'),
  );
  return app;
}

/** A bundle, compressed once when first served (brotli at its best, gzip at 9): every later answer is a lookup. */
interface Asset {
  code: string;
  etag: string;
  br: Buffer;
  gzip: Buffer;
}

function compressed(code: string): Asset {
  return {
    code,
    etag: strongEtag(code),
    br: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    gzip: gzipSync(code, { level: 9 }),
  };
}

/** Brotli when the client takes it, else gzip, else the text as it is. */
function preferredEncoding(accept: string | undefined): 'br' | 'gzip' | 'identity' {
  const offered = (accept ?? '')
    .split(',')
    .map((part) => part.trim().split(';'))
    .filter(([, quality]) => !quality || !/^\s*q=0(\.0*)?\s*$/.test(quality))
    .map(([name]) => name!.trim().toLowerCase());
  if (offered.includes('br')) return 'br';
  if (offered.includes('gzip')) return 'gzip';
  return 'identity';
}

/** How a browser bundle is documented. */
function script(summary: string): RouteDoc {
  return {
    summary: `${summary} (brotli or gzip as accepted; ETag, 304)`,
    tag: 'Assets',
    responses: { 200: { description: 'JavaScript', type: 'text/javascript' } },
    errors: [404, 503],
  };
}
