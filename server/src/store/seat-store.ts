import type { IndexSpec } from './index-spec.js';
import type { Collection, Db } from 'mongodb';
import { guard, isDuplicateKey } from './database.js';

/**
 * A seat of a course (or of one of its dated sessions: the pool `courseId@sessionId`), taken by one
 * booking: held while its Checkout Session is open (`heldUntil`, for the operator to read), kept
 * once the student has paid (`heldUntil` null). The `_id` is the seat's number within the pool, so
 * two bookings can never take the same seat; a booking of several seats (a group) holds them as
 * its places 0, 1, 2, …, and takes each place at most once per pool: both are unique indexes, which
 * every server enforces under concurrency (FerretDB 1.x's conditional updates are not atomic, its
 * unique indexes are). A booking holds seats in two pools only while it moves from one date to
 * another, and then both are held with a lapse time, so a crash mid-move leaves nothing the sweep
 * cannot settle.
 */
export interface SeatDoc {
  _id: string;
  courseId: string;
  bookingId: string;
  /** Which of the booking's seats this is: 0 to its quantity less one (stored as 0 before groups). */
  place: number;
  /** The booking's attempt that took or last renewed the seat: a release for an older attempt leaves it. */
  attempt: number;
  heldUntil: Date | null;
  at: Date;
}

/** The booking seats are for, at one of its attempts, and how many it needs. */
export interface SeatHolder {
  courseId: string;
  bookingId: string;
  attempt: number;
  quantity: number;
}

/** How a booking got its seats: some new (the seats left changed), all its own again, or none (too few left). */
export type SeatTaken = 'new' | 'own' | null;

/** Takes, keeps and gives back seats. A booking's seats change only under that booking's lock. */
export interface SeatStore {
  /** How many seats of a course are taken, held or kept. */
  countTaken(courseId: string): Promise<number>;
  /** How many seats of a pool one holder has (index `one_seat_per_booking_place`). */
  countHeld(bookingId: string, pool: string): Promise<number>;
  /**
   * Gives the booking `quantity` seats numbered 1 to `capacity`, all or none: the ones it has are
   * renewed (they serve every attempt), missing ones are taken (`new`), and any beyond `quantity`
   * go back. `own` when it had them all; null, changing nothing, when too few are free.
   */
  take(holder: SeatHolder, capacity: number, heldUntil: Date | null, at: Date): Promise<SeatTaken>;
  /** Gives the booking's seats in a pool back, unless a newer attempt than `attempt` took them; true when some went back (index `one_seat_per_booking_place`). */
  release(bookingId: string, pool: string, attempt: number): Promise<boolean>;
  /** Gives back one seat by its `_id`, if that booking still has it (the sweep's, for a seat its booking does not keep; the `_id` index). */
  releaseSeat(seatId: string, bookingId: string): Promise<void>;
  /** Gives back the booking's seats in one pool (a move's old or new ones; index `one_seat_per_booking_place`). */
  releaseIn(bookingId: string, pool: string): Promise<void>;
  /** Sets until when the booking's seats in `pool` are held (null: kept for good; index `one_seat_per_booking_place`). */
  holdUntil(bookingId: string, pool: string, heldUntil: Date | null, at: Date): Promise<void>;
  /** Seats still held (not kept) whose hold ended before `before`, oldest first (index `lapsed`). */
  listLapsed(before: Date, limit: number): Promise<SeatDoc[]>;
  /** Hands the seats one holder has in a pool to another (a waiting list's offer to the booking that takes it; index `one_seat_per_booking_place`); how many. */
  transfer(from: string, to: string, pool: string): Promise<number>;
}

