import type { CachedCourse } from '../courses/catalog.js';
import { errors } from '../errors.js';
import type { SessionDoc } from '../store/index.js';

/**
 * The session a booking asks for, if it may be booked now: a course sold on dates needs one (400
 * `session_required`); it must be one of the course's, not cancelled (404 `session_not_found`),
 * and still open (409 `session_closed` from `bookingClosesAt`). A self-paced course takes none.
 * Sold out is the seats' to say, when one is taken.
 */
export function bookableSession(
  found: Pick<CachedCourse, 'sessions'>,
  sessionId: string | undefined,
  at: Date,
): SessionDoc | null {
  if (sessionId === undefined) {
    if (found.sessions.some((s) => !s.cancelled)) throw errors.sessionRequired();
    return null;
  }
  const session = found.sessions.find((s) => s.sessionId === sessionId && !s.cancelled);
  if (!session) throw errors.sessionNotFound();
  if (session.bookingClosesAt.getTime() <= at.getTime()) throw errors.sessionClosed();
  return session;
}
