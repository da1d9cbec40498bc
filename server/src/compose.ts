import { withOwnOrigin } from './http/origins.js';
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
import { createMailer } from './outbox/mailer.js';
import { createMessenger, operatorNameOf } from './outbox/messenger.js';
import { sessionCancelledItems } from './outbox/relay.js';

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
    waitlist: parts.stores.waitlist,
    outbox: parts.stores.outbox,
    logger: parts.logger,
    catalog,
    gateway: parts.payments?.gateway ?? unavailableGateway,
    // The backend's own origin too: its hosted course pages (`/c/:courseId`) book and return there.
    allowedOrigins: withOwnOrigin(parts.config.allowedOrigins, parts.config.publicUrl),
    now: parts.now,
    tickets: returnTickets(parts.config.widgetTokenSecret, parts.now),
    publishableKey: parts.config.stripe?.publishableKey,
    claimTimeoutMs: parts.config.webhookClaimTimeoutMs,
    attendeeDataDays: parts.config.attendeeDataDays,
    // The cancellation of a session is news for the operator's systems: written to the outbox.
    announceSession: async (session) => {
      const endpoints = await parts.stores.webhookEndpoints.list();
      await parts.stores.outbox.add(sessionCancelledItems(session, endpoints, parts.now?.() ?? new Date()));
    },
  });
  return { app: createApp({ ...parts, catalog, service }), catalog, service };
}

/**
 * Builds the backend from its configuration over a connected database: the app, the catalog it
 * serves prices from, the reconciler and the messenger that drains the outbox (each run on a timer
 * by a Node host, by a cron request on a serverless one, at `GET /api/cron/reconcile`).
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

  const { mail } = config;
  // The requests this instance runs: the messenger sends one message at a time while there are any.
  const load = { running: 0 };
  if (!mail.smtpUrl) logger.warn('Mail is off: SMTP_URL is not set, so no booking emails are sent');
  const messenger = createMessenger({
    stores,
    mailer: mail.smtpUrl ? createMailer({ smtpUrl: mail.smtpUrl, from: mail.from, replyTo: mail.replyTo }) : null,
    operatorName: operatorNameOf(mail.from),
    operatorEmail: mail.operatorEmail,
    stripeMode: secretKey?.startsWith('sk_live_') || secretKey?.startsWith('rk_live_') ? 'live' : 'test',
    publicOnly: config.production,
    retryBaseMs: config.outbox.retryBaseMs,
    intervalMs: config.outbox.intervalMs,
    reminderEveryMs: config.outbox.reminderEveryMs,
    logger,
    load,
  });

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
    load,
    reconcile: async () => {
      // A serverless host's cron request drains the outbox too: no timer runs there between requests.
      const report = reconciler
        ? await reconciler.runOnce()
        : { ran: false, checked: 0, repaired: 0, failed: 0, pruned: 0 };
      await messenger.runOnce().catch((error: Error) => logger.warn('messenger run failed', { error: error.message }));
      return report;
    },
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
  return { app, catalog, reconciler, messenger };
}
