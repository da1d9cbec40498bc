import type { Collection, Db, Filter } from 'mongodb';
import type { AttemptFields, BookingRecord, CheckoutRecord, HistoryEntry, PaymentStatus } from '../bookings/booking.js';
import { dropClaim, takeClaim, type ClaimDoc } from './claims.js';
import { guard, isDuplicateKey } from './database.js';
import { after, encodeCursor, type Page, type PageCursor } from './page-cursor.js';

type BookingDoc = Omit<BookingRecord, 'id'> & { _id: string };
type SessionDoc = Omit<CheckoutRecord, 'id'> & { _id: string };

/** A claim older than this is taken over. */
const staleClaimMs = 30_000;

/** A conditional move of one booking: only from the given states, and only once per event id. */
export interface TransitionUpdate {
  id: string;
  from: PaymentStatus[];
  to: PaymentStatus;
  entry: HistoryEntry;
  /** When set, the booking must be on this Checkout Session. */
  sessionId?: string | undefined;
  set?: Partial<Pick<BookingRecord, 'stripePaymentIntentId' | 'amountPaid'>>;
}

/** Filters of the operator's booking list. */
export interface BookingFilter {
  status?: PaymentStatus | undefined;
  courseId?: string | undefined;
}

/** Reads and writes bookings. Every state change is one conditional update. */
export interface BookingStore {
  findById(id: string): Promise<BookingRecord | null>;
  findForUser(userId: string, id: string): Promise<BookingRecord | null>;
  findByUserAndCourse(userId: string, courseId: string): Promise<BookingRecord | null>;
  findByPaymentIntent(paymentIntentId: string): Promise<BookingRecord | null>;
  /**
   * Records a Checkout Session created for a booking, once (insert-only, so no concurrent write can
   * lose it). Only recorded sessions can move a booking.
   */
  recordSession(record: CheckoutRecord): Promise<void>;
  /** The booking that created this Checkout Session, with what it charges; null for a session not ours. */
  findBySession(sessionId: string): Promise<{ booking: BookingRecord; session: CheckoutRecord } | null>;
  /** A student's bookings, newest first, a page at a time (index `user_newest`). */
  listForUser(userId: string, page: { cursor?: PageCursor | undefined; limit: number }): Promise<Page<BookingRecord>>;
  /**
   * Every booking, newest first, filtered, a page at a time (indexes `newest`, `status_newest`,
   * `course_newest`: each filter and the sort on one index).
   */
  list(filter: BookingFilter, page: { cursor?: PageCursor | undefined; limit: number }): Promise<Page<BookingRecord>>;
  /** Every booking of a course in one of `statuses`, read a batch at a time (index `by_course_status`). */
  ofCourse(courseId: string, statuses: PaymentStatus[]): AsyncIterable<BookingRecord>;
  /** Bookings in `statuses` due for a check with Stripe at `at`, longest due first. */
  listDue(statuses: PaymentStatus[], at: Date, limit: number): Promise<BookingRecord[]>;
  /** Sets when the reconciler next checks a booking. */
  scheduleCheck(id: string, reconcileAt: Date, reconcileChecks: number): Promise<void>;
  /** Inserts a new booking; null when the student already has one for the course (unique index). */
  insert(booking: BookingRecord): Promise<BookingRecord | null>;
  /**
   * Claims the right to start attempt `attempt` of a booking: one claimant wins (a unique `_id`). A
   * claim older than 30 s is taken over (its holder died between claiming and starting).
   */
  claimAttempt(id: string, attempt: number, owner: string, at: Date): Promise<boolean>;
  /** Gives a claim back when the attempt did not start after all. */
  releaseAttempt(id: string, attempt: number): Promise<void>;
  /**
   * Starts the next attempt if the booking is still at `attempt`, in one of `from`: a checkout
   * (`pending`), or a free booking confirmed at once (`paid`).
   */
  startAttempt(
    current: { id: string; attempt: number; from: PaymentStatus[] },
    entry: HistoryEntry,
    next: AttemptFields,
  ): Promise<BookingRecord | null>;
  /** Makes a recorded Checkout Session the current one of its attempt, if the booking is still on that attempt. */
  attachSession(
    session: CheckoutRecord & { url?: string | undefined; clientSecret?: string | undefined },
  ): Promise<BookingRecord | null>;
  /**
   * Moves a booking if it is in one of `from` (and on `sessionId`, when given) and the event is not
   * in its history yet; true when it moved. One conditional `updateOne`: the caller, holding the
   * booking's lock, knows what it moved (FerretDB's findAndModify costs several times an update).
   */
  transition(update: TransitionUpdate): Promise<boolean>;
}

