import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createApp } from './app.js';
import { createAuth } from './auth/index.js';
import { createReconciler } from './bookings/reconciler.js';
import type { Config } from './config/env.js';
import { createCatalog } from './courses/catalog.js';
import { listen } from './http/listen.js';
import type { Logger } from './logger.js';
import { connectDatabase, createStores, ensureIndexes } from './store/index.js';
import { createPayments } from './stripe/index.js';

const dist = new URL('../../dist/', import.meta.url);

/** Connects to everything the config names, serves the app, and runs the reconciler. */
export async function startBackend(
  config: Config,
  logger: Logger,
): Promise<{ server: Server; close: () => Promise<void> }> {
  const database = await connectDatabase(config.mongodbUri, config.mongodbDb);
  await ensureIndexes(database.db);
  const stores = createStores(database.db);
  const catalog = createCatalog(stores.courses);
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
    catalog,
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
      await database.close();
    },
  };
}
