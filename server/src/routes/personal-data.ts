import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { Authenticator } from '../auth/authenticator.js';
import type { PersonalData } from '../bookings/personal-data.js';
import { bookingSchema, waitlistEntrySchema } from '../http/api-schemas.js';
import { documented } from '../http/openapi.js';
import { allowedOriginsOnly } from '../http/origins.js';
import type { TakeRate } from '../http/rate-limit.js';
import { limitedStudentAuth, studentAuth, type CallerLimits } from '../http/student-auth.js';

const exportSchema = z
  .object({
    exportedAt: z.iso.datetime(),
    userId: z.string(),
    email: z.string().nullable(),
    bookings: z.array(bookingSchema.extend({ email: z.string().nullable() })),
    waitlist: z.array(waitlistEntrySchema.extend({ email: z.string().nullable() })),
    keptForDays: z.int(),
  })
  .meta({ ref: 'PersonalDataExport' });

const erasedSchema = z
  .object({ erased: z.object({ bookings: z.int(), waitlistEntries: z.int(), messages: z.int() }) })
  .meta({ ref: 'PersonalDataErased' });

/** What the personal-data routes run on. */
export interface PersonalDataRouteDeps {
  personal: PersonalData;
  authenticate: Authenticator;
  allowedOrigins: string[];
  /** Erasing is limited as creates are. */
  limits: CallerLimits;
  take: TakeRate;
  addressOf: (c: Context) => string;
}

/** The signed-in student's own data: a download of all of it (JSON), and its erasure. */
export function personalDataRoutes({
  personal,
  authenticate,
  allowedOrigins,
  limits,
  take,
  addressOf,
}: PersonalDataRouteDeps) {
  const app = new Hono();
  const [cors, refuseForeign] = allowedOriginsOnly(allowedOrigins) as [MiddlewareHandler, MiddlewareHandler];
  app.options('/*', cors, refuseForeign);

  app.get(
    '/',
    documented({
      summary:
        "Everything held about the signed-in student: bookings with attendees' details and answers, waiting lists",
      tag: 'Personal data',
      caller: 'student',
      responses: { 200: { description: 'Their data, as a download', schema: exportSchema } },
      errors: [401, 403, 503],
    }),
    cors,
    refuseForeign,
    studentAuth(authenticate),
    async (c) => {
      const data = await personal.exportOwn(c.get('userId'));
      c.header('Content-Disposition', 'attachment; filename="my-bookings-data.json"');
      c.header('Cache-Control', 'no-store');
      return c.json({ ...data, email: c.get('studentEmail') ?? null });
    },
  );

  app.delete(
    '/',
    documented({
      summary:
        "Erase the signed-in student's personal data: attendees' details and addresses go, waiting lists are left; paid bookings stay for the books",
      tag: 'Personal data',
      caller: 'student',
      responses: { 200: { description: 'Erased', schema: erasedSchema } },
      errors: [401, 403, 429, 503],
    }),
    cors,
    refuseForeign,
    limitedStudentAuth(authenticate, take, addressOf, 'create', limits),
    async (c) => c.json({ erased: await personal.eraseOwn(c.get('userId')) }),
  );

  return app;
}
