import { Hono } from 'hono';
import { z } from 'zod';
import { toAdminBooking, toAdminListView } from '../../bookings/admin-booking-view.js';
import { courseIdSchema } from '../../courses/course-schema.js';
import { errors } from '../../errors.js';
import type { AdminEnv } from '../../http/admin-auth.js';
import {
  adminBookingPageSchema,
  adminBookingSchema,
  bookingTotalsSchema,
  invoiceSchema,
} from '../../http/api-schemas.js';
import { documented, validParams, validQuery } from '../../http/openapi.js';
import { limitJsonBody } from '../../http/body-limit.js';
import { readJson, readOptionalJson } from '../../http/json-body.js';
import type { BookingService } from '../../bookings/booking-service.js';
import type { AuditStore, BookingFilter, BookingStore } from '../../store/index.js';
import { pageQuery } from '../../http/page-query.js';
import { paymentStatuses } from '../../../../common/contract.js';
import { bookingsCsv } from './bookings-csv.js';

/** A day (`2026-11-27`, from its start in UTC) or an instant. */
const when = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** The filters of the booking list, its totals and its CSV export. */
const filterQuery = z.object({
  status: z.enum(paymentStatuses).optional(),
  courseId: courseIdSchema.optional(),
  from: when.optional().meta({ description: 'Created at or after (a day counts from its start, UTC)' }),
  to: when.optional().meta({ description: 'Created before (a day is included whole)' }),
  source: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: 'Bookings whose campaign source (utm_source) is exactly this' }),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: 'An exact booking, Checkout Session, payment intent or student id, or an email' }),
});

const listQuery = filterQuery.extend({
  ...pageQuery(50).shape,
  format: z
    .enum(['json', 'csv'])
    .optional()
    .meta({ description: 'csv: the whole filter as CSV, like Accept: text/csv' }),
});

const idParam = z.object({ id: z.string().min(1).max(100) });

/** `POST /api/admin/bookings/:id/move`: the session to move to. */
const moveBody = z.object({ sessionId: courseIdSchema.meta({ description: 'A session of the same course' }) });

/** `POST /api/admin/bookings/:id/refund`: how much (none: the rest) and why; the body may be left out. */
const refundBody = z.object({
  amount: z
    .number()
    .int()
    .positive()
    .max(100_000_000)
    .optional()
    .meta({ description: "In the currency's minor unit, up to what is left to refund; none: the rest" }),
  reason: z.string().trim().min(1).max(500).optional().meta({ description: 'Why, for the audit trail' }),
});