/** Creates the seat store. */
export function createSeatStore(db: Db): SeatStore {
  const seats: Collection<SeatDoc> = db.collection<SeatDoc>('seats');

  /** The places the booking already has in its pool. */
  async function placesOf({ bookingId, courseId }: SeatHolder): Promise<Set<number>> {
    const own = await seats.find({ bookingId, courseId }, { projection: { place: 1 } }).toArray();
    return new Set(own.map((s) => s.place));
  }

  /** Takes a free seat for each missing place; false (with the ones it took given back) when too few are free. */
  async function takeMissing(
    holder: SeatHolder,
    missing: number[],
    capacity: number,
    heldUntil: Date | null,
    at: Date,
  ) {
    const { courseId, bookingId, attempt } = holder;
    const took: string[] = [];
    // A few rounds: each reads which seats are taken and tries the free ones, in random order so
    // that concurrent takers mostly try different seats.
    for (let round = 0; round < 3 && missing.length > 0; round += 1) {
      const taken = new Set((await seats.find({ courseId }, { projection: { _id: 1 } }).toArray()).map((s) => s._id));
      if (capacity - taken.size < missing.length) break;
      const free = shuffled(
        Array.from({ length: capacity }, (_, i) => seatId(courseId, i + 1)).filter((id) => !taken.has(id)),
      );
      for (const _id of free) {
        const place = missing[0];
        if (place === undefined) break;
        try {
          await seats.insertOne({ _id, courseId, bookingId, place, attempt, heldUntil, at });
          took.push(_id);
          missing.shift();
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
          // Taken meanwhile: the seat by another booking, or this place by this booking (a concurrent request of it).
          if (await seats.findOne({ bookingId, courseId, place }, { projection: { _id: 1 } })) missing.shift();
        }
      }
    }
    if (missing.length === 0) return true;
    if (took.length > 0) await seats.deleteMany({ _id: { $in: took }, bookingId });
    return false;
  }

  return {
    countTaken: (courseId) => guard(() => seats.countDocuments({ courseId })),
    countHeld: (bookingId, pool) => guard(() => seats.countDocuments({ bookingId, courseId: pool })),
    take: (holder, capacity, heldUntil, at) =>
      guard(async () => {
        const { bookingId, courseId, attempt, quantity } = holder;
        const had = await placesOf(holder);
        const missing = Array.from({ length: quantity }, (_, place) => place).filter((place) => !had.has(place));
        const added = missing.length > 0;
        if (added && !(await takeMissing(holder, [...missing], capacity, heldUntil, at))) return null;
        const kept = { bookingId, courseId, place: { $lt: quantity } };
        await seats.updateMany(kept, { $set: { attempt, heldUntil, at } });
        const beyond = [...had].some((place) => place >= quantity);
        if (beyond) await seats.deleteMany({ bookingId, courseId, place: { $gte: quantity } });
        return added || beyond ? 'new' : 'own';
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
        // Found by the booking's own index, then deleted by number: only those no newer attempt renewed meanwhile.
        const own = await seats.find({ bookingId, courseId: pool }, { projection: { _id: 1 } }).toArray();
        if (own.length === 0) return false;
        const ids = own.map((seat) => seat._id);
        return (await seats.deleteMany({ _id: { $in: ids }, attempt: { $lte: attempt } })).deletedCount > 0;
      }),
    releaseSeat: (seatId, bookingId) =>
      guard(async () => {
        await seats.deleteOne({ _id: seatId, bookingId });
      }),
    releaseIn: (bookingId, pool) =>
      guard(async () => {
        await seats.deleteMany({ bookingId, courseId: pool });
      }),
    transfer: (from, to, pool) =>
      guard(
        async () =>
          (await seats.updateMany({ bookingId: from, courseId: pool }, { $set: { bookingId: to } })).modifiedCount,
      ),
    holdUntil: (bookingId, pool, heldUntil, at) =>
      guard(async () => {
        await seats.updateMany({ bookingId, courseId: pool }, { $set: { heldUntil, at } });
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

/** Seat numbers are unique by `_id`; each place of a booking once per pool; counting a pool's seats by `courseId`. */
export const seatIndexes: IndexSpec[] = [
  {
    collection: 'seats',
    name: 'one_seat_per_booking_place',
    key: { bookingId: 1, courseId: 1, place: 1 },
    unique: true,
  },
  // A course's seats: counted, and listed by number, from the index alone.
  { collection: 'seats', name: 'by_course', key: { courseId: 1, _id: 1 } },
  { collection: 'seats', name: 'lapsed', key: { heldUntil: 1 } },
];
