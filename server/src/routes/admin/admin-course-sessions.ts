import { Hono } from 'hono';
import type { BookingService } from '../../bookings/booking-service.js';
import { z } from 'zod';
import type { Catalog } from '../../courses/catalog.js';
import { courseIdSchema } from '../../courses/course-schema.js';
import { sessionInputSchema } from '../../courses/session-schema.js';
import { errors } from '../../errors.js';
import type { AdminEnv } from '../../http/admin-auth.js';
import {
  adminCourseSessionSchema,
  adminSessionListSchema,
  sessionAttendeesSchema,
  sessionCancelSchema,
} from '../../http/api-schemas.js';
import { limitJsonBody } from '../../http/body-limit.js';
import { readJson } from '../../http/json-body.js';
import { documented, validParams, validQuery } from '../../http/openapi.js';
import type { AuditStore, BookingStore, SeatStore, SessionDoc, SessionStore } from '../../store/index.js';
import { seatPool } from '../../courses/course-sessions.js';
import { settledOrSettling, type BookingRecord } from '../../bookings/booking.js';
import type { Question } from '../../../../common/contract.js';
import { csvStream } from './bookings-csv.js';

const params = z.object({ courseId: courseIdSchema, sessionId: courseIdSchema });

/** A stored session as the operator API answers it. */
export function toAdminSession(doc: SessionDoc) {
  return {
    id: doc.sessionId,
    courseId: doc.courseId,
    startsAt: doc.startsAt.toISOString(),
    endsAt: doc.endsAt.toISOString(),
    timeZone: doc.timeZone,
    location: doc.location,
    onlineUrl: doc.onlineUrl,
    capacity: doc.capacity,
    bookingClosesAt: doc.bookingClosesAt.toISOString(),
    meetings: doc.meetings.map((m) => ({ startsAt: m.startsAt.toISOString(), endsAt: m.endsAt.toISOString() })),
    cancelled: doc.cancelled,
    cancelledAt: doc.cancelledAt?.toISOString() ?? null,
    cancelPending: doc.cancelPending ?? false,
  };
}

const attendeeColumns = [
  'bookingId',
  'seat',
  'name',
  'attendeeEmail',
  'paymentStatus',
  'paidAt',
  'userId',
  'email',
  'quantity',
  'amountPaid',
  'currency',
] as const;

/** One seat of a booking, as a session's attendee list shows it: who sits there, and the booking's facts beside. */
interface AttendeeRow {
  bookingId: string;
  seat: number;
  name: string | null;
  attendeeEmail: string | null;
  answers: Record<string, string | boolean>;
  paymentStatus: BookingRecord['paymentStatus'];
  paidAt: string;
  userId: string;
  /** The buyer's address (Checkout's receipt). */
  email: string | null;
  quantity: number;
  amountPaid: number;
  currency: string;
}

/** A booking as rows of the attendee list: one per seat, named or not. */
function toAttendees(booking: BookingRecord): AttendeeRow[] {
  const paid = booking.history.find((entry) => entry.status === 'paid' || entry.status === 'processing');
  return Array.from({ length: booking.quantity }, (_, i) => {
    const attendee = booking.attendees?.[i];
    return {
      bookingId: booking.id,
      seat: i + 1,
      name: attendee?.name ?? null,
      attendeeEmail: attendee?.email ?? null,
      answers: attendee?.answers ?? {},
      paymentStatus: booking.paymentStatus,
      paidAt: (paid?.at ?? booking.updatedAt).toISOString(),
      userId: booking.userId,
      email: booking.checkout.customerEmail ?? null,
      quantity: booking.quantity,
      amountPaid: booking.amountPaid ?? booking.amount,
      currency: booking.currency,
    };
  });
}

/** Each booking's seats, one row each, as they stream from the store. */
async function* seatsOf(bookings: AsyncIterable<BookingRecord>): AsyncIterable<AttendeeRow> {
  for await (const booking of bookings) yield* toAttendees(booking);
}

/** A CSV row: the attendee's facts, then one column per question of the course (`answer:<id>`). */
function csvRow(row: AttendeeRow, questions: Question[]): Record<string, unknown> {
  const answers = Object.fromEntries(questions.map((q) => [`answer:${q.id}`, row.answers[q.id] ?? '']));
  return { ...row, name: row.name ?? '', attendeeEmail: row.attendeeEmail ?? '', email: row.email ?? '', ...answers };
}

