import { Hono, type Context } from 'hono';
import type { Auth } from '../../auth/index.js';
import type { BookingService } from '../../bookings/booking-service.js';
import type { Catalog } from '../../courses/catalog.js';
import { adminAuth, type AdminEnv } from '../../http/admin-auth.js';
import type { RateLimit, TakeRate } from '../../http/rate-limit.js';
import type { Logger } from '../../logger.js';
import type { Stores } from '../../store/index.js';
import type { Payments } from '../../stripe/index.js';
import { adminBookingRoutes } from './admin-bookings.js';
import { adminCourseRoutes } from './admin-courses.js';
import { adminCourseSessionRoutes } from './admin-course-sessions.js';
import { adminWaitlistRoutes } from './admin-waitlist.js';
import { adminOpsRoutes } from './admin-ops.js';
import { adminSessionRoutes } from './admin-session.js';
import { adminWebhookRoutes } from './admin-webhooks.js';
import { operatorSchema } from '../../http/api-schemas.js';
import { documented } from '../../http/openapi.js';

/** What the operator API runs on. */
export interface AdminDeps {
  catalog: Catalog;
  service: BookingService;
  stores: Pick<
    Stores,
    | 'bookings'
    | 'events'
    | 'audit'
    | 'jobs'
    | 'locks'
    | 'sessions'
    | 'seats'
    | 'outbox'
    | 'webhookEndpoints'
    | 'waitlist'
  >;
  auth: Pick<Auth, 'verifyClerkSession' | 'adminTokens' | 'devSignIn'>;
  apiKey: string;
  adminUserIds: readonly string[];
  publicUrl: string;
  payments: Pick<Payments, 'gateway' | 'mode' | 'health'> | undefined;
  ping: () => Promise<void>;
  logger: Logger;
  take: TakeRate;
  addressOf: (c: Context) => string;
  signInLimit: RateLimit;
  /** Production: webhook endpoints at internal addresses are refused. */
  production: boolean;
  now: () => Date;
}

/** The operator's API under `/api/admin`: the console's sign-in, then everything behind admin auth. */
export function adminRoutes(deps: AdminDeps) {
  const { stores, payments, now } = deps;
  const app = new Hono<AdminEnv>();
  app.route('/', adminSessionRoutes({ ...deps, limit: deps.signInLimit }));
  app.use('*', adminAuth({ apiKey: deps.apiKey, adminUserIds: deps.adminUserIds, tokens: deps.auth.adminTokens }));
  app.get(
    '/session',
    documented({
      summary: 'Who the admin credentials belong to',
      tag: 'Operator',
      caller: 'admin',
      responses: { 200: { description: 'The operator', schema: operatorSchema } },
      errors: [401, 403],
    }),
    (c) => c.json(c.get('operator')),
  );
  app.route('/', adminCourseRoutes({ catalog: deps.catalog, service: deps.service, audit: stores.audit, now }));
  app.route(
    '/',
    adminCourseSessionRoutes({
      catalog: deps.catalog,
      sessions: stores.sessions,
      bookings: stores.bookings,
      seats: stores.seats,
      service: deps.service,
      audit: stores.audit,
      now,
    }),
  );
  app.route(
    '/',
    adminBookingRoutes({
      bookings: stores.bookings,
      audit: stores.audit,
      service: deps.service,
      stripeMode: payments?.mode ?? 'test',
      now,
    }),
  );
  app.route(
    '/',
    adminWebhookRoutes({
      endpoints: stores.webhookEndpoints,
      outbox: stores.outbox,
      audit: stores.audit,
      production: deps.production,
      now,
    }),
  );
  app.route(
    '/',
    adminWaitlistRoutes({ lines: deps.service.waitlist, waitlist: stores.waitlist, audit: stores.audit, now }),
  );
  app.route('/', adminOpsRoutes({ ...stores, ping: deps.ping, stripe: payments }));
  return app;
}
