import { getRequestListener } from '@hono/node-server';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
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

/** The HTTP server, and how to drain it before it closes. */
export interface DrainableServer extends Server {
  /** From now on every response, in flight or new, says `Connection: close`: no client reuses a closing connection. */
  drain(): void;
}

/** Starts node:http on the port; resolves once it listens. */
export function listen({
  fetch,
  catalog,
  logger,
  port,
  host,
  timeouts = defaultTimeouts,
}: ListenOptions): Promise<DrainableServer> {
  const hono = getRequestListener(fetch);
  // Hono's listener answers its own errors (a 500 in the error shape); nothing here awaits it.
  const serve = withPriceFastPath((req, res) => void hono(req, res), catalog, logger);
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (draining) res.setHeader('Connection', 'close');
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
    serve(req, res);
  };
  const server = createServer(
    {
      requestTimeout: timeouts.requestMs,
      headersTimeout: timeouts.headersMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      // Node checks the two timeouts above only this often (30 s by default).
      connectionsCheckingInterval: Math.min(1_000, timeouts.headersMs),
    },
    handle,
  );
  const drainable = Object.assign(server, {
    drain() {
      draining = true;
      for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    },
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(drainable));
  });
}
