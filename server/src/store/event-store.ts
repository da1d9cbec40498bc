import type { IndexSpec } from './index-spec.js';
import type { Collection, Db, Filter } from 'mongodb';
import type { EventOutcome, PaymentEvent } from '../bookings/payment-event.js';
import { guard, isDuplicateKey } from './database.js';
import { newestPage, type Page, type PageCursor } from './page-cursor.js';

interface EventDoc {
  _id: string;
  type: string;
  /**
   * `done`: applied (or found to change nothing), with its outcome.
   * `parked`: recorded, waiting for an event it follows; applied again whenever its booking moves.
   * `failed`: applying it failed (the reason is kept); the next delivery applies it again.
   * `processing`: a claim an earlier build wrote before applying; the next delivery takes it over.
   */
  state: 'processing' | 'done' | 'parked' | 'failed';
  receivedAt: Date;
  bookingId: string | null;
  /** What processing it did, for the operator's webhook log (`retry`: it failed, Stripe delivers it again). */
  outcome?: EventOutcome['outcome'] | 'retry';
  reason?: string;
  /** Deliveries after it was recorded, answered as duplicates. */
  duplicates?: number;
  /** Failed attempts, each answered 5xx so that Stripe delivers it again. */
  failures?: number;
  /** A parked event: the payment it waits for, and the fact to apply again. */
  paymentIntentId?: string | null;
  fact?: PaymentEvent;
}

/** An event waiting for its predecessor. */
export interface ParkedEvent {
  eventId: string;
  fact: PaymentEvent;
}

/** One row of the operator's webhook log. */
export interface EventLogEntry {
  id: string;
  type: string;
  receivedAt: Date;
  bookingId: string | null;
  /** `retry`: failed, waiting for Stripe's next delivery; `processing`: being applied now. */
  outcome: EventOutcome['outcome'] | 'retry' | 'processing';
  reason: string | null;
  duplicates: number;
  failures: number;
}

/** Filters of the webhook log. */
export interface EventLogFilter {
  outcome?: EventLogEntry['outcome'] | undefined;
  type?: string | undefined;
}

/**
 * Records each Stripe event once, after it was applied: the booking's lock and history make
 * applying it again harmless, so a delivery needs no claim first, and one whose holder died is
 * applied again at once by the next.
 */
export interface EventStore {
  /**
   * Records what applying an event did (a parked one with its fact). Answers `duplicate` when an
   * earlier delivery recorded it already; a record of a failed or parked attempt, or one this
   * delivery's move supersedes, is replaced.
   */
  record(event: PaymentEvent, outcome: EventOutcome, at: Date): Promise<'recorded' | 'duplicate'>;
  /** Marks a parked event processed, with what it did. */
  complete(eventId: string, outcome: EventOutcome): Promise<void>;
  /** Parks a recorded event again, with its fact, to be applied again when its booking moves. */
  park(eventId: string, outcome: EventOutcome, fact: PaymentEvent): Promise<void>;
  /** Parked events of a booking, or waiting for its payment intent; oldest first. */
  listParked(bookingId: string, paymentIntentId: string | null): Promise<ParkedEvent[]>;
  /** Every parked event, a page at a time in id order, after `afterId`. */
  listParkedPage(afterId: string, limit: number): Promise<ParkedEvent[]>;
  /** Records that applying an event failed, with why (unless a delivery recorded it meanwhile): Stripe delivers it again. */
  fail(eventId: string, type: string, at: Date, reason: string): Promise<void>;
  /**
   * The webhook log, newest first, a page at a time (indexes `log_newest`, `log_outcome`,
   * `log_type`: each filter and the sort on one index).
   */
  list(filter: EventLogFilter, page: { cursor?: PageCursor | undefined; limit: number }): Promise<Page<EventLogEntry>>;
  /** How many events have an outcome (index `log_outcome`). */
  count(outcome: 'retry' | 'parked'): Promise<number>;
  /** Deletes processed events received before `before`; returns how many. */
  prune(before: Date): Promise<number>;
}

