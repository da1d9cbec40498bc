import type { CachedCourse, Catalog } from '../courses/catalog.js';
import { errors, type AppError } from '../errors.js';
import { seatPool } from '../courses/course-sessions.js';
import type { SeatStore } from '../store/index.js';
import type { BookingRecord, PaymentStatus } from './booking.js';

/** The booking seats are for: its id, course (and session), current attempt and how many seats. */
export type SeatBooking = Pick<BookingRecord, 'id' | 'courseId' | 'attempt' | 'sessionId' | 'quantity'>;

/** The seats a booking draws from: its session's own, or the course's; null for no limit. */
export function capacityOf(found: Pick<CachedCourse, 'capacity' | 'sessions'> | null, sessionId?: string | null) {
  if (!found) return null;
  if (!sessionId) return found.capacity;
  return found.sessions.find((s) => s.sessionId === sessionId)?.capacity ?? null;
}

/**
 * The seat rules of the design's *Commerce rules*: a course with a capacity sells at most that
 * many seats. A seat is held while the booking's Checkout Session is open, kept once the money
 * arrives, and given back when the booking ends without it. Courses without a capacity take no seats.
 * Every call for a booking is made holding that booking's lock.
 */
export interface SeatRules {
  /** Holds the booking's seats for its attempt until `until`, or keeps them for good (`until` null); false when too few are left. */
  take(booking: SeatBooking, until: Date | null): Promise<boolean>;
  /** Why `take` said no: `sold_out`, or `quantity_unavailable` with the seats still left. */
  refusal(booking: SeatBooking): Promise<AppError>;
  /** Gives the booking's seats back (it expired, failed or was refunded). */
  release(booking: SeatBooking): Promise<void>;
  /**
   * The first half of moving a booking to another session of its course: a seat there held for a
   * while, and the old one's hold set to lapse too, so a crash before `finishMove` leaves two holds
   * the sweep settles by where the booking then is. False when the other session is full or cancelled.
   */
  startMove(booking: SeatBooking, toSessionId: string): Promise<boolean>;
  /** The second half, once the booking names its new session: the old seat goes, the new one is kept. */
  finishMove(booking: SeatBooking, fromSessionId: string): Promise<void>;
  /** Undoes the first half when the booking did not move after all: the new seat goes, the old one is kept again. */
  abortMove(booking: SeatBooking, toSessionId: string): Promise<void>;
}

/** How long the two seats of a move are held before the sweep may settle them (after its grace). */
const moveHoldMs = 2 * 60_000;

/** States whose booking has no seat: a seat of theirs is given back. */
export const seatless: readonly PaymentStatus[] = ['expired', 'failed', 'refunded', 'cancelled'];

/** Creates the seat rules over the seat store; the catalog says each course's capacity and shows the seats left. */
export function seatRules(
  seats: SeatStore,
  catalog: Catalog,
  now: () => Date,
  /** Seats of a course (or a date of it) went back: those waiting for them may be offered them. */
  freed: (courseId: string, sessionId: string | null) => void = () => undefined,
): SeatRules {
  const rules: SeatRules = {
    async take(booking, until) {
      const course = await catalog.get(booking.courseId);
      // A cancelled date has no seats, not even the booking's own: money that arrives for it goes back.
      if (booking.sessionId && course?.sessions.find((s) => s.sessionId === booking.sessionId)?.cancelled) return false;
      const capacity = capacityOf(course, booking.sessionId);
      if (capacity === null) return true;
      const pool = seatPool(booking.courseId, booking.sessionId);
      const holder = { courseId: pool, bookingId: booking.id, attempt: booking.attempt, quantity: booking.quantity };
      const taken = await seats.take(holder, capacity, until, now());
      // Only a change in the seats left drops the cached course (the price read stays cached otherwise).
      if (taken === 'new') catalog.forget(booking.courseId);
      return taken !== null;
    },
    async refusal(booking) {
      const course = await catalog.get(booking.courseId);
      const capacity = capacityOf(course, booking.sessionId) ?? 0;
      const left = capacity - (await seats.countTaken(seatPool(booking.courseId, booking.sessionId)));
      return left > 0 && left < booking.quantity ? errors.quantityUnavailable(left) : errors.soldOut();
    },
    async release(booking) {
      const pool = seatPool(booking.courseId, booking.sessionId);
      if (await seats.release(booking.id, pool, booking.attempt)) {
        catalog.forget(booking.courseId);
        freed(booking.courseId, booking.sessionId ?? null);
      }
    },
    async startMove(booking, toSessionId) {
      const lapse = new Date(now().getTime() + moveHoldMs);
      const taken = await rules.take({ ...booking, sessionId: toSessionId }, lapse);
      if (taken) await seats.holdUntil(booking.id, seatPool(booking.courseId, booking.sessionId), lapse, now());
      return taken;
    },
    async finishMove(booking, fromSessionId) {
      await seats.releaseIn(booking.id, seatPool(booking.courseId, fromSessionId));
      await seats.holdUntil(booking.id, seatPool(booking.courseId, booking.sessionId), null, now());
      catalog.forget(booking.courseId);
      freed(booking.courseId, fromSessionId);
    },
    async abortMove(booking, toSessionId) {
      await seats.releaseIn(booking.id, seatPool(booking.courseId, toSessionId));
      await seats.holdUntil(booking.id, seatPool(booking.courseId, booking.sessionId), null, now());
      catalog.forget(booking.courseId);
      freed(booking.courseId, toSessionId);
    },
  };
  return rules;
}
