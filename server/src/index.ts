import { serve } from '@hono/node-server';
import { readFile } from 'node:fs/promises';
import { createApp } from './app.js';
import { ConfigError, readConfig } from './config/env.js';
import { createLogger } from './logger.js';
import { shutDownGracefully } from './shutdown.js';
import { connectDatabase, createStores, ensureIndexes } from './store/index.js';

const widgetFile = new URL('../../dist/widget.js', import.meta.url);

try {
  const config = readConfig();
  const logger = createLogger(config.logLevel, { service: 'course-booking' });
  const database = await connectDatabase(config.mongodbUri, config.mongodbDb);
  await ensureIndexes(database.db);
  const app = createApp({
    config,
    logger,
    stores: createStores(database.db),
    ping: database.ping,
    loadWidget: () => readFile(widgetFile, 'utf8').catch(() => undefined),
  });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) =>
    logger.info('listening', { url: config.publicUrl, port: info.port, host: config.host }),
  );
  shutDownGracefully(server, [database.close], logger);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
