import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { Authenticator } from '../auth/authenticator.js';
import { withBookedSessions } from '../bookings/booked-session.js';
import type { BookingRecord } from '../bookings/booking.js';
import { toBookingStatus, toBookingView } from '../bookings/booking-view.js';
import { bookingCalendar } from '../bookings/calendar.js';
import type { SessionStore } from '../store/index.js';
import type { BookingService } from '../bookings/booking-service.js';
import type { OwnTerms } from '../bookings/student-cancel.js';
import { courseIdSchema, seatCountSchema } from '../courses/course-schema.js';
import { attendeesSchema } from '../courses/questions.js';
import { trackingSchema } from '../http/tracking-schema.js';
import { errors } from '../errors.js';
import { limitJsonBody } from '../http/body-limit.js';
import { readJson } from '../http/json-body.js';
import { pageQuery } from '../http/page-query.js';
import { allowedOriginsOnly } from '../http/origins.js';
import type { TakeRate } from '../http/rate-limit.js';
import { findStudent, limitedStudentAuth, studentAuth, type CallerLimits } from '../http/student-auth.js';
import {
  bookingListSchema,
  bookingSchema,
  bookingStatusSchema,
  createBookingResponseSchema,
  invoiceSchema,
} from '../http/api-schemas.js';
import { documented, validQuery } from '../http/openapi.js';

const createSchema = z.strictObject({
  courseId: courseIdSchema,
  /** The dated session, for a course sold on dates. */
  sessionId: courseIdSchema.optional(),
  /** How many seats: up to the course's maxPerOrder (absent: the booking's own, or 1). */
  quantity: seatCountSchema.optional(),
  /** Who each seat is for, with their answers to the course's questions. */
  attendees: attendeesSchema.optional(),
  returnUrl: z.string().max(2048, 'must be at most 2048 characters'),
  mode: z.enum(['redirect', 'embedded']).default('redirect'),
  /** The host page's language (a BCP 47 tag): Checkout speaks it. */
  locale: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/, 'must be a language tag such as de or pt-BR')
    .max(35)
    .optional(),
  /** Where the student came from (the host page's campaign parameters). */
  tracking: trackingSchema.optional(),
});

/**
 * The student's list: one course's booking (`courseId`, what the widget asks before booking), the
 * bookings of the courses a page shows (`courseIds`, comma-separated, up to 50: the widget shows a
 * returning student's state from one request), or a page: `cursor` from the previous page's
 * `next`, up to `limit` bookings.
 */
const userQuery = pageQuery(100).extend({
  courseId: courseIdSchema.optional(),
  courseIds: z
    .string()
    .transform((list) => [...new Set(list.split(','))])
    .pipe(z.array(courseIdSchema).min(1).max(50, 'must name at most 50 courses'))
    .optional(),
});

/** Limits on the booking writes: creating (asks Stripe for a session) and syncing (asks Stripe again). */
export interface BookingLimits {
  create: CallerLimits;
  /** Per student, per return ticket, and per address for callers that prove neither. */
  sync: CallerLimits;
}

/** What the booking routes run on. */
export interface BookingRouteDeps {
  service: BookingService;
  authenticate: Authenticator;
  allowedOrigins: string[];
  limits: BookingLimits;
  take: TakeRate;
  addressOf: (c: Context) => string;
  /** The sessions of dated bookings, shown with them. */
  sessions: Pick<SessionStore, 'find' | 'findMany'>;
}

