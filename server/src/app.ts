import { Hono } from 'hono';
import type { Auth } from './auth/index.js';
import { createBookingService, type BookingService } from './bookings/booking-service.js';
import { returnTickets } from './bookings/return-ticket.js';
import type { PaymentGateway } from './bookings/payment-gateway.js';
import type { Config } from './config/env.js';
import { createCatalog, type Catalog } from './courses/catalog.js';
import { errors } from './errors.js';
import { observe } from './http/observe.js';
import { createErrorHandler, sendError } from './http/error-handler.js';
import type { Logger } from './logger.js';
import { adminRoutes } from './routes/admin.js';
import { authRoutes } from './routes/auth.js';
import { bookingRoutes, type BookingLimits } from './routes/bookings.js';
import { courseRoutes } from './routes/courses.js';
import { healthRoutes } from './routes/health.js';
import { webhookRoutes } from './routes/webhooks.js';
import { widgetRoutes, type AssetLoader } from './routes/widget.js';
import type { Stores } from './store/index.js';
import type { Payments } from './stripe/index.js';

export { maxBodyBytes, maxWebhookBytes } from './http/body-limit.js';

/** Default limits on creating bookings. */
export const defaultBookingLimits: BookingLimits = {
  perStudent: { max: 10, windowMs: 60_000 },
  perAddress: { max: 60, windowMs: 60_000 },
};

/** What the app is built from; tests pass real or fake parts without touching globals. */
export interface AppDeps {
  config: Pick<Config, 'adminApiKey' | 'allowedOrigins' | 'publicUrl' | 'widgetTokenSecret'> & {
    stripe?: Pick<Config['stripe'], 'publishableKey'>;
  };
  stores: Stores;
  logger: Logger;
  /** Answers when the database is reachable, throws otherwise. */
  ping: () => Promise<void>;
  /** A built browser file from dist/ (`widget.js`, `chunks/…`, `auth-popup.js`), or undefined when missing. */
  loadAsset: AssetLoader;
  /** How students sign in. */
  auth: Auth;
  /** Stripe; without it booking answers 503 `payments_unavailable`. */
  payments?: Payments | undefined;
  catalog?: Catalog;
  now?: () => Date;
  bookingLimits?: BookingLimits;
}

/** Builds the HTTP app, and the booking service it serves (the reconciler shares it). */
export function createApp(deps: AppDeps) {
  const catalog = deps.catalog ?? createCatalog(deps.stores.courses);
  const service = createBookingService({
    bookings: deps.stores.bookings,
    events: deps.stores.events,
    catalog,
    gateway: deps.payments?.gateway ?? unavailableGateway,
    allowedOrigins: deps.config.allowedOrigins,
    now: deps.now,
    tickets: returnTickets(deps.config.widgetTokenSecret, deps.now),
    publishableKey: deps.config.stripe?.publishableKey,
  });
  const app = new Hono();

  app.use('*', observe(deps.logger));

  app.route('/', healthRoutes(deps.ping));
  app.route('/', widgetRoutes(deps.loadAsset));
  app.route(
    '/',
    authRoutes({
      auth: deps.auth,
      publicUrl: deps.config.publicUrl,
      allowedOrigins: deps.config.allowedOrigins,
      logger: deps.logger,
      loadPopupScript: () => deps.loadAsset('auth-popup.js'),
    }),
  );
  app.route('/api/courses', courseRoutes(catalog));
  app.route(
    '/api/bookings',
    bookingRoutes(
      service,
      deps.auth.authenticate,
      deps.config.allowedOrigins,
      deps.bookingLimits ?? defaultBookingLimits,
    ),
  );
  app.route('/api/stripe', deps.payments ? webhookRoutes(service, deps.payments, deps.logger) : unavailableWebhooks());
  app.route('/api/admin', adminRoutes(catalog, deps.stores.bookings, deps.config.adminApiKey));

  app.notFound((c) => sendError(c, errors.notFound()));
  app.onError(createErrorHandler(deps.logger));
  return Object.assign(app, { bookingService: service as BookingService });
}

const paymentsUnavailable = () => errors.paymentsUnavailable('Payments are not configured on this server.');

const unavailableGateway: PaymentGateway = {
  createCheckout: async () => Promise.reject(paymentsUnavailable()),
  retrieveCheckout: async () => Promise.reject(paymentsUnavailable()),
  expireCheckout: async () => Promise.reject(paymentsUnavailable()),
};

function unavailableWebhooks() {
  const app = new Hono();
  app.post('/webhooks', () => {
    throw paymentsUnavailable();
  });
  return app;
}
