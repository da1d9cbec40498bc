import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { Authenticator } from '../auth/authenticator.js';
import { toBookingStatus, toBookingView } from '../bookings/booking-view.js';
import type { BookingService } from '../bookings/booking-service.js';
import { courseIdSchema } from '../courses/course-schema.js';
import { errors } from '../errors.js';
import { limitJsonBody } from '../http/body-limit.js';
import { fieldsOf, readJson } from '../http/json-body.js';
import { decodeCursor } from '../store/page-cursor.js';
import { allowedOriginsOnly } from '../http/origins.js';
import type { TakeRate } from '../http/rate-limit.js';
import { findStudent, limitedStudentAuth, studentAuth, type CallerLimits } from '../http/student-auth.js';

const createSchema = z.strictObject({
  courseId: courseIdSchema,
  returnUrl: z.string().max(2048, 'must be at most 2048 characters'),
  mode: z.enum(['redirect', 'embedded']).default('redirect'),
  /** The host page's language (a BCP 47 tag): Checkout speaks it. */
  locale: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/, 'must be a language tag such as de or pt-BR')
    .max(35)
    .optional(),
});

/** A page of the student's list: `cursor` from the previous page's `next`, up to `limit` bookings. */
const pageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
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
}

/** The student's bookings: create, read, sync. Allowed origins only; every route needs a signed-in student. */
export function bookingRoutes({ service, authenticate, allowedOrigins, limits, take, addressOf }: BookingRouteDeps) {
  const app = new Hono();
  // Allowed origins only, on every route (preflight included).
  const [cors, refuseForeign] = allowedOriginsOnly(allowedOrigins) as [MiddlewareHandler, MiddlewareHandler];
  const requireStudent = studentAuth(authenticate);
  app.options('/*', cors, refuseForeign);

  app.post(
    '/create',
    cors,
    refuseForeign,
    limitJsonBody,
    limitedStudentAuth(authenticate, take, addressOf, 'create', limits.create),
    async (c) => {
      const body = await readJson(c, createSchema);
      const result = await service.create({ userId: c.get('userId'), email: c.get('studentEmail'), ...body });
      const { booking, checkout, created } = result;
      return c.json({ booking: toBookingView(booking), ...(checkout ? { checkout } : {}) }, created ? 201 : 200);
    },
  );

  app.get('/user', cors, refuseForeign, requireStudent, async (c) => {
    // `?courseId=` asks for the student's booking of one course (the widget asks before booking).
    const courseId = c.req.query('courseId');
    if (courseId !== undefined) {
      const parsed = courseIdSchema.safeParse(courseId);
      if (!parsed.success) throw errors.invalidRequest('Invalid query.', fieldsOf(parsed.error, 'courseId'));
      const booking = await service.findForCourse(c.get('userId'), parsed.data);
      return c.json({ bookings: booking ? [toBookingView(booking)] : [] });
    }
    const query = pageQuery.safeParse(c.req.query());
    if (!query.success) throw errors.invalidRequest('Invalid query.', fieldsOf(query.error, 'query'));
    const { cursor, limit } = query.data;
    const { items, next } = await service.list(c.get('userId'), {
      cursor: cursor ? decodeCursor(cursor) : undefined,
      limit,
    });
    return c.json({ bookings: items.map((b) => toBookingView(b)), next });
  });

  app.get('/:id', cors, refuseForeign, requireStudent, async (c) => {
    return c.json(toBookingView(await service.get(c.get('userId'), c.req.param('id'))));
  });

  // The owner, or the page Stripe sent back with the booking's return ticket, which sees the status only.
  app.post('/:id/sync', cors, refuseForeign, async (c) => {
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
  });

  return app;
}
