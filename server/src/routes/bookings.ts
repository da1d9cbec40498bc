import { Hono, type MiddlewareHandler } from 'hono';
import { limitJsonBody } from '../http/body-limit.js';
import { z } from 'zod';
import type { Authenticator } from '../auth/authenticator.js';
import { toBookingView } from '../bookings/booking-view.js';
import type { BookingService } from '../bookings/booking-service.js';
import { courseIdSchema } from '../courses/course-schema.js';
import { readJson } from '../http/json-body.js';
import { allowedOriginsOnly } from '../http/origins.js';
import { clientAddress, rateLimit, type RateLimit } from '../http/rate-limit.js';
import { identifyStudent, studentAuth } from '../http/student-auth.js';

const createSchema = z.strictObject({
  courseId: courseIdSchema,
  returnUrl: z.string().max(2048, 'must be at most 2048 characters'),
  mode: z.enum(['redirect', 'embedded']).default('redirect'),
});

/** Limits on creating bookings: per student and per client address. */
export interface BookingLimits {
  perStudent: RateLimit;
  perAddress: RateLimit;
  /** Sync asks Stripe each time: limited per client address. */
  syncPerAddress?: RateLimit;
}

/** The student's bookings: create, read, sync. Allowed origins only; every route needs a signed-in student. */
export function bookingRoutes(
  service: BookingService,
  authenticate: Authenticator,
  allowedOrigins: string[],
  limits: BookingLimits,
) {
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
    rateLimit('per address', limits.perAddress, clientAddress),
    studentAuth(authenticate),
    rateLimit('per student', limits.perStudent, (c) => c.get('userId')),
    async (c) => {
      const body = await readJson(c, createSchema);
      const result = await service.create({ userId: c.get('userId'), ...body });
      return c.json({ booking: toBookingView(result.booking), checkout: result.checkout }, result.created ? 201 : 200);
    },
  );

  app.get('/user', cors, refuseForeign, requireStudent, async (c) => {
    const bookings = await service.list(c.get('userId'));
    return c.json({ bookings: bookings.map((b) => toBookingView(b)) });
  });

  app.get('/:id', cors, refuseForeign, requireStudent, async (c) => {
    return c.json(toBookingView(await service.get(c.get('userId'), c.req.param('id'))));
  });

  // The owner, or the page Stripe sent back with the booking's return ticket (the token is gone then).
  const syncLimit = rateLimit('sync', limits.syncPerAddress ?? { max: 120, windowMs: 60_000 }, clientAddress);
  app.post('/:id/sync', cors, refuseForeign, syncLimit, async (c) => {
    const ticket = c.req.header('x-return-ticket');
    const caller =
      ticket && !c.req.header('authorization') ? { ticket } : { userId: await identifyStudent(c, authenticate) };
    return c.json(toBookingView(await service.sync(caller, c.req.param('id'))));
  });

  return app;
}
