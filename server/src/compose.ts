import { createApp, type AppDeps } from './app.js';
import type { Readiness } from './http/readiness.js';
import type { AssetLoader } from './routes/widget.js';
import { createAuth } from './auth/index.js';
import { createBookingService } from './bookings/booking-service.js';
import { unavailableGateway } from './bookings/unavailable-gateway.js';
import { createReconciler } from './bookings/reconciler.js';
import { returnTickets } from './bookings/return-ticket.js';
import type { Config } from './config/env.js';
import { catalogOver } from './courses/catalog.js';
import type { Logger } from './logger.js';
import { createStores, type Database } from './store/index.js';
import { createPayments } from './stripe/index.js';

/** What the app is assembled from; the catalog and the booking service are made here unless given. */
export type AppParts = Omit<AppDeps, 'catalog' | 'service'> & Partial<Pick<AppDeps, 'catalog'>>;

/**
 * Makes the services and builds the app around them: the one way an app is put together, in
 * production (`composeBackend`) and in every test.
 */
export function assemble(parts: AppParts) {
  const catalog = parts.catalog ?? catalogOver(parts.stores);
  const service = createBookingService({
    bookings: parts.stores.bookings,
    events: parts.stores.events,
    locks: parts.stores.locks,
    seats: parts.stores.seats,
    sessions: parts.stores.sessions,
    logger: parts.logger,
    catalog,
    gateway: parts.payments?.gateway ?? unavailableGateway,
    allowedOrigins: parts.config.allowedOrigins,
    now: parts.now,
    tickets: returnTickets(parts.config.widgetTokenSecret, parts.now),
    publishableKey: parts.config.stripe?.publishableKey,
    claimTimeoutMs: parts.config.webhookClaimTimeoutMs,
  });
  return { app: createApp({ ...parts, catalog, service }), catalog, service };
}

/**
 * Builds the backend from its configuration over a connected database: the app, the catalog it
 * serves prices from, and the reconciler (run on a timer by a Node host, by a cron request on a
 * serverless one, at `GET /api/cron/reconcile`).
 */
export function composeBackend(
  config: Config,
  logger: Logger,
  database: Database,
  loadAsset: AssetLoader,
  readiness?: Readiness,
) {
  const stores = createStores(database.db);
  const { secretKey, webhookSecret, apiUrl, checkout } = config.stripe;
  const payments =
    secretKey && webhookSecret ? createPayments({ secretKey, webhookSecret, apiUrl, checkout }) : undefined;
  if (!payments) logger.warn('Stripe is not configured: booking answers 503 payments_unavailable');
  if (apiUrl) {
    logger.warn('SANDBOX or test API: Stripe calls go to a Stripe-compatible API, not Stripe; no money moves', {
      apiUrl,
    });
  }
  const auth = createAuth(config);
  if (auth.devSignIn) logger.warn('DEVELOPMENT sign-in: the popup signs anyone in by name, no password');

  let reconciler: ReturnType<typeof createReconciler> | undefined;
  const { app, catalog, service } = assemble({
    config,
    logger,
    stores,
    payments,
    auth,
    ping: database.ping,
    loadAsset,
    readiness,
    reconcile: async () =>
      reconciler ? reconciler.runOnce() : { ran: false, checked: 0, repaired: 0, failed: 0, pruned: 0 },
  });
  if (payments) {
    reconciler = createReconciler({
      ...stores,
      gateway: payments.gateway,
      service,
      logger,
      intervalMs: config.reconcileIntervalMs,
    });
  }
  return { app, catalog, reconciler };
}
