/**
 * Browsers and CDNs keep a course but ask again each time (`If-None-Match`, a 304 when nothing
 * changed): seat counts are never shown stale, and an unchanged course costs no body.
 */
const cacheControl = 'public, no-cache';

/** Headers every public course read carries: any origin may read, without credentials. */
export const publicReadHeaders: Readonly<Record<string, string>> = {
  'Cache-Control': cacheControl,
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag',
};
