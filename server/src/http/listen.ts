import { getRequestListener } from '@hono/node-server';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';
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
  /** The hosted course pages, answered from the catalog's cache before the framework. */
  coursePage?: Parameters<typeof withPriceFastPath>[3];
  logger: Logger;
  port: number;
  host: string;
  timeouts?: ConnectionTimeouts;
}

/** The HTTP server, and how to drain it before it closes. */
export interface DrainableServer extends Server {
  /**
   * Every response from now on, in flight or new, says `Connection: close`; connections the
   * kernel already took are accepted for `graceMs` more (closing the listener at once resets
   * them, requests and all), then the listener closes; a keep-alive connection is closed once it
   * has been idle for `graceMs`. Resolves when the last connection has closed.
   */
  drain(graceMs?: number): Promise<void>;
}

/** Starts node:http on the port; resolves once it listens. */
export function listen({
  fetch,
  catalog,
  coursePage,
  logger,
  port,
  host,
  timeouts = defaultTimeouts,
}: ListenOptions): Promise<DrainableServer> {
  const hono = getRequestListener(fetch);
  // Hono's listener answers its own errors (a 500 in the error shape); nothing here awaits it.
  const serve = withPriceFastPath((req, res) => void hono(req, res), catalog, logger, coursePage);
  // Each open connection's latest response: in flight until it has finished. One map write per
  // request is all the serving path pays (the price path is hot); drain reads it.
  const latest = new Map<Socket, ServerResponse | null>();
  let draining = false;
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (draining) res.setHeader('Connection', 'close');
    latest.set(req.socket, res);
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
  server.on('connection', (socket: Socket) => {
    latest.set(socket, null);
    socket.once('close', () => latest.delete(socket));
  });
  const drainable = Object.assign(server, {
    drain(graceMs = 500) {
      draining = true;
      for (const res of latest.values()) if (res && !res.headersSent) res.setHeader('Connection', 'close');
      // Since when each connection has been seen idle (no response in flight) since draining began.
      const idleSince = new Map<Socket, number>();
      return new Promise<void>((closed) => {
        const sweep = setInterval(() => {
          const now = Date.now();
          for (const [socket, res] of latest) {
            if (res && !res.writableFinished) {
              idleSince.delete(socket);
              continue;
            }
            const since = idleSince.get(socket) ?? now;
            idleSince.set(socket, since);
            if (now - since >= graceMs) socket.destroy();
          }
        }, 50);
        // net.Server's close: stop accepting, without http.Server's closing of idle connections at
        // once, which resets a keep-alive connection whose next request is already on its way.
        setTimeout(() => {
          NetServer.prototype.close.call(server, () => {
            clearInterval(sweep);
            closed();
          });
        }, graceMs);
      });
    },
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(drainable));
  });
}
