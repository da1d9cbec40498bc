import type { BookedSession, Booking } from '../../../common/contract.js';
import { sessionTimes } from '../courses/course-sessions.js';
import { sessionKey, type SessionDoc, type SessionStore } from '../store/index.js';
import type { BookingRecord } from './booking.js';

/** A booking's session as its student sees it: the online link once the booking is paid, never before. */
export function toBookedSession(doc: SessionDoc, booking: Pick<BookingRecord, 'paymentStatus'>): BookedSession {
  const paid = booking.paymentStatus === 'paid' || booking.paymentStatus === 'disputed';
  return { ...sessionTimes(doc), ...(paid && doc.onlineUrl ? { onlineUrl: doc.onlineUrl } : {}) };
}

/** The store id of a booking's session. */
const keyOf = (booking: Pick<BookingRecord, 'courseId' | 'sessionId'>) =>
  sessionKey(booking.courseId, booking.sessionId!);

/**
 * Adds each dated booking's session to its view, from one read for all of them (the `_id` index).
 * `view` maps a record to its view; records without a session pass as they are.
 */
export async function withBookedSessions<V extends Booking>(
  sessions: Pick<SessionStore, 'findMany'>,
  records: BookingRecord[],
  view: (record: BookingRecord) => V,
): Promise<V[]> {
  const dated = records.filter((r) => r.sessionId);
  const found = new Map((await sessions.findMany([...new Set(dated.map(keyOf))])).map((d) => [d._id, d]));
  return records.map((record) => {
    const doc = record.sessionId ? found.get(keyOf(record)) : undefined;
    return doc ? { ...view(record), session: toBookedSession(doc, record) } : view(record);
  });
}
