import { getRequestListener } from '@hono/node-server';
import { createServer, type Server } from 'node:http';
import type { Catalog } from '../courses/catalog.js';
import type { Logger } from '../logger.js';
import { withPriceFastPath } from './price-fast-path.js';

/** How long a client may take: slow clients are cut off rather than holding a connection for minutes. */
export interface ConnectionTimeouts {
  /** The whole request, headers and body (Node's default is 300 s). */
  requestMs: number;
  /** The request headers (Node's default is 60 s). */
  headersMs: number;
  /** An idle keep-alive connection between requests. */
  keepAliveMs: number;
}

/** Defaults: 30 s for a request, 15 s for its headers, 5 s idle between requests. */
export const defaultTimeouts: ConnectionTimeouts = { requestMs: 30_000, headersMs: 15_000, keepAliveMs: 5_000 };

/** What the HTTP server serves: the app, with the price lookup answered ahead of it. */
export interface ListenOptions {
  fetch: (request: Request) => Response | Promise<Response>;
  catalog: Catalog;
  logger: Logger;
  port: number;
  host: string;
  timeouts?: ConnectionTimeouts;
}

/** Starts node:http on the port; resolves once it listens. */
export function listen({
  fetch,
  catalog,
  logger,
  port,
  host,
  timeouts = defaultTimeouts,
}: ListenOptions): Promise<Server> {
  const server = createServer(
    {
      requestTimeout: timeouts.requestMs,
      headersTimeout: timeouts.headersMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      // Node checks the two timeouts above only this often (30 s by default).
      connectionsCheckingInterval: Math.min(1_000, timeouts.headersMs),
    },
    withPriceFastPath(getRequestListener(fetch), catalog, logger),
  );
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
