import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import type { Config } from './config/env.js';
import { createCatalog, type Catalog } from './courses/catalog.js';
import { errors } from './errors.js';
import { accessLog } from './http/access-log.js';
import { createErrorHandler, sendError } from './http/error-handler.js';
import type { Logger } from './logger.js';
import { adminRoutes } from './routes/admin.js';
import { courseRoutes } from './routes/courses.js';
import { healthRoutes } from './routes/health.js';
import { widgetRoutes } from './routes/widget.js';
import type { Stores } from './store/index.js';

/** Largest request body the API reads, in bytes. */
export const maxBodyBytes = 16 * 1024;

/** What the app is built from; tests pass real or fake parts without touching globals. */
export interface AppDeps {
  config: Pick<Config, 'adminApiKey'>;
  stores: Stores;
  logger: Logger;
  /** Answers when the database is reachable, throws otherwise. */
  ping: () => Promise<void>;
  /** The built widget bundle, or undefined when it has not been built. */
  loadWidget: () => Promise<string | undefined>;
  catalog?: Catalog;
}

/** Builds the HTTP app. */
export function createApp(deps: AppDeps) {
  const catalog = deps.catalog ?? createCatalog(deps.stores.courses);
  const app = new Hono();

  app.use('*', requestId());
  app.use('*', accessLog(deps.logger));
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) => sendError(c, errors.payloadTooLarge(maxBodyBytes)),
    }),
  );

  app.route('/', healthRoutes(deps.ping));
  app.route('/', widgetRoutes(deps.loadWidget));
  app.route('/api/courses', courseRoutes(catalog));
  app.route('/api/admin', adminRoutes(catalog, deps.config.adminApiKey));

  app.notFound((c) => sendError(c, errors.notFound()));
  app.onError(createErrorHandler(deps.logger));
  return app;
}
