import { z } from 'zod';

/** An instant with its offset, as ISO 8601 says it: `2027-03-14T10:00:00+01:00` or `…Z`. */
const instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date and time with its offset' });

/** Whether the runtime knows an IANA time zone (`Europe/Berlin`), by asking `Intl`. */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(name) && name !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const meetingSchema = z.strictObject({ startsAt: instant, endsAt: instant });

/**
 * The body of `PUT /api/admin/courses/:courseId/sessions/:sessionId`: one dated run of a course.
 * Unknown keys are refused; every bad field is named. A session's seats are its own (`capacity`;
 * none set means no limit); booking closes at its start unless `bookingClosesAt` says earlier.
 */
export const sessionInputSchema = z
  .strictObject({
    startsAt: instant,
    endsAt: instant,
    timeZone: z
      .string({ error: 'must be an IANA time zone such as Europe/Berlin' })
      .refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin'),
    location: z.string().trim().max(200, 'must be at most 200 characters').optional(),
    onlineUrl: z
      .url({ protocol: /^https$/, error: 'must be an https URL' })
      .max(500, 'must be at most 500 characters')
      .optional(),
    capacity: z
      .number({ error: 'must be a number' })
      .int('must be a whole number of seats')
      .min(1, 'must be at least 1 (cancel the session to stop selling it)')
      .max(100_000, 'must be at most 100000')
      .nullable()
      .default(null),
    bookingClosesAt: instant.optional(),
    meetings: z.array(meetingSchema).max(52, 'must be at most 52 meetings').optional(),
    confirmFewerSeats: z
      .boolean()
      .optional()
      .meta({ description: 'Set a capacity below the seats already taken (those bookings keep theirs)' }),
  })
  .superRefine((session, context) => {
    const at = (iso: string) => Date.parse(iso);
    const problem = (path: Array<string | number>, message: string) =>
      context.addIssue({ code: 'custom', path, message });
    if (at(session.endsAt) <= at(session.startsAt)) problem(['endsAt'], 'must be after startsAt');
    if (session.bookingClosesAt && at(session.bookingClosesAt) > at(session.startsAt))
      problem(['bookingClosesAt'], 'must not be after startsAt');
    session.meetings?.forEach((meeting, i) => {
      if (at(meeting.endsAt) <= at(meeting.startsAt)) problem(['meetings', i, 'endsAt'], 'must be after startsAt');
      if (at(meeting.startsAt) < at(session.startsAt) || at(meeting.endsAt) > at(session.endsAt))
        problem(['meetings', i], "must lie within the session's startsAt and endsAt");
    });
  });

/** A validated session write. */
export type SessionInput = z.infer<typeof sessionInputSchema>;
