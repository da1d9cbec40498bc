import { Hono } from 'hono';
import type { Auth } from './auth/index.js';
import type { BookingService } from './bookings/booking-service.js';
import type { Config } from './config/env.js';
import type { Catalog } from './courses/catalog.js';
import { errors } from './errors.js';
import { clientAddressOf, type TrustProxy } from './http/client-address.js';
import { admission, type AdmissionLimits, type Load } from './http/admission.js';
import { observe } from './http/observe.js';
import { alwaysReady, readinessGate, type Readiness } from './http/readiness.js';
import { createRateLimiter } from './http/rate-limit.js';
import type { CallerLimits } from './http/student-auth.js';
import { createErrorHandler, sendError } from './http/error-handler.js';
import type { Logger } from './logger.js';
import { adminRoutes } from './routes/admin/index.js';
import { openApiRoutes } from './routes/openapi.js';
import { adminConsoleRoutes } from './routes/admin-console.js';
import { authRoutes } from './routes/auth.js';
import { bookingRoutes, type BookingLimits } from './routes/bookings.js';
import { waitlistRoutes } from './routes/waitlist.js';
import { personalDataRoutes } from './routes/personal-data.js';
import { courseRoutes } from './routes/courses.js';
import { cronRoutes, type CronReport } from './routes/cron.js';
import { healthRoutes } from './routes/health.js';
import { homeRoutes } from './routes/home.js';
import { coursePageRoutes } from './routes/course-page.js';
import { withOwnOrigin } from './http/origins.js';
import { webhookDoc, webhookRoutes } from './routes/webhooks.js';
import { documented } from './http/openapi.js';
import { widgetRoutes, type AssetLoader } from './routes/widget.js';
import type { Stores } from './store/index.js';
import type { Payments } from './stripe/index.js';

export { maxBodyBytes, maxWebhookBytes } from './http/body-limit.js';

/** Rate limits on the writes, shared by every instance through the database. */
export interface Limits {
  bookings: BookingLimits;
  signIn: CallerLimits;
}

/** Default rate limits: per student, and per address for requests that prove no student. */
export const defaultLimits: Limits = {
  bookings: {
    create: { perStudent: { max: 10, windowMs: 60_000 }, perAddress: { max: 60, windowMs: 60_000 } },
    sync: { perStudent: { max: 60, windowMs: 60_000 }, perAddress: { max: 120, windowMs: 60_000 } },
  },
  signIn: { perStudent: { max: 10, windowMs: 60_000 }, perAddress: { max: 30, windowMs: 60_000 } },
};