/** Creates the event store. */
export function createEventStore(db: Db): EventStore {
  const events: Collection<EventDoc> = db.collection<EventDoc>('stripe_events');
  return {
    record: (event, outcome, at) =>
      guard(async () => {
        const fields = outcomeFields(event, outcome);
        try {
          await events.insertOne({ _id: event.eventId, type: event.type, receivedAt: at, ...fields });
          return 'recorded';
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
        }
        // Recorded by an earlier delivery. This delivery's outcome replaces a failure, an earlier
        // build's claim, a parked record (parked again, it may wait for something else now), and
        // an outcome that moved nothing when this one moved the booking (the earlier came too early).
        const earlier = await events.findOne({ _id: event.eventId });
        if (!earlier) return 'duplicate'; // pruned meanwhile
        const moved = outcome.outcome === 'applied' && earlier.outcome !== 'applied';
        if (earlier.state !== 'done' || moved) {
          // What it said about the earlier attempt (why, what it waited for) goes; its counts stay.
          const { _id, type, receivedAt, duplicates, failures } = earlier;
          const kept = {
            _id,
            type,
            receivedAt,
            ...(duplicates ? { duplicates } : {}),
            ...(failures ? { failures } : {}),
          };
          await events.replaceOne({ _id, state: earlier.state }, { ...kept, ...fields });
        }
        // A duplicate: done before and this one added nothing, or parked before and still parked.
        const duplicate =
          (earlier.state === 'done' && !moved) || (earlier.state === 'parked' && fields.state === 'parked');
        if (!duplicate) return 'recorded';
        await events.updateOne({ _id: event.eventId }, { $inc: { duplicates: 1 } });
        return 'duplicate';
      }),
    complete: (eventId, { bookingId, outcome, reason }) =>
      guard(async () => {
        await events.updateOne(
          { _id: eventId },
          { $set: { state: 'done', bookingId, outcome, ...(reason ? { reason } : {}) } },
        );
      }),
    park: (eventId, { bookingId, reason, paymentIntentId }, fact) =>
      guard(async () => {
        await events.updateOne(
          { _id: eventId },
          {
            $set: {
              state: 'parked',
              outcome: 'parked',
              bookingId,
              paymentIntentId: paymentIntentId ?? null,
              fact,
              ...(reason ? { reason } : {}),
            },
          },
        );
      }),
    listParked: (bookingId, paymentIntentId) =>
      guard(async () => {
        const waiting = paymentIntentId ? [{ bookingId }, { paymentIntentId }] : [{ bookingId }];
        const docs = await events.find({ state: 'parked', $or: waiting }).sort({ receivedAt: 1 }).limit(100).toArray();
        return docs.map(toParked);
      }),
    listParkedPage: (afterId, limit) =>
      guard(async () => {
        const docs = await events
          .find({ state: 'parked', _id: { $gt: afterId } })
          .sort({ _id: 1 })
          .limit(limit)
          .toArray();
        return docs.map(toParked);
      }),
    fail: (eventId, type, at, reason) =>
      guard(async () => {
        const failed = { state: 'failed', outcome: 'retry', reason } as const;
        try {
          await events.insertOne({ _id: eventId, type, receivedAt: at, bookingId: null, ...failed, failures: 1 });
          return;
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
        }
        // Failed before (or left by an earlier build's claim); a record a delivery finished meanwhile stays.
        await events.updateOne(
          { _id: eventId, state: { $in: ['failed', 'processing'] } },
          { $set: failed, $inc: { failures: 1 } },
        );
      }),
    count: (outcome) => guard(() => events.countDocuments({ outcome })),
    list: ({ outcome, type }, page) =>
      guard(async () => {
        const filter: Filter<EventDoc> = {
          ...(outcome === 'processing' ? { state: 'processing' } : outcome ? { outcome } : {}),
          ...(type ? { type } : {}),
        };
        const { items, next } = await newestPage(events, filter, 'receivedAt', page);
        return { items: items.map(toLogEntry), next };
      }),
    prune: (before) =>
      guard(
        async () =>
          (await events.deleteMany({ state: { $in: ['done', 'parked', 'failed'] }, receivedAt: { $lt: before } }))
            .deletedCount,
      ),
  };
}

/** Pruning by age, parked events by booking and by payment intent, and the operator's webhook log. */
export const eventIndexes: IndexSpec[] = [
  // Pruning by age; the log's `processing` filter, newest first.
  { collection: 'stripe_events', name: 'prune', key: { state: 1, receivedAt: 1, _id: 1 } },
  // A booking's parked events, oldest first; every parked event by id, a page at a time.
  { collection: 'stripe_events', name: 'parked_by_booking', key: { state: 1, bookingId: 1, receivedAt: 1 } },
  { collection: 'stripe_events', name: 'parked_by_payment', key: { state: 1, paymentIntentId: 1, receivedAt: 1 } },
  { collection: 'stripe_events', name: 'parked_page', key: { state: 1, _id: 1 } },
  // The operator's webhook log, newest first: all, by outcome, by type.
  { collection: 'stripe_events', name: 'log_newest', key: { receivedAt: -1, _id: -1 } },
  { collection: 'stripe_events', name: 'log_outcome', key: { outcome: 1, receivedAt: -1, _id: -1 } },
  { collection: 'stripe_events', name: 'log_type', key: { type: 1, receivedAt: -1, _id: -1 } },
  { collection: 'stripe_events', name: 'log_outcome_type', key: { outcome: 1, type: 1, receivedAt: -1, _id: -1 } },
];

function toLogEntry(doc: EventDoc): EventLogEntry {
  return {
    id: doc._id,
    type: doc.type,
    receivedAt: doc.receivedAt,
    bookingId: doc.bookingId,
    outcome: doc.state === 'processing' ? 'processing' : (doc.outcome ?? 'processing'),
    reason: doc.reason ?? null,
    duplicates: doc.duplicates ?? 0,
    failures: doc.failures ?? 0,
  };
}

/** The fields of an event's record that say what applying it did. */
function outcomeFields(event: PaymentEvent, { bookingId, outcome, reason, paymentIntentId }: EventOutcome) {
  const parked = outcome === 'parked';
  return {
    state: parked ? ('parked' as const) : ('done' as const),
    bookingId,
    outcome,
    ...(reason ? { reason } : {}),
    ...(parked ? { paymentIntentId: paymentIntentId ?? null, fact: event } : {}),
  };
}

function toParked(doc: EventDoc): ParkedEvent {
  return { eventId: doc._id, fact: doc.fact! };
}
