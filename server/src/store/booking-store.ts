import type { Attendee } from '../../../common/contract.js';
import type { IndexSpec } from './index-spec.js';
import type { Collection, Db, Filter } from 'mongodb';
import type {
  AttemptFields,
  BookingRecord,
  CheckoutRecord,
  HistoryEntry,
  OperatorRefund,
  PaymentStatus,
} from '../bookings/booking.js';
import { dropClaim, takeClaim, type ClaimDoc } from './claims.js';
import { bookingTotals, groupsFully, type BookingTotals } from './booking-totals.js';
import { guard, isDuplicateKey } from './database.js';
import { newestPage, type Page, type PageCursor } from './page-cursor.js';

/** As stored: `toAnnounce` is set by every write that adds to the history, and cleared by the outbox relay. */
type BookingDoc = Omit<BookingRecord, 'id' | 'quantity'> & { _id: string; quantity?: number; toAnnounce?: boolean };
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
  set?: Partial<Pick<BookingRecord, 'stripePaymentIntentId' | 'stripeInvoiceId' | 'amountPaid' | 'cancellation'>>;
  /** The payment's refunded total after this move: `amountRefunded` grows to it (never shrinks). */
  refunded?: number | undefined;
}

/** Filters of the operator's booking list; every one given must match. */
export interface BookingFilter {
  status?: PaymentStatus | undefined;
  courseId?: string | undefined;
  /** Created at or after. */
  from?: Date | undefined;
  /** Created before. */
  to?: Date | undefined;
  /** The campaign source (`tracking.utm_source`), exactly. */
  source?: string | undefined;
  /** One exact id: the booking's, a Checkout Session's (any attempt), the payment intent's, the student's, or their email. */
  search?: string | undefined;
}

/** A refund Stripe took at the operator's request, and the payment's refunded total it makes. */
export interface RefundRecord {
  refund: OperatorRefund;
  /** What has gone back of the payment with this refund. */
  refunded: number;
  /** It sends back the rest: the booking shows the refund requested until the webhook moves it to `refunded`. */
  rest: boolean;
}

