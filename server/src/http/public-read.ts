/** Browsers and CDNs may reuse a price for a minute, and serve it stale while revalidating. */
const cacheControl = 'public, max-age=60, stale-while-revalidate=300';

/** Headers every public course read carries: any origin may read, without credentials. */
export const publicReadHeaders: Readonly<Record<string, string>> = {
  'Cache-Control': cacheControl,
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag',
};
