import type { IndexSpec } from './index-spec.js';
import type { Collection, Db, Filter } from 'mongodb';
import { movedByEvent, type EventOutcome, type PaymentEvent } from '../bookings/payment-event.js';
import { guard, isDuplicateKey } from './database.js';
import { newestPage, type Page, type PageCursor } from './page-cursor.js';

interface EventDoc {
  _id: string;
  type: string;
  /**
   * `parked`: recorded, waiting for an event it follows; applied again whenever its booking moves.
   * `failed`: processing failed (the reason is kept); the next delivery takes it over.
   */
  state: 'processing' | 'done' | 'parked' | 'failed';
  receivedAt: Date;
  claimedAt: Date;
  bookingId: string | null;
  /** What processing it did, for the operator's webhook log (`retry`: it failed, Stripe delivers it again). */
  outcome?: EventOutcome['outcome'] | 'retry';
  reason?: string;
  /** Deliveries after it was processed, answered as duplicates. */
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

/** What a claim found: ours to process, already processed, or being processed by another delivery. */
/**
 * What a delivery's claim found. `done`: another delivery finished it; `appliedTo` names the
 * booking it moved, whose parked events the duplicate gives a turn (the first delivery may have
 * failed after recording the event and before giving them theirs).
 */
export type ClaimResult =
  | 'claimed'
  | 'in_progress'
  | {
      done: true;
      /** The booking it moved, when it was applied. */
      appliedTo: string | null;
      /** What it waits for, when it is parked: its booking, or the payment not linked to one yet. */
      parkedFor?: { bookingId: string | null; paymentIntentId: string | null };
    };

/** Records each Stripe event id once. The unique `_id` decides which delivery processes it. */
export interface EventStore {
  /** Claims an event for processing; a claim older than `staleMs` is taken over (its holder died). */
  claim(eventId: string, type: string, now: Date, staleMs: number): Promise<ClaimResult>;
  /** Marks an event processed, with what it did. */
  complete(eventId: string, outcome: EventOutcome): Promise<void>;
  /** Records an event that cannot apply yet, with its fact, to be applied again when its booking moves. */
  park(eventId: string, outcome: EventOutcome, fact: PaymentEvent): Promise<void>;
  /** Parked events of a booking, or waiting for its payment intent; oldest first. */
  listParked(bookingId: string, paymentIntentId: string | null): Promise<ParkedEvent[]>;
  /** Every parked event, a page at a time in id order, after `afterId`. */
  listParkedPage(afterId: string, limit: number): Promise<ParkedEvent[]>;
  /** Gives a claim back after a failure, with why, so the next delivery processes the event. */
  release(eventId: string, reason: string): Promise<void>;
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
    claim: (eventId, type, now, staleMs) =>
      guard(async () => {
        try {
          await events.insertOne({
            _id: eventId,
            type,
            state: 'processing',
            receivedAt: now,
            claimedAt: now,
            bookingId: null,
          });
          return 'claimed';
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
        }
        const existing = await events.findOne({ _id: eventId });
        if (!existing) return { done: true, appliedTo: null };
        if (existing.state === 'done' || existing.state === 'parked') {
          await events.updateOne({ _id: eventId }, { $inc: { duplicates: 1 } });
          const parkedFor =
            existing.state === 'parked'
              ? {
                  parkedFor: {
                    bookingId: existing.bookingId ?? null,
                    paymentIntentId: existing.paymentIntentId ?? null,
                  },
                }
              : {};
          return {
            done: true,
            appliedTo: movedByEvent(existing) ? (existing.bookingId ?? null) : null,
            ...parkedFor,
          };
        }
        // A failed event is taken over at once; one being processed only when its holder is gone.
        const failed = existing.state === 'failed';
        if (!failed && existing.claimedAt.getTime() > now.getTime() - staleMs) return 'in_progress';
        const taken = await events.updateOne(
          { _id: eventId, state: existing.state, claimedAt: existing.claimedAt },
          { $set: { state: 'processing', claimedAt: now } },
        );
        return taken.modifiedCount === 1 ? 'claimed' : 'in_progress';
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
    release: (eventId, reason) =>
      guard(async () => {
        await events.updateOne(
          { _id: eventId, state: 'processing' },
          { $set: { state: 'failed', outcome: 'retry', reason }, $inc: { failures: 1 } },
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

function toParked(doc: EventDoc): ParkedEvent {
  return { eventId: doc._id, fact: doc.fact! };
}