/** What the app is built from: its services and settings, made by the composition root (`compose.ts`). */
export interface AppDeps {
  config: Pick<Config, 'adminApiKey' | 'allowedOrigins' | 'publicUrl' | 'widgetTokenSecret'> & {
    stripe?: Pick<Config['stripe'], 'publishableKey'>;
    /** Which proxies to believe about the client's address; none by default. */
    trustProxy?: TrustProxy;
    /** When an unfinished webhook claim counts as dead (its process stopped); 60 s by default. */
    webhookClaimTimeoutMs?: number;
    /** Days attendees' details are kept after their session or purchase; 90 by default. */
    attendeeDataDays?: number;
    /** The bearer secret of `GET /api/cron/reconcile`; without it the route answers 401. */
    cronSecret?: string | undefined;
    /** Clerk user ids allowed into the operator console; none by default. */
    adminUserIds?: readonly string[];
    /** Production: webhook endpoints at internal addresses are refused. */
    production?: boolean;
    /** The operator's colour on the hosted course page; none by default. */
    themeColor?: string | undefined;
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
  catalog: Catalog;
  /** The booking rules. */
  service: BookingService;
  now?: () => Date;
  limits?: Partial<Limits>;
  /** Whether the backend takes traffic yet (not while migrations run); always, when not given. */
  readiness?: Readiness;
  /** How much database work this instance takes on at once; more is answered 503 `overloaded`. */
  admission?: AdmissionLimits;
  /** Counts the requests running now, for the background work that yields to them. */
  load?: Load;
  /** One reconciler run, for `GET /api/cron/reconcile`. */
  reconcile?: () => Promise<CronReport>;
}

/** Builds the HTTP app around the services the composition root made. Routes only: no rules here. */
export function createApp(deps: AppDeps) {
  const { catalog, service } = deps;
  const app = new Hono();
  const limits = { ...defaultLimits, ...deps.limits };
  const take = createRateLimiter(deps.stores.rateLimits, () => (deps.now?.() ?? new Date()).getTime());
  const addressOf = clientAddressOf(deps.config.trustProxy ?? null);

  app.use('*', observe(deps.logger));
  const readiness = deps.readiness ?? alwaysReady;
  app.route('/', healthRoutes(deps.ping, readiness));
  // What reads and writes bookings waits for the migrations, and takes a turn at the database; the
  // course reads (by id, cached) and the static assets need neither.
  const gate = readinessGate(readiness);
  const admit = admission(deps.admission, deps.load);
  const gated = ['/api/bookings/*', '/api/waitlist/*', '/api/me/*', '/api/stripe/*', '/api/auth/*', '/api/admin/*'];
  for (const path of [...gated, '/api/cron/*']) {
    app.use(path, gate, admit);
  }
  app.route('/', homeRoutes({ allowedOrigins: deps.config.allowedOrigins }));
  // The sites allowed to book, and the backend's own hosted course pages.
  const bookingOrigins = withOwnOrigin(deps.config.allowedOrigins, deps.config.publicUrl);
  app.route('/', coursePageRoutes({ catalog, page: deps.config }));
  app.route('/', widgetRoutes(deps.loadAsset));
  app.route(
    '/',
    authRoutes({
      auth: deps.auth,
      publicUrl: deps.config.publicUrl,
      allowedOrigins: bookingOrigins,
      logger: deps.logger,
      loadPopupScript: () => deps.loadAsset('auth-popup.js'),
      courseTitle: async (id) => (await catalog.get(id))?.course.title,
      limits: limits.signIn,
      take,
      addressOf,
    }),
  );
  app.route('/api/courses', courseRoutes(catalog));
  app.route(
    '/api/bookings',
    bookingRoutes({
      service,
      authenticate: deps.auth.authenticate,
      allowedOrigins: bookingOrigins,
      limits: limits.bookings,
      take,
      addressOf,
      sessions: deps.stores.sessions,
    }),
  );
  app.route(
    '/api/waitlist',
    waitlistRoutes({
      lines: service.waitlist,
      authenticate: deps.auth.authenticate,
      allowedOrigins: bookingOrigins,
      limits: limits.bookings.create,
      take,
      addressOf,
    }),
  );
  app.route(
    '/api/me/data',
    personalDataRoutes({
      personal: service.personalData,
      authenticate: deps.auth.authenticate,
      allowedOrigins: bookingOrigins,
      limits: limits.bookings.create,
      take,
      addressOf,
    }),
  );
  app.route('/api/stripe', deps.payments ? webhookRoutes(service, deps.payments, deps.logger) : unavailableWebhooks());
  app.route('/api/cron', cronRoutes(deps.config.cronSecret, deps.reconcile ?? noReconciler));
  app.route(
    '/api/admin',
    adminRoutes({
      catalog,
      service,
      stores: deps.stores,
      auth: deps.auth,
      apiKey: deps.config.adminApiKey,
      adminUserIds: deps.config.adminUserIds ?? [],
      publicUrl: deps.config.publicUrl,
      payments: deps.payments,
      ping: deps.ping,
      logger: deps.logger,
      take,
      addressOf,
      signInLimit: limits.signIn.perAddress,
      production: deps.config.production ?? false,
      now: () => deps.now?.() ?? new Date(),
    }),
  );
  app.route(
    '/',
    adminConsoleRoutes({ devSignIn: deps.auth.devSignIn, clerkPublishableKey: deps.auth.clerkPublishableKey }),
  );
  app.route('/', openApiRoutes(app));

  app.notFound((c) => sendError(c, errors.notFound()));
  app.onError(createErrorHandler(deps.logger));
  return app;
}

const noReconciler = async (): Promise<CronReport> => ({ ran: false, checked: 0, repaired: 0 });

const paymentsUnavailable = () => errors.paymentsUnavailable('Payments are not configured on this server.');

function unavailableWebhooks() {
  const app = new Hono();
  app.post('/webhooks', documented(webhookDoc), () => {
    throw paymentsUnavailable();
  });
  return app;
}
