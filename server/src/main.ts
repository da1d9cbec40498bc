import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { composeBackend } from './compose.js';
import type { Config } from './config/env.js';
import { listen } from './http/listen.js';
import type { Logger } from './logger.js';
import { connectDatabase, ensureIndexes } from './store/index.js';

/** The built browser files: `dist/` in the installed package, from the compiled server or its sources. */
const dist = new URL('dist/', packageRoot(import.meta.url));

/** Connects to everything the config names, serves the app, and runs the reconciler on a timer. */
export async function startBackend(
  config: Config,
  logger: Logger,
): Promise<{ server: Server; close: () => Promise<void> }> {
  const database = await connectDatabase(config.mongodbUri, config.mongodbDb);
  await ensureIndexes(database.db);
  const { app, catalog, reconciler } = composeBackend(config, logger, database, (name) =>
    readFile(new URL(name, dist), 'utf8').catch(() => undefined),
  );
  const stopReconciler = reconciler ? reconciler.start() : () => undefined;
  const server = await listen({
    fetch: app.fetch,
    catalog,
    logger,
    port: config.port,
    host: config.host,
    timeouts: config.timeouts,
  });
  logger.info('listening', { url: config.publicUrl, port: config.port, host: config.host });
  return {
    server,
    close: async () => {
      stopReconciler();
      await reconciler?.release().catch(() => undefined);
      await database.close();
    },
  };
}

/** The nearest folder above a module that holds a package.json: where the package is installed. */
function packageRoot(moduleUrl: string): URL {
  for (let folder = new URL('./', moduleUrl); ; folder = new URL('../', folder)) {
    if (existsSync(new URL('package.json', folder))) return folder;
    if (folder.pathname === '/') return new URL('../../', moduleUrl);
  }
}