/** The student's bookings: create, read, sync. Allowed origins only; every route needs a signed-in student. */
export function bookingRoutes({
  service,
  authenticate,
  allowedOrigins,
  limits,
  take,
  addressOf,
  sessions,
}: BookingRouteDeps) {
  /** The student's views of bookings, each dated one with its session (one read for all). */
  /** The owner's views: each booking's session, and what they may do with it now (cancel, move). */
  const views = async (records: BookingRecord[]) => {
    const shown = await withBookedSessions(sessions, records, (b) => toBookingView(b));
    return Promise.all(
      shown.map(async (view, i) => ({
        ...view,
        ...(view.cancellation ? {} : { cancellation: offerOf(await service.ownTerms(records[i]!)) }),
        attendeesUntil: await service.attendeesEditableUntil(records[i]!),
      })),
    );
  };
  const app = new Hono();
  // Allowed origins only, on every route (preflight included).
  const [cors, refuseForeign] = allowedOriginsOnly(allowedOrigins) as [MiddlewareHandler, MiddlewareHandler];
  const requireStudent = studentAuth(authenticate);
  app.options('/*', cors, refuseForeign);

  app.post(
    '/create',
    documented({
      summary: 'Start paying for a course: a Checkout Session (or a confirmed free booking)',
      tag: 'Bookings',
      caller: 'student',
      body: createSchema,
      responses: {
        200: { description: 'The open session of this booking, again', schema: createBookingResponseSchema },
        201: { description: 'A new attempt, or a free booking confirmed', schema: createBookingResponseSchema },
      },
      errors: [400, 401, 403, 404, 409, 410, 413, 415, 429, 503],
    }),
    cors,
    refuseForeign,
    limitJsonBody,
    limitedStudentAuth(authenticate, take, addressOf, 'create', limits.create),
    async (c) => {
      const body = await readJson(c, createSchema);
      const result = await service.create({ userId: c.get('userId'), email: c.get('studentEmail'), ...body });
      const { booking, checkout, created } = result;
      const [view] = await views([booking]);
      return c.json({ booking: view, ...(checkout ? { checkout } : {}) }, created ? 201 : 200);
    },
  );

  app.get(
    '/user',
    documented({
      summary: "The signed-in student's bookings, newest first, a page at a time",
      tag: 'Bookings',
      caller: 'student',
      responses: { 200: { description: 'A page of bookings', schema: bookingListSchema } },
      errors: [400, 401, 403],
    }),
    cors,
    refuseForeign,
    requireStudent,
    validQuery(userQuery),
    async (c) => {
      const { courseId, courseIds, cursor, limit } = c.req.valid('query');
      if (courseIds !== undefined) {
        const found = await service.findForCourses(c.get('userId'), courseIds);
        return c.json({ bookings: await views(found) });
      }
      // A course on dates may have a booking for each date: all of them.
      if (courseId !== undefined) {
        return c.json({ bookings: await views(await service.findForCourses(c.get('userId'), [courseId])) });
      }
      const { items, next } = await service.list(c.get('userId'), {
        cursor,
        limit,
      });
      return c.json({ bookings: await views(items), next });
    },
  );

  app.get(
    '/:id',
    documented({
      summary: "One of the student's bookings (another student's is a 404)",
      tag: 'Bookings',
      caller: 'student',
      responses: { 200: { description: 'The booking', schema: bookingSchema } },
      errors: [401, 403, 404],
    }),
    cors,
    refuseForeign,
    requireStudent,
    async (c) => c.json((await views([await service.get(c.get('userId'), c.req.param('id'))]))[0]),
  );

  app.get(
    '/:id/calendar.ics',
    documented({
      summary: "A dated booking's calendar file: every meeting as an event, in the session's time zone",
      tag: 'Bookings',
      caller: 'student',
      responses: { 200: { description: 'iCalendar (RFC 5545)', type: 'text/calendar' } },
      errors: [401, 403, 404],
    }),
    cors,
    refuseForeign,
    requireStudent,
    async (c) => {
      const booking = await service.get(c.get('userId'), c.req.param('id'));
      const session = booking.sessionId ? await sessions.find(booking.courseId, booking.sessionId) : null;
      if (!session) throw errors.sessionNotFound();
      return c.body(bookingCalendar(booking, session), 200, {
        'Content-Type': 'text/calendar; charset=utf-8',
        'Content-Disposition': `attachment; filename="${booking.courseId}-${session.sessionId}.ics"`,
        'Cache-Control': 'no-store',
      });
    },
  );

  app.get(
    '/:id/invoice',
    documented({
      summary: "A booking's invoice (the course asked Stripe for invoices): its number and hosted page",
      tag: 'Bookings',
      caller: 'student',
      responses: {
        200: { description: 'The invoice; `url` is null until Stripe finalizes it', schema: invoiceSchema },
      },
      errors: [401, 403, 404, 503],
    }),
    cors,
    refuseForeign,
    requireStudent,
    async (c) => c.json(await service.invoice(await service.get(c.get('userId'), c.req.param('id')))),
  );

  // The owner, or the page Stripe sent back with the booking's return ticket, which sees the status only.
  app.post(
    '/:id/sync',
    documented({
      summary: 'Ask Stripe where a booking stands now: its owner, or the return page with its ticket (X-Return-Ticket)',
      tag: 'Bookings',
      caller: 'student',
      responses: {
        200: {
          description: 'The booking (the owner), or its status only (a return ticket)',
          schema: z.union([bookingSchema, bookingStatusSchema]),
        },
      },
      errors: [401, 403, 404, 429, 503],
    }),
    cors,
    refuseForeign,
    async (c) => {
      const id = c.req.param('id');
      const ticket = c.req.header('x-return-ticket');
      const origin = c.req.header('origin');
      if (ticket && !c.req.header('authorization')) {
        if (!service.isTicketGenuine(id, ticket, origin)) {
          await take(c, 'sync', `anonymous:${addressOf(c)}`, limits.sync.perAddress);
          throw errors.bookingNotFound();
        }
        await take(c, 'sync', `ticket:${id}`, limits.sync.perStudent);
        return c.json(toBookingStatus(await service.sync({ ticket, origin }, id)));
      }
      const userId = (await findStudent(c, authenticate))?.userId;
      if (!userId) {
        await take(c, 'sync', `anonymous:${addressOf(c)}`, limits.sync.perAddress);
        throw errors.unauthenticated();
      }
      await take(c, 'sync', `student:${userId}`, limits.sync.perStudent);
      return c.json(toBookingView(await service.sync({ userId }, id)));
    },
  );

  app.post(
    '/:id/cancel',
    documented({
      summary: "Cancel one's own paid booking within the course's policy; refunded as the policy says",
      tag: 'Bookings',
      caller: 'student',
      responses: { 200: { description: 'Cancelled (again: the same answer)', schema: cancelAnswerSchema } },
      errors: [401, 403, 404, 409, 429, 503],
    }),
    cors,
    refuseForeign,
    limitedStudentAuth(authenticate, take, addressOf, 'create', limits.create),
    async (c) => {
      const { booking, refund } = await service.cancelOwn(c.get('userId'), c.req.param('id'));
      return c.json({ booking: (await views([booking]))[0], refund });
    },
  );

  app.post(
    '/:id/move',
    documented({
      summary: "Move one's own paid booking to another date of its course, while the course's policy allows",
      tag: 'Bookings',
      caller: 'student',
      body: moveSchema,
      responses: { 200: { description: 'Moved', schema: z.object({ booking: bookingSchema }) } },
      errors: [400, 401, 403, 404, 409, 413, 415, 429, 503],
    }),
    cors,
    refuseForeign,
    limitJsonBody,
    limitedStudentAuth(authenticate, take, addressOf, 'create', limits.create),
    async (c) => {
      const { sessionId } = await readJson(c, moveSchema);
      const { booking } = await service.moveOwn(c.get('userId'), c.req.param('id'), sessionId);
      return c.json({ booking: (await views([booking]))[0] });
    },
  );

  app.put(
    '/:id/attendees',
    documented({
      summary: "Change who one's own booking's seats are for, and their answers, until the session starts",
      tag: 'Bookings',
      caller: 'student',
      body: attendeesBodySchema,
      responses: { 200: { description: 'Changed', schema: z.object({ booking: bookingSchema }) } },
      errors: [400, 401, 403, 404, 409, 413, 415, 429, 503],
    }),
    cors,
    refuseForeign,
    limitJsonBody,
    limitedStudentAuth(authenticate, take, addressOf, 'create', limits.create),
    async (c) => {
      const { attendees } = await readJson(c, attendeesBodySchema);
      const booking = await service.editAttendees(c.get('userId'), c.req.param('id'), attendees);
      return c.json({ booking: (await views([booking]))[0] });
    },
  );

  return app;
}

const attendeesBodySchema = z.strictObject({ attendees: attendeesSchema });

const moveSchema = z.strictObject({ sessionId: courseIdSchema });

const cancelAnswerSchema = z.object({
  booking: bookingSchema,
  refund: z
    .object({ amount: z.number().int(), currency: z.string() })
    .nullable()
    .meta({ description: 'What goes back (null: nothing, a free booking or a 0 % window)' }),
});

/** What the owner may do with a booking now, as the API says it. */
function offerOf(terms: OwnTerms) {
  return {
    allowed: terms.allowed,
    refundAmount: terms.refundAmount,
    until: terms.until?.toISOString() ?? null,
    moveUntil: terms.moveUntil?.toISOString() ?? null,
    ...(terms.policy ? { policy: terms.policy } : {}),
  };
}