/** Reads and writes bookings. Every state change is one conditional update. */
export interface BookingStore {
  findById(id: string): Promise<BookingRecord | null>;
  findForUser(userId: string, id: string): Promise<BookingRecord | null>;
  /** The student's booking of a course: of one session (`sessionId`; null: the undated course), or any. */
  findByUserAndCourse(userId: string, courseId: string, sessionId?: string | null): Promise<BookingRecord | null>;
  /** The student's bookings of any of these courses (one query on `one_per_student_course`). */
  findByUserAndCourses(userId: string, courseIds: string[]): Promise<BookingRecord[]>;
  findByPaymentIntent(paymentIntentId: string): Promise<BookingRecord | null>;
  /**
   * Records a Checkout Session created for a booking, once (insert-only, so no concurrent write can
   * lose it). Only recorded sessions can move a booking.
   */
  recordSession(record: CheckoutRecord): Promise<void>;
  /** The booking that created this Checkout Session, with what it charges; null for a session not ours. */
  findBySession(sessionId: string): Promise<{ booking: BookingRecord; session: CheckoutRecord } | null>;
  /** The record of a Checkout Session this backend created (which booking, which attempt, what it charged), or null. */
  findSessionRecord(sessionId: string): Promise<CheckoutRecord | null>;
  /** A student's bookings, newest first, a page at a time (index `user_newest`). */
  listForUser(userId: string, page: { cursor?: PageCursor | undefined; limit: number }): Promise<Page<BookingRecord>>;
  /**
   * Every booking, newest first, filtered, a page at a time (indexes `newest`, `status_newest`,
   * `course_newest`: each filter and the sort on one index).
   */
  list(filter: BookingFilter, page: { cursor?: PageCursor | undefined; limit: number }): Promise<Page<BookingRecord>>;
  /** The booking waiting longest in `pending` or `processing`, by creation (index `status_newest`, read backwards). */
  oldestOpen(): Promise<BookingRecord | null>;
  /** Counts and revenue of everything a filter matches. */
  totals(filter: BookingFilter): Promise<BookingTotals>;
  /** Everything a filter matches, newest first, read a batch at a time (the CSV export). */
  stream(filter: BookingFilter): AsyncIterable<BookingRecord>;
  /** Records a refund Stripe took at the operator's request (the booking keeps its state: Stripe's webhook moves it). */
  recordRefund(id: string, record: RefundRecord): Promise<void>;
  /**
   * Records money sent back without a move (a partial refund, or one of a cancelled booking): the
   * history entry, when it announces something, and the refunded total, which never shrinks.
   */
  recordRefunded(id: string, refunded: number, entry: HistoryEntry | null): Promise<void>;
  /** Fixes (or, with null, drops) the refund of a student's cancellation before Stripe is asked for it. */
  recordCancelRequest(id: string, request: { at: Date; amount: number } | null): Promise<void>;
  /**
   * Every booking of a course in one of `statuses`, read a batch at a time (index `by_course_status`);
   * of one of its dated sessions when `sessionId` is given (index `session_newest`, read backwards), oldest first.
   */
  ofCourse(courseId: string, statuses: PaymentStatus[], sessionId?: string): AsyncIterable<BookingRecord>;
  /** Bookings in `statuses` due for a check with Stripe at `at`, longest due first. */
  listDue(statuses: PaymentStatus[], at: Date, limit: number): Promise<BookingRecord[]>;
  /** Sets when the reconciler next checks a booking. */
  scheduleCheck(id: string, reconcileAt: Date, reconcileChecks: number): Promise<void>;
  /** Bookings with history not announced yet (index `to_announce`): the outbox relay's queue. */
  listToAnnounce(limit: number): Promise<BookingRecord[]>;
  /**
   * Records that the first `count` history entries of a booking are in the outbox, if it has no more
   * than that (a move since is announced by the next round); true when recorded.
   */
  markAnnounced(id: string, count: number): Promise<boolean>;
  /** Inserts a new booking; null when the student already has one for the course (unique index). */
  insert(booking: BookingRecord): Promise<BookingRecord | null>;
  /** Replaces who a booking's seats are for (by `_id`); the booking after, or null when there is none. */
  setAttendees(id: string, attendees: Attendee[] | null, at: Date): Promise<BookingRecord | null>;
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
  /**
   * Moves a booking in one of `statuses` from one dated session of its course to another (by `_id`), with a
   * history entry: `moved`, `changed` (it is no longer where the caller read it), or `taken` (its
   * student has a booking of that session already: the unique index says so).
   */
  moveSession(
    id: string,
    move: { from: string; to: string; statuses: PaymentStatus[]; entry: HistoryEntry; retainFrom: Date },
  ): Promise<'moved' | 'changed' | 'taken'>;
  /** Bookings whose personal data's keeping started at or before `before`, longest first (index `retention`). */
  listRetained(before: Date, limit: number): Promise<BookingRecord[]>;
  /**
   * Erases a booking's personal data: its attendees, and (unless its checkout is under way, whose
   * retries must send Stripe the same request) its student's address. Amounts, ids, history and the
   * campaign it came from stay, for the books (by `_id`).
   */
  erasePersonalData(id: string, at: Date): Promise<void>;
}

