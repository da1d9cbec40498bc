import type { CourseSession } from '../../../common/contract.js';
import { textsIn } from '../../../common/server-texts.js';
import { startsThere, zoneOffset } from '../../../common/session-time.js';
import type { SessionDoc } from '../store/index.js';

// A course's dated sessions as its reads show them: their seats, what is listed, and when that
// changes by time alone.

/** The seats a session sells are a pool of their own, apart from the course's. */
export function seatPool(courseId: string, sessionId?: string | null): string {
  return sessionId ? `${courseId}@${sessionId}` : courseId;
}

/** The course a seat pool belongs to (the inverse of `seatPool`'s first part). */
export function courseOfPool(pool: string): string {
  return pool.split('@')[0]!;
}

/** When and where a session happens, as every read shows it: its id, instants (ISO), zone, place and meetings. */
export function sessionTimes(doc: SessionDoc) {
  return {
    id: doc.sessionId,
    startsAt: doc.startsAt.toISOString(),
    endsAt: doc.endsAt.toISOString(),
    timeZone: doc.timeZone,
    ...(doc.location ? { location: doc.location } : {}),
    ...(doc.meetings.length > 0
      ? { meetings: doc.meetings.map((m) => ({ startsAt: m.startsAt.toISOString(), endsAt: m.endsAt.toISOString() })) }
      : {}),
  };
}

/** A session as the public read shows it, at `now`, with `taken` of its seats gone. */
export function toSession(doc: SessionDoc, taken: number, now: number): CourseSession {
  const seatsLeft = doc.capacity ? Math.max(0, doc.capacity - taken) : undefined;
  const soldOut = seatsLeft === 0;
  return {
    ...sessionTimes(doc),
    startsText: textsIn((lang) => startsThere(doc.startsAt, doc.timeZone, lang)),
    utcOffset: zoneOffset(doc.startsAt, doc.timeZone),
    ...(seatsLeft === undefined ? {} : { seatsLeft }),
    soldOut,
    bookable: !soldOut && doc.bookingClosesAt.getTime() > now,
  };
}

/** The sessions a public read lists: not cancelled, not started yet. */
export function upcoming(sessions: SessionDoc[], now: number): SessionDoc[] {
  return sessions.filter((s) => !s.cancelled && s.startsAt.getTime() > now);
}

/** When what a course's sessions show next changes by time alone (one closes or starts), if ever. */
export function nextChange(sessions: SessionDoc[], now: number): number {
  const moments = sessions.flatMap((s) => [s.bookingClosesAt.getTime(), s.startsAt.getTime()]).filter((t) => t > now);
  return moments.length > 0 ? Math.min(...moments) : Infinity;
}