/** The operator's sessions of a course: creating or changing one, audited; the course's public read follows at once. */
export function adminCourseSessionRoutes(deps: {
  catalog: Catalog;
  sessions: SessionStore;
  bookings: BookingStore;
  seats: Pick<SeatStore, 'countTaken'>;
  service: Pick<BookingService, 'cancelSession' | 'waitlist'>;
  audit: AuditStore;
  now: () => Date;
}) {
  const { catalog, sessions, bookings, seats, service, audit, now } = deps;
  const app = new Hono<AdminEnv>();

  app.put(
    '/courses/:courseId/sessions/:sessionId',
    documented({
      summary: 'Create or replace a dated session of a course (times as instants, shown in its time zone)',
      tag: 'Operator',
      caller: 'admin',
      body: sessionInputSchema,
      responses: {
        200: { description: 'Replaced', schema: adminCourseSessionSchema },
        201: { description: 'Created', schema: adminCourseSessionSchema },
      },
      errors: [400, 401, 403, 404, 409, 413, 415],
    }),
    limitJsonBody,
    validParams(params),
    async (c) => {
      const { courseId, sessionId } = c.req.valid('param');
      const input = await readJson(c, sessionInputSchema);
      if (!(await catalog.get(courseId))) throw errors.courseNotFound();
      const existing = await sessions.find(courseId, sessionId);
      if (existing?.cancelled) throw errors.sessionCancelled();
      const taken = existing ? await seats.countTaken(seatPool(courseId, sessionId)) : 0;
      if (input.capacity !== null && input.capacity < taken && !input.confirmFewerSeats) {
        throw errors.invalidRequest('Fewer seats than are taken already.', {
          capacity: `${taken} seats are taken already; confirm to set fewer (those bookings keep theirs)`,
        });
      }
      const { session, previous, created } = await sessions.upsert(courseId, sessionId, input, now());
      catalog.forget(courseId);
      // Seats it may have gained go to those waiting now, not at the next sweep (nothing when none wait).
      service.waitlist.nudge(courseId, sessionId);
      const answer = toAdminSession(session);
      await audit.record({
        at: now(),
        actor: c.get('operator').actor,
        actorName: c.get('operator').name,
        action: created ? 'session.create' : 'session.update',
        target: { type: 'course', id: courseId },
        before: previous && toAdminSession(previous),
        after: answer,
      });
      return c.json(answer, created ? 201 : 200);
    },
  );

  app.get(
    '/courses/:courseId/sessions',
    documented({
      summary: "A course's sessions, soonest first, past and cancelled ones too, each with the seats taken",
      tag: 'Operator',
      caller: 'admin',
      responses: { 200: { description: 'The sessions', schema: adminSessionListSchema } },
      errors: [401, 403, 404],
    }),
    validParams(params.pick({ courseId: true })),
    async (c) => {
      const { courseId } = c.req.valid('param');
      if (!(await catalog.get(courseId))) throw errors.courseNotFound();
      const docs = await sessions.listForCourse(courseId);
      const listed = await Promise.all(
        docs.map(async (doc) => ({
          ...toAdminSession(doc),
          seatsTaken: await seats.countTaken(seatPool(courseId, doc.sessionId)),
        })),
      );
      return c.json({ sessions: listed });
    },
  );

  app.get(
    '/courses/:courseId/sessions/:sessionId/attendees',
    documented({
      summary: "A session's attendees (paid, processing and disputed bookings), oldest first; CSV on Accept: text/csv",
      tag: 'Operator',
      caller: 'admin',
      responses: {
        200: { description: 'The session and its attendees', schema: sessionAttendeesSchema, alsoAs: 'text/csv' },
      },
      errors: [401, 403, 404],
    }),
    validParams(params),
    validQuery(z.object({ format: z.enum(['json', 'csv']).optional() })),
    async (c) => {
      const { courseId, sessionId } = c.req.valid('param');
      const session = await sessions.find(courseId, sessionId);
      if (!session) throw errors.sessionNotFound();
      const rows = seatsOf(bookings.ofCourse(courseId, [...settledOrSettling], sessionId));
      const format = c.req.valid('query').format;
      if (format === 'csv' || (format === undefined && /\btext\/csv\b/.test(c.req.header('accept') ?? ''))) {
        const questions = (await catalog.get(courseId))?.questions ?? [];
        const columns = [...attendeeColumns, ...questions.map((q) => `answer:${q.id}`)];
        return c.body(
          csvStream(columns, rows, (row) => csvRow(row, questions)),
          200,
          {
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition': `attachment; filename="attendees-${courseId}-${sessionId}.csv"`,
            'Cache-Control': 'no-store',
          },
        );
      }
      const attendees = [];
      for await (const row of rows) attendees.push(row);
      const questions = (await catalog.get(courseId))?.questions ?? [];
      return c.json({ session: toAdminSession(session), questions, attendees });
    },
  );

  app.post(
    '/courses/:courseId/sessions/:sessionId/cancel',
    documented({
      summary:
        'Cancel a dated session: it leaves the widget at once, each paid booking is refunded in full (once) and ends cancelled',
      tag: 'Operator',
      caller: 'admin',
      responses: { 200: { description: 'Cancelled; pressing it again changes nothing', schema: sessionCancelSchema } },
      errors: [401, 403, 404, 503],
    }),
    validParams(params),
    async (c) => {
      const { courseId, sessionId } = c.req.valid('param');
      const operator = c.get('operator');
      const { session, refunds, cancelledNow } = await service.cancelSession(courseId, sessionId, operator.actor);
      const answer = { session: toAdminSession(session), refunds };
      // Audited once: by the press that cancelled it.
      if (cancelledNow) {
        await audit.record({
          at: now(),
          actor: operator.actor,
          actorName: operator.name,
          action: 'session.cancel',
          target: { type: 'course', id: courseId },
          before: { sessionId, cancelled: false },
          after: { sessionId, cancelled: true, refunds: refunds.length },
        });
      }
      return c.json(answer);
    },
  );

  return app;
}