/** Creates the booking store. */
export function createBookingStore(db: Db): BookingStore {
  const bookings: Collection<BookingDoc> = db.collection<BookingDoc>('bookings');
  const attempts: Collection<ClaimDoc> = db.collection<ClaimDoc>('booking_attempts');
  const sessions: Collection<SessionDoc> = db.collection<SessionDoc>('checkout_sessions');
  const oneGroup = groupsFully(db);
  const one = (filter: Filter<BookingDoc>) => guard(async () => fromDoc(await bookings.findOne(filter)));
  // Session records never change: those this process wrote or read are kept (the newest 10,000),
  // so the webhook of a checkout this instance created finds its booking without a read.
  const known = new Map<string, CheckoutRecord>();
  const remember = (record: CheckoutRecord) => {
    known.set(record.id, record);
    if (known.size > 10_000) known.delete(known.keys().next().value!);
    return record;
  };
  const sessionRecord = async (sessionId: string): Promise<CheckoutRecord | null> => {
    const kept = known.get(sessionId);
    if (kept) return kept;
    const doc = await sessions.findOne({ _id: sessionId });
    if (!doc) return null;
    const { _id, ...rest } = doc;
    return remember({ id: _id, ...rest });
  };
  /** The query for a filter; a searched session id of an earlier attempt is looked up in the registry. */
  const where = async (filter: BookingFilter): Promise<Filter<BookingDoc>> => {
    const session = filter.search?.startsWith('cs_') ? await sessions.findOne({ _id: filter.search }) : null;
    return filterOf(filter, session?.bookingId);
  };
  /** A newest-first page (`createdAt`, ties by id). */
  const page = (filter: Filter<BookingDoc>, cursor: PageCursor | undefined, limit: number) =>
    guard(async (): Promise<Page<BookingRecord>> => {
      const { items, next } = await newestPage(bookings, filter, 'createdAt', { cursor, limit });
      return { items: items.map((doc) => fromDoc(doc)!), next };
    });

  return {
    findById: (id) => one({ _id: id }),
    findForUser: (userId, id) => one({ _id: id, userId }),
    findByUserAndCourse: (userId, courseId, sessionId) =>
      one(sessionId === undefined ? { userId, courseId } : { userId, courseId, sessionId }),
    findByUserAndCourses: (userId, courseIds) =>
      guard(async () => {
        const docs = await bookings.find({ userId, courseId: { $in: courseIds } }).toArray();
        return docs.map((doc) => fromDoc(doc)!);
      }),
    findByPaymentIntent: (paymentIntentId) => one({ stripePaymentIntentId: paymentIntentId }),
    recordSession: (record) =>
      guard(async () => {
        const { id, ...rest } = record;
        try {
          await sessions.insertOne({ _id: id, ...rest });
          remember(record);
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
        }
      }),
    findBySession: (sessionId) =>
      guard(async () => {
        const session = await sessionRecord(sessionId);
        const booking = session && fromDoc(await bookings.findOne({ _id: session.bookingId }));
        return session && booking ? { booking, session } : null;
      }),
    findSessionRecord: (sessionId) => guard(() => sessionRecord(sessionId)),
    listForUser: (userId, { cursor, limit }) => page({ userId }, cursor, limit),
    list: async (filter, { cursor, limit }) => page(await guard(() => where(filter)), cursor, limit),
    oldestOpen: () =>
      guard(async () => {
        const [doc] = await bookings
          .find({ paymentStatus: { $in: ['pending', 'processing'] } })
          .sort({ createdAt: 1, _id: 1 })
          .limit(1)
          .toArray();
        return fromDoc(doc ?? null);
      }),
    totals: (filter) =>
      guard(async () =>
        bookingTotals(bookings, await where(filter), {
          oneGroup: await oneGroup(),
          revenueWanted: !filter.status || filter.status === 'paid',
        }),
      ),
    async *stream(filter) {
      const cursor = bookings
        .find(await guard(() => where(filter)))
        .sort({ createdAt: -1, _id: -1 })
        .batchSize(1_000);
      for await (const doc of cursor) yield fromDoc(doc)!;
    },
    recordRefund: (id, { refund, refunded, rest }) =>
      guard(async () => {
        const { byName, ...fields } = refund;
        const named = byName ? { byName } : {};
        const request = { at: refund.at, by: refund.by, ...named, refundId: refund.id };
        await bookings.updateOne(
          { _id: id },
          {
            $push: { refunds: { ...fields, ...named } },
            $max: { amountRefunded: refunded },
            ...(rest ? { $set: { refundRequest: request } } : {}),
          },
        );
      }),
    recordRefunded: (id, refunded, entry) =>
      guard(async () => {
        await bookings.updateOne(
          { _id: id },
          entry
            ? {
                $max: { amountRefunded: refunded },
                $set: { updatedAt: entry.at, toAnnounce: true },
                $push: { history: entry },
              }
            : { $max: { amountRefunded: refunded } },
        );
      }),
    recordCancelRequest: (id, request) =>
      guard(async () => {
        await bookings.updateOne(
          { _id: id },
          request ? { $set: { cancelRequest: request } } : { $unset: { cancelRequest: '' } },
        );
      }),
    async *ofCourse(courseId, statuses, sessionId) {
      // A session's bookings are few (its seats, and their lapsed attempts): their statuses are
      // sorted out here, which keeps the payment status out of the index a payment's move updates.
      const cursor = (
        sessionId === undefined
          ? bookings.find({ courseId, paymentStatus: { $in: statuses } })
          : bookings.find({ courseId, sessionId }).sort({ createdAt: 1, _id: 1 })
      ).batchSize(500);
      for await (const doc of cursor) if (statuses.includes(doc.paymentStatus)) yield fromDoc(doc)!;
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
    listToAnnounce: (limit) =>
      guard(async () => (await bookings.find({ toAnnounce: true }).limit(limit).toArray()).map((doc) => fromDoc(doc)!)),
    markAnnounced: (id, count) =>
      guard(async () => {
        const marked = await bookings.updateOne(
          { _id: id, history: { $size: count } },
          { $set: { toAnnounce: false, announced: count } },
        );
        return marked.matchedCount === 1;
      }),
    setAttendees: (id, attendees, at) =>
      guard(async () =>
        fromDoc(
          await bookings.findOneAndUpdate(
            { _id: id },
            { $set: { attendees, updatedAt: at } },
            { returnDocument: 'after' },
          ),
        ),
      ),
    insert: (booking) =>
      guard(async () => {
        // `sessionId` is stored even when null: a unique index on FerretDB tells a missing field
        // from null and never finds two missing ones equal, so "one per student" needs the null.
        const { id, ...rest } = booking;
        try {
          // A free booking is paid on insert: that is announced like any other payment.
          const announce = { toAnnounce: rest.paymentStatus === 'paid', announced: 0 };
          await bookings.insertOne({ _id: id, ...rest, sessionId: rest.sessionId ?? null, ...announce });
          return { ...booking, sessionId: rest.sessionId ?? null };
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
                toAnnounce: true,
              },
              $push: { history: entry },
              $unset: {
                refundRequest: '',
                cancelRequest: '',
                amountRefunded: '',
                refunds: '',
                stripeInvoiceId: '',
              },
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
    listRetained: (before, limit) =>
      guard(async () =>
        (
          await bookings
            .find({ retainFrom: { $lte: before } })
            .sort({ retainFrom: 1 })
            .limit(limit)
            .toArray()
        ).map((doc) => fromDoc(doc)!),
      ),
    erasePersonalData: (id, at) =>
      guard(async () => {
        const erased = { attendees: null, personalDataErasedAt: at, updatedAt: at };
        const gone = { retainFrom: '' } as const;
        // A checkout under way keeps the address it was created with: Stripe sees the same request on a retry.
        const keepAddress = await bookings.updateOne(
          { _id: id, paymentStatus: 'pending' },
          { $set: erased, $unset: gone },
        );
        if (keepAddress.matchedCount === 0) {
          await bookings.updateOne({ _id: id }, { $set: erased, $unset: { ...gone, 'checkout.customerEmail': '' } });
        }
      }),
    moveSession: (id, { from, to, statuses, entry, retainFrom }) =>
      guard(async () => {
        try {
          const moved = await bookings.updateOne(
            { _id: id, sessionId: from, paymentStatus: { $in: statuses } },
            { $set: { sessionId: to, retainFrom, updatedAt: entry.at, toAnnounce: true }, $push: { history: entry } },
          );
          return moved.matchedCount > 0 ? 'moved' : 'changed';
        } catch (error) {
          if (isDuplicateKey(error)) return 'taken';
          throw error;
        }
      }),
    transition: ({ id, from, to, entry, sessionId, set, refunded }) =>
      guard(async () => {
        const moved = await bookings.updateOne(
          {
            _id: id,
            paymentStatus: { $in: from },
            'history.eventId': { $ne: entry.eventId },
            ...(sessionId ? { stripeSessionId: sessionId } : {}),
          },
          {
            $set: { paymentStatus: to, updatedAt: entry.at, toAnnounce: true, ...set },
            $push: { history: entry },
            ...(refunded === undefined ? {} : { $max: { amountRefunded: refunded } }),
          },
        );
        return moved.matchedCount > 0;
      }),
  };
}

/** One booking per student per course; lookups by payment intent and by staleness. */
export const bookingIndexes: IndexSpec[] = [
  // One booking per student per session of a course; per course for an undated one (sessionId null).
  {
    collection: 'bookings',
    name: 'one_per_student_session',
    key: { userId: 1, courseId: 1, sessionId: 1 },
    unique: true,
  },
  // Lists, newest first, a page at a time: each list's filter and sort on one index.
  { collection: 'bookings', name: 'user_newest', key: { userId: 1, createdAt: -1, _id: -1 } },
  { collection: 'bookings', name: 'newest', key: { createdAt: -1, _id: -1 } },
  { collection: 'bookings', name: 'status_newest', key: { paymentStatus: 1, createdAt: -1, _id: -1 } },
  { collection: 'bookings', name: 'course_newest', key: { courseId: 1, createdAt: -1, _id: -1 } },
  // The operator's list of one campaign source's bookings.
  { collection: 'bookings', name: 'source_newest', key: { 'tracking.utm_source': 1, createdAt: -1, _id: -1 } },
  // Its totals: the revenue of its paid bookings.
  { collection: 'bookings', name: 'source_status', key: { 'tracking.utm_source': 1, paymentStatus: 1 } },
  { collection: 'bookings', name: 'by_payment_intent', key: { stripePaymentIntentId: 1, createdAt: -1, _id: -1 } },
  // The operator's search: each id a booking carries on an index of its own, newest first, so that
  // the search's `$or` merges its branches in order (no in-memory sort).
  { collection: 'bookings', name: 'by_session', key: { stripeSessionId: 1, createdAt: -1, _id: -1 } },
  { collection: 'bookings', name: 'by_email', key: { 'checkout.customerEmail': 1, createdAt: -1, _id: -1 } },
  // A course's bookings in some states: seats, and the operator's list filtered by both.
  { collection: 'bookings', name: 'by_course_status', key: { courseId: 1, paymentStatus: 1, createdAt: -1, _id: -1 } },
  { collection: 'bookings', name: 'due', key: { paymentStatus: 1, reconcileAt: 1 } },
  // What the outbox relay still has to announce: every move of a booking sets it, in the same write.
  { collection: 'bookings', name: 'to_announce', key: { toAnnounce: 1 } },
  // Personal data whose keeping ends: the retention sweep's queue (erased bookings leave it).
  { collection: 'bookings', name: 'retention', key: { retainFrom: 1 } },
  // A dated session's bookings: its attendees, its cancellation, its moves (never changed by a payment's move).
  { collection: 'bookings', name: 'session_newest', key: { courseId: 1, sessionId: 1, createdAt: -1, _id: -1 } },
];

/**
 * The query for a filter. A search is one exact value matched against each id a booking carries,
 * every one on an index (`_id`, `by_session`, `by_payment_intent`, `user_newest`, `by_email`);
 * `sessionBookingId` is the booking a searched Checkout Session of any attempt belongs to.
 */
function filterOf(filter: BookingFilter, sessionBookingId: string | undefined): Filter<BookingDoc> {
  const { status, courseId, from, to, search, source } = filter;
  const created = { ...(from ? { $gte: from } : {}), ...(to ? { $lt: to } : {}) };
  const anyId = search
    ? [
        { _id: search },
        ...(sessionBookingId ? [{ _id: sessionBookingId }] : []),
        { stripeSessionId: search },
        { stripePaymentIntentId: search },
        { userId: search },
        { 'checkout.customerEmail': search.toLowerCase() }, // stored lower-cased (`emailOf`)
      ]
    : undefined;
  return {
    ...(status ? { paymentStatus: status } : {}),
    ...(courseId ? { courseId } : {}),
    ...(source ? { 'tracking.utm_source': source } : {}),
    ...(from || to ? { createdAt: created } : {}),
    ...(anyId ? { $or: anyId } : {}),
  } as Filter<BookingDoc>;
}

function fromDoc(doc: BookingDoc | null): BookingRecord | null {
  if (!doc) return null;
  const { _id, ...rest } = doc;
  delete rest.toAnnounce;
  return { id: _id, ...rest, sessionId: rest.sessionId ?? null, quantity: rest.quantity ?? 1 };
}
