import { Hono } from 'hono';
import { z } from 'zod';
import type { AdminEnv } from '../../http/admin-auth.js';
import { auditPageSchema, operatorStatusSchema, webhookPageSchema } from '../../http/api-schemas.js';
import { documented, validQuery } from '../../http/openapi.js';
import type { AuditStore, BookingStore, EventStore, JobStore, OutboxStore, WaitlistStore } from '../../store/index.js';
import { pageQuery } from '../../http/page-query.js';
import type { StripeHealth } from '../../stripe/index.js';

const eventQuery = pageQuery(50).extend({
  outcome: z.enum(['applied', 'unchanged', 'ignored', 'parked', 'retry', 'processing']).optional(),
  type: z
    .string()
    .regex(/^[a-z_.]{1,100}$/, 'must be a Stripe event type such as checkout.session.completed')
    .optional(),
});

/** What the health screen reads. */
export interface OpsDeps {
  bookings: BookingStore;
  events: EventStore;
  audit: AuditStore;
  jobs: JobStore;
  outbox: OutboxStore;
  waitlist: WaitlistStore;
  ping: () => Promise<void>;
  /** Stripe as this instance saw it; undefined when Stripe is not configured. */
  stripe: { mode: 'test' | 'live'; health: () => StripeHealth } | undefined;
}

/** The operator's webhook log, audit trail and health screen. */
export function adminOpsRoutes(deps: OpsDeps) {
  const app = new Hono<AdminEnv>();

  app.get(
    '/webhook-events',
    documented({
      summary: 'The webhook log: each event received, newest first, with its outcome',
      tag: 'Operator',
      caller: 'admin',
      responses: { 200: { description: 'A page of events', schema: webhookPageSchema } },
      errors: [400, 401, 403],
    }),
    validQuery(eventQuery),
    async (c) => {
      const { limit, cursor, outcome, type } = c.req.valid('query');
      const page = await deps.events.list({ outcome, type }, { cursor, limit });
      return c.json({
        events: page.items.map((e) => ({ ...e, receivedAt: e.receivedAt.toISOString() })),
        next: page.next,
      });
    },
  );

  app.get(
    '/audit',
    documented({
      summary: 'Every state-changing operator action, newest first',
      tag: 'Operator',
      caller: 'admin',
      responses: { 200: { description: 'A page of the audit trail', schema: auditPageSchema } },
      errors: [400, 401, 403],
    }),
    validQuery(pageQuery(50)),
    async (c) => {
      const { limit, cursor } = c.req.valid('query');
      const page = await deps.audit.list({ cursor, limit });
      return c.json({ entries: page.items.map((e) => ({ ...e, at: e.at.toISOString() })), next: page.next });
    },
  );

  app.get(
    '/status',
    documented({
      summary: 'Readiness of the database and Stripe, the reconciler, and what waits longest',
      tag: 'Operator',
      caller: 'admin',
      responses: { 200: { description: 'The status', schema: operatorStatusSchema } },
      errors: [401, 403],
    }),
    async (c) => c.json(await operatorStatus(deps)),
  );

  return app;
}

async function operatorStatus(deps: OpsDeps) {
  const started = performance.now();
  const ready = await deps.ping().then(
    () => true,
    () => false,
  );
  const latencyMs = ready ? Math.round(performance.now() - started) : null;
  // Without the database the rest cannot be read; the screen still shows what is known.
  const [run, oldest, retry, parked, outbox, openOffers] = ready
    ? await Promise.all([
        deps.jobs.lastRun('reconciler'),
        deps.bookings.oldestOpen(),
        deps.events.count('retry'),
        deps.events.count('parked'),
        outboxStatus(deps),
        deps.waitlist.countOffers(),
      ])
    : [null, null, 0, 0, { waiting: 0, failed: 0, lastRunAt: null }, 0];
  const health = deps.stripe?.health();
  return {
    database: { ready, latencyMs },
    stripe: {
      configured: deps.stripe !== undefined,
      mode: deps.stripe?.mode ?? null,
      lastSuccessAt: health?.lastSuccessAt?.toISOString() ?? null,
      lastFailureAt: health?.lastFailureAt?.toISOString() ?? null,
      lastError: health?.lastError ?? null,
    },
    reconciler: {
      lastRunAt: run?.at.toISOString() ?? null,
      durationMs: run?.durationMs ?? null,
      checked: run?.checked ?? 0,
      repaired: run?.repaired ?? 0,
      failed: run?.failed ?? 0,
    },
    oldestOpen: oldest && {
      id: oldest.id,
      paymentStatus: oldest.paymentStatus,
      createdAt: oldest.createdAt.toISOString(),
      updatedAt: oldest.updatedAt.toISOString(),
    },
    webhooksWaiting: { retry, parked },
    outbox,
    openOffers,
  };
}

/** What the outbox holds unsent (waiting, or being sent) and gave up on, and when its messenger last did something. */
async function outboxStatus(deps: OpsDeps) {
  const [pending, sending, failed, run] = await Promise.all([
    deps.outbox.count('pending'),
    deps.outbox.count('sending'),
    deps.outbox.count('failed'),
    deps.jobs.lastRun('messenger'),
  ]);
  return { waiting: pending + sending, failed, lastRunAt: run?.at.toISOString() ?? null };
}
