import type { IndexSpec } from './index-spec.js';
import type { Collection, Db } from 'mongodb';
import { guard, isDuplicateKey } from './database.js';

interface SlotDoc {
  _id: string;
  windowStart: Date;
}

/** Counts requests per key and fixed window, shared by every instance on the database. */
export interface RateLimitStore {
  /**
   * Takes one of the `max` slots of `key`'s window starting at `windowStart`; false when all are
   * taken. Exact under concurrency on any server that enforces a unique `_id`.
   */
  take(key: string, windowStart: Date, max: number): Promise<boolean>;
  /** Deletes the slots of windows that started before `before`. */
  prune(before: Date): Promise<number>;
}

/**
 * Creates the rate-limit store. Each request claims a numbered slot document: the unique `_id`
 * decides between concurrent claims, so the count holds on servers whose conditional updates are
 * not atomic (FerretDB 1.x) as it does on MongoDB. This instance remembers the highest slot it has
 * seen, so a claim is usually one insert, and a full window answers without a database call.
 */
export function createRateLimitStore(db: Db): RateLimitStore {
  const slots: Collection<SlotDoc> = db.collection<SlotDoc>('rate_limits');
  const seen = new Map<string, { windowStart: number; next: number }>();

  return {
    take: (key, windowStart, max) =>
      guard(async () => {
        const known = seen.get(key);
        let slot = known?.windowStart === windowStart.getTime() ? known.next : 0;
        if (seen.size > 50_000) forgetBefore(seen, windowStart.getTime());
        while (slot < max) {
          const claimed = await claim(slots, `${key}|${windowStart.getTime()}|${slot}`, windowStart);
          slot += 1;
          seen.set(key, { windowStart: windowStart.getTime(), next: slot });
          if (claimed) return true;
        }
        return false;
      }),
    prune: (before) => guard(async () => (await slots.deleteMany({ windowStart: { $lt: before } })).deletedCount),
  };
}

async function claim(slots: Collection<SlotDoc>, id: string, windowStart: Date): Promise<boolean> {
  try {
    await slots.insertOne({ _id: id, windowStart });
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

function forgetBefore(seen: Map<string, { windowStart: number }>, windowStart: number): void {
  for (const [key, value] of seen) if (value.windowStart < windowStart) seen.delete(key);
}

/** Supports pruning by window. */
export const rateLimitIndexes: IndexSpec[] = [{ collection: 'rate_limits', name: 'prune', key: { windowStart: 1 } }];
