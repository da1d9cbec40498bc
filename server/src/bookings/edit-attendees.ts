import type { Attendee } from '../../../common/contract.js';
import type { Catalog } from '../courses/catalog.js';
import { checkAttendees } from '../courses/questions.js';
import { AppError, errors } from '../errors.js';
import type { BookingStore } from '../store/index.js';
import { settledOrSettling, type BookingRecord } from './booking.js';

/** How long after its purchase an undated booking's attendees may change. */
export const undatedEditDays = 14;

/** Bookings whose attendees may change: an open checkout, or paid (or being paid). */
const editable = ['pending', ...settledOrSettling];

/**
 * The student changes who their booking's seats are for, and the answers: one per seat, checked
 * against the course's questions as at purchase, until the session starts (an undated course: for
 * 14 days after the purchase). A booking that ended, or whose window closed, answers 409
 * `attendees_locked`; another student's booking is not found.
 */
export function attendeeEditor(deps: { bookings: BookingStore; catalog: Catalog; now: () => Date }) {
  const { bookings, catalog, now } = deps;

  /** Until when a booking's attendees may change: its session's start, or 14 days after its purchase. */
  async function windowEnd(booking: BookingRecord): Promise<Date> {
    const found = await catalog.get(booking.courseId);
    const session = found?.sessions.find((s) => s.sessionId === booking.sessionId);
    return session ? session.startsAt : new Date(booking.createdAt.getTime() + undatedEditDays * 86_400_000);
  }

  return {
    /** Until when the owner may change the attendees (ISO 8601), or null: the booking ended, or the window closed. */
    async editableUntil(booking: BookingRecord): Promise<string | null> {
      if (!editable.includes(booking.paymentStatus)) return null;
      const end = await windowEnd(booking);
      return now() < end ? end.toISOString() : null;
    },
    async edit(userId: string, id: string, attendees: Attendee[]): Promise<BookingRecord> {
      const booking = await bookings.findForUser(userId, id);
      if (!booking) throw errors.bookingNotFound();
      if (!editable.includes(booking.paymentStatus)) {
        throw locked('This booking has ended; its attendees cannot change.');
      }
      if (now() >= (await windowEnd(booking))) {
        throw locked(
          booking.sessionId
            ? 'This session has started; its attendees cannot change.'
            : `Attendees can change for ${undatedEditDays} days after booking.`,
        );
      }
      const found = await catalog.get(booking.courseId);
      const checked = checkAttendees(attendees, booking.quantity, found?.questions ?? []);
      const saved = await bookings.setAttendees(booking.id, checked, now());
      if (!saved) throw errors.bookingNotFound();
      return saved;
    },
  };
}

function locked(message: string): AppError {
  return new AppError(409, 'attendees_locked', message);
}
