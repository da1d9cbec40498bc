import { getRequestListener } from '@hono/node-server';
import { createServer, type Server } from 'node:http';
import type { Catalog } from '../courses/catalog.js';
import type { Logger } from '../logger.js';
import { withPriceFastPath } from './price-fast-path.js';

/** What the HTTP server serves: the app, with the price lookup answered ahead of it. */
export interface ListenOptions {
  fetch: (request: Request) => Response | Promise<Response>;
  catalog: Catalog;
  logger: Logger;
  port: number;
  host: string;
}

/** Starts node:http on the port; resolves once it listens. */
export function listen({ fetch, catalog, logger, port, host }: ListenOptions): Promise<Server> {
  const server = createServer(withPriceFastPath(getRequestListener(fetch), catalog, logger));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