/** Creates the booking store. */
export function createBookingStore(db: Db): BookingStore {
  const bookings: Collection<BookingDoc> = db.collection<BookingDoc>('bookings');
  const attempts: Collection<ClaimDoc> = db.collection<ClaimDoc>('booking_attempts');
  const sessions: Collection<SessionDoc> = db.collection<SessionDoc>('checkout_sessions');
  const one = (filter: Filter<BookingDoc>) => guard(async () => fromDoc(await bookings.findOne(filter)));
  /** A newest-first page: one more than asked is read, to know whether another page follows. */
  const page = (filter: Filter<BookingDoc>, cursor: PageCursor | undefined, limit: number) =>
    guard(async (): Promise<Page<BookingRecord>> => {
      const docs = await bookings
        .find({ ...filter, ...after<BookingDoc>(cursor) })
        .sort({ createdAt: -1, _id: -1 })
        .limit(limit + 1)
        .toArray();
      const items = docs.slice(0, limit).map((doc) => fromDoc(doc)!);
      const last = items.at(-1);
      return { items, next: docs.length > limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null };
    });

  return {
    findById: (id) => one({ _id: id }),
    findForUser: (userId, id) => one({ _id: id, userId }),
    findByUserAndCourse: (userId, courseId) => one({ userId, courseId }),
    findByPaymentIntent: (paymentIntentId) => one({ stripePaymentIntentId: paymentIntentId }),
    recordSession: (record) =>
      guard(async () => {
        const { id, ...rest } = record;
        try {
          await sessions.insertOne({ _id: id, ...rest });
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
        }
      }),
    findBySession: (sessionId) =>
      guard(async () => {
        const doc = await sessions.findOne({ _id: sessionId });
        if (!doc) return null;
        const booking = fromDoc(await bookings.findOne({ _id: doc.bookingId }));
        const { _id, ...rest } = doc;
        return booking ? { booking, session: { id: _id, ...rest } } : null;
      }),
    listForUser: (userId, { cursor, limit }) => page({ userId }, cursor, limit),
    list: ({ status, courseId }, { cursor, limit }) =>
      page({ ...(status ? { paymentStatus: status } : {}), ...(courseId ? { courseId } : {}) }, cursor, limit),
    async *ofCourse(courseId, statuses) {
      const cursor = bookings.find({ courseId, paymentStatus: { $in: statuses } }).batchSize(500);
      for await (const doc of cursor) yield fromDoc(doc)!;
    },
    listDue: (statuses, at, limit) =>
      guard(async () =>
        (
          await bookings
            .find({ paymentStatus: { $in: statuses }, reconcileAt: { $lte: at } })
            .sort({ reconcileAt: 1 })
            .limit(limit)
            .toArray()
        ).map((doc) => fromDoc(doc)!),
      ),
    scheduleCheck: (id, reconcileAt, reconcileChecks) =>
      guard(async () => {
        await bookings.updateOne({ _id: id }, { $set: { reconcileAt, reconcileChecks } });
      }),
    insert: (booking) =>
      guard(async () => {
        const { id, ...rest } = booking;
        try {
          await bookings.insertOne({ _id: id, ...rest });
          return booking;
        } catch (error) {
          if (isDuplicateKey(error)) return null;
          throw error;
        }
      }),
    claimAttempt: (id, attempt, owner, at) => takeClaim(attempts, `${id}:${attempt}`, owner, at, staleClaimMs),
    releaseAttempt: (id, attempt) => dropClaim(attempts, `${id}:${attempt}`),
    startAttempt: ({ id, attempt, from }, entry, next) =>
      guard(async () =>
        fromDoc(
          await bookings.findOneAndUpdate(
            { _id: id, attempt, paymentStatus: { $in: from } },
            {
              $set: {
                ...next,
                paymentStatus: entry.status,
                attempt: attempt + 1,
                stripeSessionId: null,
                updatedAt: entry.at,
              },
              $push: { history: entry },
            },
            { returnDocument: 'after' },
          ),
        ),
      ),
    attachSession: ({ url, clientSecret, ...record }) =>
      guard(async () =>
        fromDoc(
          await bookings.findOneAndUpdate(
            { _id: record.bookingId, attempt: record.attempt },
            {
              $set: {
                stripeSessionId: record.id,
                'checkout.url': url,
                'checkout.clientSecret': clientSecret,
                updatedAt: new Date(),
              },
            },
            { returnDocument: 'after' },
          ),
        ),
      ),
    transition: ({ id, from, to, entry, sessionId, set }) =>
      guard(async () => {
        const moved = await bookings.updateOne(
          {
            _id: id,
            paymentStatus: { $in: from },
            'history.eventId': { $ne: entry.eventId },
            ...(sessionId ? { stripeSessionId: sessionId } : {}),
          },
          { $set: { paymentStatus: to, updatedAt: entry.at, ...set }, $push: { history: entry } },
        );
        return moved.matchedCount > 0;
      }),
  };
}

