import { Hono } from 'hono';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { composeBackend } from './compose.js';
import { readConfig, type Config } from './config/env.js';
import { AppError } from './errors.js';
import { sendError } from './http/error-handler.js';
import { createLogger } from './logger.js';
import { connectDatabase, migrateDatabase, type Database } from './store/index.js';

/** What a serverless instance is built from; tests pass their own. */
export interface ServerlessOptions {
  config?: () => Config;
  connect?: (uri: string, db: string) => Promise<Database>;
  migrate?: (uri: string, db: string) => Promise<unknown>;
  /** Where the built browser files are: `dist/` under the function's working directory, as Vercel bundles it. */
  distDir?: string;
}

/**
 * The backend as one serverless function (Vercel's zero-config Hono entry exports it). The first
 * request of an instance applies pending migrations (none, after `npm run migrate`), connects to MongoDB; later ones reuse that client.
 * No timer runs between invocations: a cron request runs the reconciler (`GET /api/cron/reconcile`).
 */
export function createServerlessApp(options: ServerlessOptions = {}) {
  const distDir = options.distDir ?? join(process.cwd(), 'dist');
  let backend: Promise<Hono> | undefined;

  async function start(): Promise<Hono> {
    const config = (options.config ?? readConfig)();
    const logger = createLogger(config.logLevel, { service: 'course-booking' }, undefined, config.logFormat);
    // Applied by `npm run migrate` at deploy; a cold start finds nothing pending (one query on `_id`).
    await (options.migrate ?? migrateDatabase)(config.mongodbUri, config.mongodbDb);
    const database = await (options.connect ?? connectDatabase)(config.mongodbUri, config.mongodbDb);
    const { app } = composeBackend(config, logger, database, (name) =>
      readFile(join(distDir, name), 'utf8').catch(() => undefined),
    );
    return app;
  }

  const entry = new Hono();
  entry.all('*', async (c) => {
    // Built once per instance; a failed start is tried again by the next request.
    backend ??= start().catch((error: unknown) => {
      backend = undefined;
      throw error;
    });
    let app: Hono;
    try {
      app = await backend;
    } catch (error) {
      // The one place that cannot use the app's logger: there is no app yet.
      console.error(JSON.stringify({ level: 'error', msg: 'start failed', error: (error as Error).message }));
      return sendError(c, new AppError(503, 'service_unavailable', 'The service could not start; see its logs.'));
    }
    return app.fetch(c.req.raw);
  });
  return entry;
}
