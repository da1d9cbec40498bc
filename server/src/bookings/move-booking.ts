import type { Catalog } from '../courses/catalog.js';
import { AppError, errors } from '../errors.js';
import { finishOf, type BookingStore } from '../store/index.js';
import type { BookingRecord, PaymentStatus } from './booking.js';
import type { SeatRules } from './seats.js';

/** What moving a booking runs on. */
export interface MoveDeps {
  bookings: BookingStore;
  catalog: Catalog;
  seats: SeatRules;
  /** Runs `work` holding the booking's lock. */
  exclusively: <T>(bookingId: string, work: () => Promise<T>) => Promise<T>;
  now: () => Date;
}

/** States whose booking may move to another date: it has its seat, and its money is in or on its way. */
const movable: PaymentStatus[] = ['paid', 'processing'];

/**
 * Moves a booking to another session of its course, under the booking's lock: the seat there is
 * taken first (409 `sold_out` when there is none), then the booking names its new session (409
 * `already_booked` when its student has one there already), then the old seat goes. The payment
 * stays as it is. Moving to the session it is on changes nothing.
 */
export function bookingMover(deps: MoveDeps) {
  const { bookings, catalog, seats, now } = deps;
  return (
    id: string,
    toSessionId: string,
    /** Who moves it, for its history: `student`, or the operator's id. */
    by: string,
    /** A further check under the lock (a student's move: the course's policy). */
    allowed?: (booking: BookingRecord) => Promise<void>,
  ): Promise<{ booking: BookingRecord; from: string | null; moved: boolean }> =>
    deps.exclusively(id, async () => {
      const booking = await bookings.findById(id);
      if (!booking) throw errors.adminBookingNotFound();
      const from = booking.sessionId ?? null;
      if (from === null) throw errors.notMovable('This booking is of a self-paced course: it has no date to move.');
      if (from === toSessionId) return { booking, from, moved: false };
      if (!movable.includes(booking.paymentStatus)) {
        throw errors.notMovable(`Only a paid booking can move to another date; this one is ${booking.paymentStatus}.`);
      }
      const target = (await catalog.get(booking.courseId))?.sessions.find(
        (s) => s.sessionId === toSessionId && !s.cancelled,
      );
      if (!target) throw errors.sessionNotFound();
      if (target.startsAt.getTime() <= now().getTime()) throw errors.sessionClosed();
      await allowed?.(booking);
      if (!(await seats.startMove(booking, toSessionId))) throw errors.soldOut();
      const at = now();
      const outcome = await bookings.moveSession(id, {
        from,
        to: toSessionId,
        statuses: movable,
        retainFrom: finishOf(target),
        entry: {
          status: booking.paymentStatus,
          at,
          eventId: `move_${id}_${at.getTime()}`,
          type: 'booking.moved',
          move: { from, to: toSessionId, by },
        },
      });
      if (outcome !== 'moved') {
        await seats.abortMove(booking, toSessionId);
        if (outcome === 'taken') {
          throw new AppError(409, 'already_booked', 'This student has a booking of that date already.');
        }
        throw new AppError(409, 'conflict', 'This booking changed meanwhile; look at it again.');
      }
      await seats.finishMove({ ...booking, sessionId: toSessionId }, from);
      return { booking: (await bookings.findById(id)) ?? booking, from, moved: true };
    });
}
