import { Hono } from 'hono';
import { z } from 'zod';
import type { BookingService } from '../../bookings/booking-service.js';
import type { Catalog } from '../../courses/catalog.js';
import { courseIdSchema, courseInputSchema } from '../../courses/course-schema.js';
import type { AdminEnv } from '../../http/admin-auth.js';
import { adminCourseSchema } from '../../http/api-schemas.js';
import { limitJsonBody } from '../../http/body-limit.js';
import { readJson } from '../../http/json-body.js';
import { documented, validParams } from '../../http/openapi.js';
import type { AuditStore } from '../../store/index.js';

const idParam = z.object({ id: courseIdSchema });

/** The operator's courses: every course (archived too), and creating or changing one, audited. */
export function adminCourseRoutes(deps: {
  catalog: Catalog;
  service: BookingService;
  audit: AuditStore;
  now: () => Date;
}) {
  const { catalog, service, audit, now } = deps;
  const app = new Hono<AdminEnv>();

  app.get(
    '/courses',
    documented({
      summary: 'Every course, archived ones too',
      tag: 'Operator',
      caller: 'admin',
      responses: {
        200: { description: 'The courses by id', schema: z.object({ courses: z.array(adminCourseSchema) }) },
      },
      errors: [401, 403],
    }),
    async (c) => c.json({ courses: await catalog.listAll() }),
  );

  app.put(
    '/courses/:id',
    documented({
      summary: 'Create or replace a course (price in minor units); archive with active: false',
      tag: 'Operator',
      caller: 'admin',
      body: courseInputSchema,
      responses: {
        200: { description: 'Replaced', schema: adminCourseSchema },
        201: { description: 'Created', schema: adminCourseSchema },
      },
      errors: [400, 401, 403, 413, 415],
    }),
    limitJsonBody,
    validParams(idParam),
    async (c) => {
      const { id } = c.req.valid('param');
      const input = await readJson(c, courseInputSchema);
      const { course, previous, created, limitAdded } = await catalog.put(id, input);
      let answer: typeof course & { unseated?: number } = course;
      if (limitAdded) {
        // A seat limit on a course that has sold without one: its bookings take their seats first.
        const { unseated } = await service.seatExisting(id);
        catalog.forget(id);
        const counted = (await catalog.get(id))?.course ?? course;
        answer = { ...course, ...counted, ...(unseated ? { unseated } : {}) };
      }
      // Seats it may have gained go to those waiting now, not at the next sweep (nothing when none wait).
      service.waitlist.nudge(id);
      await audit.record({
        at: now(),
        actor: c.get('operator').actor,
        actorName: c.get('operator').name,
        action: created ? 'course.create' : 'course.update',
        target: { type: 'course', id },
        before: previous,
        after: course,
      });
      return c.json(answer, created ? 201 : 200);
    },
  );

  return app;
}