/** The operator's bookings: filtered pages, totals, CSV, one booking, and refunds. */
export function adminBookingRoutes(deps: {
  bookings: BookingStore;
  audit: AuditStore;
  service: Pick<BookingService, 'moveBooking' | 'refund' | 'invoice'>;
  stripeMode: 'test' | 'live';
  now: () => Date;
}) {
  const { bookings, audit, service, stripeMode, now } = deps;
  const app = new Hono<AdminEnv>();

  app.get(
    '/bookings',
    documented({
      summary: 'Bookings newest first, filtered, a page at a time; the whole filter as CSV on Accept: text/csv',
      tag: 'Operator',
      caller: 'admin',
      responses: {
        200: {
          description: 'A page and the cursor of the next; or, as CSV, everything the filter matches',
          schema: adminBookingPageSchema,
          alsoAs: 'text/csv',
        },
      },
      errors: [400, 401, 403],
    }),
    validQuery(listQuery),
    async (c) => {
      const { limit, cursor, format, ...query } = c.req.valid('query');
      const filter = filterOf(query);
      if (format === 'csv' || (format === undefined && /\btext\/csv\b/.test(c.req.header('accept') ?? ''))) {
        const day = now().toISOString().slice(0, 10);
        return c.body(bookingsCsv(bookings.stream(filter)), 200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="bookings-${day}.csv"`,
          'Cache-Control': 'no-store',
        });
      }
      const page = await bookings.list(filter, { cursor, limit });
      return c.json({ bookings: page.items.map(toAdminListView), next: page.next });
    },
  );

  app.get(
    '/bookings/totals',
    documented({
      summary: 'How many bookings a filter matches per status, and revenue per currency',
      tag: 'Operator',
      caller: 'admin',
      responses: { 200: { description: 'Counts and revenue', schema: bookingTotalsSchema } },
      errors: [400, 401, 403],
    }),
    validQuery(filterQuery),
    async (c) => c.json(await bookings.totals(filterOf(c.req.valid('query')))),
  );

  app.get(
    '/bookings/:id',
    documented({
      summary: "One booking: its history, ids, the student, links to Stripe's Dashboard",
      tag: 'Operator',
      caller: 'admin',
      responses: { 200: { description: 'The booking', schema: adminBookingSchema } },
      errors: [401, 403, 404],
    }),
    validParams(idParam),
    async (c) => {
      const booking = await bookings.findById(c.req.valid('param').id);
      if (!booking) throw errors.adminBookingNotFound();
      return c.json(toAdminBooking(booking, stripeMode));
    },
  );

  app.get(
    '/bookings/:id/invoice',
    documented({
      summary: "A booking's invoice from Stripe: its number and hosted page",
      tag: 'Operator',
      caller: 'admin',
      responses: {
        200: { description: 'The invoice; `url` is null until Stripe finalizes it', schema: invoiceSchema },
      },
      errors: [401, 403, 404, 503],
    }),
    validParams(idParam),
    async (c) => {
      const booking = await bookings.findById(c.req.valid('param').id);
      if (!booking) throw errors.adminBookingNotFound();
      return c.json(await service.invoice(booking));
    },
  );

  app.post(
    '/bookings/:id/refund',
    documented({
      summary:
        "Refund a booking's payment through Stripe, in part (`amount`) or the rest; Stripe's webhook then records it (a full refund moves the booking to refunded)",
      tag: 'Operator',
      caller: 'admin',
      body: refundBody,
      responses: {
        202: {
          description: 'Stripe took the refund',
          schema: z.object({
            booking: adminBookingSchema,
            refund: z.object({ id: z.string(), status: z.string(), amount: z.number().int() }),
          }),
        },
      },
      errors: [400, 401, 403, 404, 409, 413, 415, 503],
    }),
    limitJsonBody,
    validParams(idParam),
    async (c) => {
      const id = c.req.valid('param').id;
      const asked = await readOptionalJson(c, refundBody);
      const operator = c.get('operator');
      const { booking, refund } = await service.refund(id, operator, asked);
      await audit.record({
        at: now(),
        actor: operator.actor,
        actorName: operator.name,
        action: 'booking.refund',
        target: { type: 'booking', id },
        before: {
          paymentStatus: booking.paymentStatus,
          amountPaid: booking.amountPaid ?? null,
          currency: booking.currency,
        },
        after: {
          refundId: refund.id,
          refundStatus: refund.status,
          amount: refund.amount,
          ...(asked.reason ? { reason: asked.reason } : {}),
        },
      });
      return c.json({ booking: toAdminBooking(booking, stripeMode), refund }, 202);
    },
  );

  app.post(
    '/bookings/:id/move',
    documented({
      summary: 'Move a paid booking to another date of its course (seat-checked; the payment stays)',
      tag: 'Operator',
      caller: 'admin',
      body: moveBody,
      responses: {
        200: { description: 'Moved (or already there)', schema: z.object({ booking: adminBookingSchema }) },
      },
      errors: [400, 401, 403, 404, 409, 413, 415],
    }),
    limitJsonBody,
    validParams(idParam),
    async (c) => {
      const id = c.req.valid('param').id;
      const { sessionId } = await readJson(c, moveBody);
      const operator = c.get('operator');
      const { booking, from, moved } = await service.moveBooking(id, sessionId, operator.actor);
      if (moved) {
        await audit.record({
          at: now(),
          actor: operator.actor,
          actorName: operator.name,
          action: 'booking.move',
          target: { type: 'booking', id },
          before: { sessionId: from },
          after: { sessionId },
        });
      }
      return c.json({ booking: toAdminBooking(booking, stripeMode) });
    },
  );

  return app;
}

/** The store's filter for a query; 400 naming `to` when the range ends before it starts. */
function filterOf(query: z.infer<typeof filterQuery>): BookingFilter {
  const { status, courseId, from, to, q, source } = query;
  const start = from ? new Date(from) : undefined;
  // A day given as `to` is included whole.
  const end = to ? new Date(new Date(to).getTime() + (to.length === 10 ? 86_400_000 : 0)) : undefined;
  if (start && end && end <= start) {
    throw errors.invalidRequest('From must come before To.', { to: 'must be on or after From' });
  }
  return { status, courseId, from: start, to: end, search: q, source };
}
