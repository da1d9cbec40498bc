import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { composeBackend } from './compose.js';
import type { Config } from './config/env.js';
import { listen } from './http/listen.js';
import { startingUp } from './http/readiness.js';
import type { Logger } from './logger.js';
import { connectDatabase, migrateDatabase } from './store/index.js';
import { coursePageFastPath } from './routes/course-page.js';

/** The built browser files: `dist/` in the installed package, from the compiled server or its sources. */
const dist = new URL('dist/', packageRoot(import.meta.url));

/**
 * Connects to everything the config names and serves the app at once; applies the pending
 * database migrations meanwhile (on a connection of their own, with generous limits), refusing
 * traffic with 503 and the reason until they are done; then runs the reconciler and the messenger
 * (the outbox's sender) on timers.
 * `ready` rejects when a migration fails.
 */
export async function startBackend(
  config: Config,
  logger: Logger,
): Promise<{ server: Server; ready: Promise<void>; close: () => Promise<void> }> {
  const database = await connectDatabase(config.mongodbUri, config.mongodbDb);
  const startup = startingUp('Applying database migrations.');
  const { app, catalog, reconciler, messenger } = composeBackend(
    config,
    logger,
    database,
    (name) => readFile(new URL(name, dist), 'utf8').catch(() => undefined),
    startup,
  );
  const server = await listen({
    fetch: app.fetch,
    catalog,
    coursePage: coursePageFastPath(catalog, config),
    logger,
    port: config.port,
    host: config.host,
    timeouts: config.timeouts,
  });
  logger.info('listening', { url: config.publicUrl, port: config.port, host: config.host });
  let stopReconciler = () => undefined as void;
  let stopMessenger = () => undefined as void;
  const ready = migrateDatabase(config.mongodbUri, config.mongodbDb, {
    onStep: ({ step, index, of }) => {
      startup.doing(`Applying database migration ${index} of ${of}: ${step.description}.`);
      logger.info('migration', { id: step.id, step: `${index}/${of}`, description: step.description });
    },
  }).then((applied) => {
    startup.ready();
    if (reconciler) stopReconciler = reconciler.start();
    stopMessenger = messenger.start();
    logger.info('ready', { migrationsApplied: applied.length });
  });
  return {
    server,
    ready,
    close: async () => {
      stopReconciler();
      stopMessenger();
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
