import { MongoServerError, type Collection, type Db } from 'mongodb';
import type { EventOutcome } from '../bookings/payment-event.js';
import { guard } from './database.js';

interface EventDoc {
  _id: string;
  type: string;
  state: 'processing' | 'done';
  receivedAt: Date;
  claimedAt: Date;
  bookingId: string | null;
  /** What processing it did, for the operator's webhook log. */
  outcome?: EventOutcome['outcome'];
  reason?: string;
}

/** What a claim found: ours to process, already processed, or being processed by another delivery. */
export type ClaimResult = 'claimed' | 'done' | 'in_progress';

/** Records each Stripe event id once. The unique `_id` decides which delivery processes it. */
export interface EventStore {
  /** Claims an event for processing; a claim older than `staleMs` is taken over (its holder died). */
  claim(eventId: string, type: string, now: Date, staleMs: number): Promise<ClaimResult>;
  /** Marks an event processed, with what it did. */
  complete(eventId: string, outcome: EventOutcome): Promise<void>;
  /** Gives a claim back after a failure, so the next delivery processes the event. */
  release(eventId: string): Promise<void>;
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
          if (!(error instanceof MongoServerError && error.code === 11000)) throw error;
        }
        const existing = await events.findOne({ _id: eventId });
        if (!existing || existing.state === 'done') return 'done';
        if (existing.claimedAt.getTime() > now.getTime() - staleMs) return 'in_progress';
        const taken = await events.updateOne(
          { _id: eventId, state: 'processing', claimedAt: existing.claimedAt },
          { $set: { claimedAt: now } },
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
    release: (eventId) =>
      guard(async () => {
        await events.deleteOne({ _id: eventId, state: 'processing' });
      }),
    prune: (before) =>
      guard(async () => (await events.deleteMany({ state: 'done', receivedAt: { $lt: before } })).deletedCount),
  };
}

/** Supports pruning by age. */
export async function ensureEventIndexes(db: Db): Promise<void> {
  await db.collection('stripe_events').createIndex({ state: 1, receivedAt: 1 }, { name: 'prune' });
}
