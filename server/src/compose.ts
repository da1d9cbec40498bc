import { createApp } from './app.js';
import type { AssetLoader } from './routes/widget.js';
import { createAuth } from './auth/index.js';
import { createReconciler } from './bookings/reconciler.js';
import type { Config } from './config/env.js';
import { createCatalog } from './courses/catalog.js';
import type { Logger } from './logger.js';
import { createStores, type Database } from './store/index.js';
import { createPayments } from './stripe/index.js';

/**
 * Builds the backend from its configuration over a connected database: the app, the catalog it
 * serves prices from, and the reconciler (run on a timer by a Node host, by a cron request on a
 * serverless one, at `GET /api/cron/reconcile`).
 */
export function composeBackend(config: Config, logger: Logger, database: Database, loadAsset: AssetLoader) {
  const stores = createStores(database.db);
  const catalog = createCatalog(stores.courses);
  const { secretKey, webhookSecret, apiUrl } = config.stripe;
  const payments = secretKey && webhookSecret ? createPayments({ secretKey, webhookSecret, apiUrl }) : undefined;
  if (!payments) logger.warn('Stripe is not configured: booking answers 503 payments_unavailable');
  if (apiUrl)
    logger.warn('SANDBOX or test API: Stripe calls go to a Stripe-compatible API, not Stripe; no money moves', {
      apiUrl,
    });
  const auth = createAuth(config);
  if (auth.devSignIn) logger.warn('DEVELOPMENT sign-in: the popup signs anyone in by name, no password');

  let reconciler: ReturnType<typeof createReconciler> | undefined;
  const app = createApp({
    config,
    logger,
    stores,
    catalog,
    payments,
    auth,
    ping: database.ping,
    loadAsset,
    reconcile: async () =>
      reconciler ? reconciler.runOnce() : { ran: false, checked: 0, repaired: 0, failed: 0, pruned: 0 },
  });
  if (payments) {
    reconciler = createReconciler({
      ...stores,
      gateway: payments.gateway,
      service: app.bookingService,
      logger,
      intervalMs: config.reconcileIntervalMs,
    });
  }
  return { app, catalog, reconciler };
}
