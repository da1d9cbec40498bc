import type { IndexSpec } from './index-spec.js';
import type { Collection, Db } from 'mongodb';
import { guard, isDuplicateKey } from './database.js';

/**
 * A seat of a course (or of one of its dated sessions: the pool `courseId@sessionId`), taken by one
 * booking: held while its Checkout Session is open (`heldUntil`, for the operator to read), kept
 * once the student has paid (`heldUntil` null). The `_id` is the seat's number within the pool, so
 * two bookings can never take the same seat, and a booking takes at most one seat per pool: both
 * are unique indexes, which every server enforces under concurrency (FerretDB 1.x's conditional
 * updates are not atomic, its unique indexes are). A booking holds seats in two pools only while
 * it moves from one date to another, and then both are held with a lapse time, so a crash mid-move
 * leaves nothing the sweep cannot settle.
 */
export interface SeatDoc {
  _id: string;
  courseId: string;
  bookingId: string;
  /** The booking's attempt that took or last renewed the seat: a release for an older attempt leaves it. */
  attempt: number;
  heldUntil: Date | null;
  at: Date;
}

/** The booking a seat is for, at one of its attempts. */
export interface SeatHolder {
  courseId: string;
  bookingId: string;
  attempt: number;
}

/** How a booking got its seat: a new one (the seats left changed), its own again, or none (sold out). */
export type SeatTaken = 'new' | 'own' | null;

/** Takes, keeps and gives back seats. A booking's seat changes only under that booking's lock. */
export interface SeatStore {
  /** How many seats of a course are taken, held or kept. */
  countTaken(courseId: string): Promise<number>;
  /**
   * Gives the booking a seat numbered 1 to `capacity` (`new`), or renews the one it has (`own`: its
   * seat serves every attempt); null when every seat is taken.
   */
  take(holder: SeatHolder, capacity: number, heldUntil: Date | null, at: Date): Promise<SeatTaken>;
  /** Gives the booking's seat in a pool back, unless a newer attempt than `attempt` took it; true when one went back (index `one_seat_per_booking_pool`). */
  release(bookingId: string, pool: string, attempt: number): Promise<boolean>;
  /** Gives back one seat by its `_id`, if that booking still has it (the sweep's, for a seat its booking does not keep; the `_id` index). */
  releaseSeat(seatId: string, bookingId: string): Promise<void>;
  /** Gives back the booking's seat in one pool (a move's old or new one; index `one_seat_per_booking_pool`). */
  releaseIn(bookingId: string, pool: string): Promise<void>;
  /** Sets until when the booking's seat in `pool` is held (null: kept for good; index `one_seat_per_booking_pool`). */
  holdUntil(bookingId: string, pool: string, heldUntil: Date | null, at: Date): Promise<void>;
  /** Seats still held (not kept) whose hold ended before `before`, oldest first (index `lapsed`). */
  listLapsed(before: Date, limit: number): Promise<SeatDoc[]>;
}

/** Creates the seat store. */
export function createSeatStore(db: Db): SeatStore {
  const seats: Collection<SeatDoc> = db.collection<SeatDoc>('seats');

  /** Renews the booking's own seat, if it has one. */
  async function renew({ bookingId, courseId, attempt }: SeatHolder, heldUntil: Date | null, at: Date) {
    const renewed = await seats.updateOne({ bookingId, courseId }, { $set: { attempt, heldUntil, at } });
    return renewed.matchedCount > 0;
  }

  return {
    countTaken: (courseId) => guard(() => seats.countDocuments({ courseId })),
    take: (holder, capacity, heldUntil, at) =>
      guard(async () => {
        if (await renew(holder, heldUntil, at)) return 'own';
        // A few rounds: each reads which seats are taken and tries the free ones, in random order
        // so that concurrent takers mostly try different seats.
        for (let round = 0; round < 3; round += 1) {
          const taken = new Set(
            (await seats.find({ courseId: holder.courseId }, { projection: { _id: 1 } }).toArray()).map((s) => s._id),
          );
          if (taken.size >= capacity) return null;
          const free = shuffled(
            Array.from({ length: capacity }, (_, i) => seatId(holder.courseId, i + 1)).filter((id) => !taken.has(id)),
          );
          for (const _id of free) {
            try {
              await seats.insertOne({ _id, ...holder, heldUntil, at });
              return 'new';
            } catch (error) {
              if (!isDuplicateKey(error)) throw error;
              // Taken meanwhile, by another booking, or by this one (a concurrent request of the same booking).
              if (await renew(holder, heldUntil, at)) return 'own';
            }
          }
        }
        return null;
      }),
    listLapsed: (before, limit) =>
      guard(() =>
        seats
          .find({ heldUntil: { $ne: null, $lt: before } })
          .sort({ heldUntil: 1 })
          .limit(limit)
          .toArray(),
      ),
    release: (bookingId, pool, attempt) =>
      guard(async () => {
        return (await seats.deleteOne({ bookingId, courseId: pool, attempt: { $lte: attempt } })).deletedCount > 0;
      }),
    releaseSeat: (seatId, bookingId) =>
      guard(async () => {
        await seats.deleteOne({ _id: seatId, bookingId });
      }),
    releaseIn: (bookingId, pool) =>
      guard(async () => {
        await seats.deleteOne({ bookingId, courseId: pool });
      }),
    holdUntil: (bookingId, pool, heldUntil, at) =>
      guard(async () => {
        await seats.updateOne({ bookingId, courseId: pool }, { $set: { heldUntil, at } });
      }),
  };
}

/** The seat's `_id`: the course and the seat's number. */
function seatId(courseId: string, n: number): string {
  return `${courseId}#${n}`;
}

function shuffled<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Seat numbers are unique by `_id`; one seat per booking and pool; counting a pool's seats by `courseId`. */
export const seatIndexes: IndexSpec[] = [
  { collection: 'seats', name: 'one_seat_per_booking_pool', key: { bookingId: 1, courseId: 1 }, unique: true },
  // A course's seats: counted, and listed by number, from the index alone.
  { collection: 'seats', name: 'by_course', key: { courseId: 1, _id: 1 } },
  { collection: 'seats', name: 'lapsed', key: { heldUntil: 1 } },
];
