import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { Authenticator } from '../auth/authenticator.js';
import { checkReturnUrl } from '../bookings/return-url.js';
import type { WaitingLists } from '../bookings/waitlist.js';
import { courseIdSchema, seatCountSchema } from '../courses/course-schema.js';
import { waitlistEntrySchema } from '../http/api-schemas.js';
import { limitJsonBody } from '../http/body-limit.js';
import { readJson } from '../http/json-body.js';
import { documented } from '../http/openapi.js';
import { allowedOriginsOnly } from '../http/origins.js';
import type { TakeRate } from '../http/rate-limit.js';
import { limitedStudentAuth, studentAuth, type CallerLimits } from '../http/student-auth.js';

const joinSchema = z.strictObject({
  courseId: courseIdSchema,
  /** The date, for a course sold on dates. */
  sessionId: courseIdSchema.optional(),
  quantity: seatCountSchema.default(1),
  /** The page the student waits on: the offer's link goes back there (an allowed origin). */
  returnUrl: z.string().max(2048, 'must be at most 2048 characters'),
  /** The page's language: the offer's email speaks it. */
  locale: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/, 'must be a language tag such as de or pt-BR')
    .max(35)
    .optional(),
});

/** What the waiting-list routes run on. */
export interface WaitlistRouteDeps {
  lines: WaitingLists;
  authenticate: Authenticator;
  allowedOrigins: string[];
  /** Joining and leaving are limited as creates are. */
  limits: CallerLimits;
  take: TakeRate;
  addressOf: (c: Context) => string;
}

/** The student's waiting lists: join a sold-out course or date, see their place and offers, leave. */
export function waitlistRoutes({ lines, authenticate, allowedOrigins, limits, take, addressOf }: WaitlistRouteDeps) {
  const app = new Hono();
  const [cors, refuseForeign] = allowedOriginsOnly(allowedOrigins) as [MiddlewareHandler, MiddlewareHandler];
  const limited = limitedStudentAuth(authenticate, take, addressOf, 'create', limits);
  app.options('/*', cors, refuseForeign);

  app.post(
    '/',
    documented({
      summary: 'Join the waiting list of a sold-out course (or date of it), for a number of seats',
      tag: 'Waiting lists',
      caller: 'student',
      body: joinSchema,
      responses: { 201: { description: 'In line', schema: z.object({ entry: waitlistEntrySchema }) } },
      errors: [400, 401, 403, 404, 409, 410, 413, 415, 429, 503],
    }),
    cors,
    refuseForeign,
    limitJsonBody,
    limited,
    async (c) => {
      const body = await readJson(c, joinSchema);
      const returnUrl = checkReturnUrl(body.returnUrl, allowedOrigins).toString();
      const entry = await lines.join({ ...body, returnUrl, userId: c.get('userId'), email: c.get('studentEmail') });
      return c.json({ entry }, 201);
    },
  );

  app.get(
    '/user',
    documented({
      summary: "The signed-in student's waiting-list entries: place in line, offers; open ones first",
      tag: 'Waiting lists',
      caller: 'student',
      responses: {
        200: { description: 'Their entries', schema: z.object({ entries: z.array(waitlistEntrySchema) }) },
      },
      errors: [401, 403],
    }),
    cors,
    refuseForeign,
    studentAuth(authenticate),
    async (c) => c.json({ entries: await lines.listOwn(c.get('userId')) }),
  );

  app.delete(
    '/:id',
    documented({
      summary: 'Leave a waiting list (an offer held for you goes to the next in line)',
      tag: 'Waiting lists',
      caller: 'student',
      responses: { 200: { description: 'Left', schema: z.object({ entry: waitlistEntrySchema }) } },
      errors: [401, 403, 404, 429, 503],
    }),
    cors,
    refuseForeign,
    limited,
    async (c) => c.json({ entry: await lines.leaveOwn(c.get('userId'), c.req.param('id')) }),
  );

  return app;
}
