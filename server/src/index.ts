import { serve } from '@hono/node-server';
import { readFile } from 'node:fs/promises';
import { createApp } from './app.js';
import { createAuth } from './auth/index.js';
import { createReconciler } from './bookings/reconciler.js';
import { ConfigError, readConfig } from './config/env.js';
import { createLogger } from './logger.js';
import { shutDownGracefully } from './shutdown.js';
import { connectDatabase, createStores, ensureIndexes } from './store/index.js';
import { createPayments } from './stripe/index.js';

const dist = new URL('../../dist/', import.meta.url);

try {
  const config = readConfig();
  const logger = createLogger(config.logLevel, { service: 'course-booking' });
  const database = await connectDatabase(config.mongodbUri, config.mongodbDb);
  await ensureIndexes(database.db);
  const stores = createStores(database.db);
  const { secretKey, webhookSecret, apiUrl } = config.stripe;
  const payments = secretKey && webhookSecret ? createPayments({ secretKey, webhookSecret, apiUrl }) : undefined;
  if (!payments) logger.warn('Stripe is not configured: booking answers 503 payments_unavailable');
  if (apiUrl) logger.warn('SANDBOX: Stripe calls go to a local Stripe-compatible API; no money moves', { apiUrl });
  const auth = createAuth(config);
  if (auth.devSignIn) logger.warn('DEVELOPMENT sign-in: Clerk is not configured; the popup signs anyone in by name');
  const app = createApp({
    config,
    logger,
    stores,
    payments,
    auth,
    ping: database.ping,
    loadAsset: (name) => readFile(new URL(name, dist), 'utf8').catch(() => undefined),
  });
  const stopReconciler = payments
    ? createReconciler({
        ...stores,
        gateway: payments.gateway,
        service: app.bookingService,
        logger,
        intervalMs: config.reconcileIntervalMs,
      }).start()
    : () => undefined;
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) =>
    logger.info('listening', { url: config.publicUrl, port: info.port, host: config.host }),
  );
  shutDownGracefully(server, [async () => stopReconciler(), database.close], logger);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
