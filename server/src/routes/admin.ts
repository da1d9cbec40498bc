import { Hono } from 'hono';
import { limitJsonBody } from '../http/body-limit.js';
import { z } from 'zod';
import type { BookingService } from '../bookings/booking-service.js';
import { toBookingView } from '../bookings/booking-view.js';
import type { BookingStore } from '../store/index.js';
import type { Catalog } from '../courses/catalog.js';
import { courseIdSchema, courseInputSchema } from '../courses/course-schema.js';
import { errors } from '../errors.js';
import { adminAuth } from '../http/admin-auth.js';
import { fieldsOf, readJson } from '../http/json-body.js';
import { decodeCursor } from '../store/page-cursor.js';
import { paymentStatuses } from '../../../common/contract.js';

/** The operator's API, behind ADMIN_API_KEY. */
export function adminRoutes(catalog: Catalog, service: BookingService, bookings: BookingStore, apiKey: string) {
  const app = new Hono();
  app.use('*', adminAuth(apiKey));

  app.put('/courses/:id', limitJsonBody, async (c) => {
    const id = courseIdSchema.safeParse(c.req.param('id'));
    if (!id.success) {
      throw errors.invalidRequest('The course id must be a URL-safe slug.', fieldsOf(id.error, 'id'));
    }
    const input = await readJson(c, courseInputSchema);
    const { course, created, limitAdded } = await catalog.put(id.data, input);
    if (!limitAdded) return c.json(course, created ? 201 : 200);
    // A seat limit on a course that has sold without one: its bookings take their seats first.
    const { unseated } = await service.seatExisting(id.data);
    catalog.forget(id.data);
    const counted = (await catalog.get(id.data))?.course ?? course;
    return c.json({ ...course, ...counted, ...(unseated ? { unseated } : {}) }, 200);
  });

  app.get('/bookings', async (c) => {
    const query = bookingQuery.safeParse(c.req.query());
    if (!query.success) {
      throw errors.invalidRequest('Invalid query.', fieldsOf(query.error, 'query'));
    }
    const { status, courseId, limit, cursor } = query.data;
    const page = { cursor: cursor ? decodeCursor(cursor) : undefined, limit };
    const { items, next } = await bookings.list({ status, courseId }, page);
    return c.json({ bookings: items.map((b) => toBookingView(b, true)), next });
  });

  return app;
}

const bookingQuery = z.object({
  status: z.enum(paymentStatuses).optional(),
  courseId: courseIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** The previous page's `next`. */
  cursor: z.string().max(200).optional(),
});