/** One booking per student per course; lookups by payment intent and by staleness. */
export async function ensureBookingIndexes(db: Db): Promise<void> {
  const bookings = db.collection('bookings');
  await bookings.createIndex({ userId: 1, courseId: 1 }, { unique: true, name: 'one_per_student_course' });
  // Lists, newest first, a page at a time: each list's filter and sort on one index.
  await bookings.dropIndex('by_user').catch(() => undefined); // replaced by user_newest (its key gained _id)
  await bookings.createIndex({ userId: 1, createdAt: -1, _id: -1 }, { name: 'user_newest' });
  await bookings.createIndex({ createdAt: -1, _id: -1 }, { name: 'newest' });
  await bookings.createIndex({ paymentStatus: 1, createdAt: -1, _id: -1 }, { name: 'status_newest' });
  await bookings.createIndex({ courseId: 1, createdAt: -1, _id: -1 }, { name: 'course_newest' });
  await bookings.createIndex({ stripePaymentIntentId: 1 }, { name: 'by_payment_intent' });
  await bookings.createIndex({ courseId: 1, paymentStatus: 1 }, { name: 'by_course_status' });
  await recordCurrentSessions(bookings, db.collection('checkout_sessions'));
  await bookings.createIndex({ paymentStatus: 1, reconcileAt: 1 }, { name: 'due' });
}

/**
 * Bookings stored before sessions and checks were recorded: their current session is one of their
 * own, and the reconciler checks them when their checkout expires.
 */
async function recordCurrentSessions(bookings: Collection, sessions: Collection): Promise<void> {
  for await (const doc of bookings.find({ reconcileAt: { $exists: false } })) {
    if (doc.stripeSessionId) {
      const record = { bookingId: doc._id, attempt: doc.attempt, amount: doc.amount, currency: doc.currency };
      await sessions.updateOne({ _id: doc.stripeSessionId }, { $setOnInsert: record }, { upsert: true });
    }
    await bookings.updateOne(
      { _id: doc._id },
      { $set: { reconcileAt: doc.checkoutExpiresAt, reconcileChecks: 0 }, $unset: { sessions: '' } },
    );
  }
}

function fromDoc(doc: BookingDoc | null): BookingRecord | null {
  if (!doc) return null;
  const { _id, ...rest } = doc;
  return { id: _id, ...rest };
}
