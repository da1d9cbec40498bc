import type { Collection, Db } from 'mongodb';
import { guard, isDuplicateKey } from './database.js';

interface LeaseDoc {
  _id: string;
  owner: string;
  until: Date;
}

/** One runner at a time for a periodic job, across every instance of the backend. */
export interface LeaseStore {
  /** Takes or renews the lease named `name` for `owner` until `now + ttlMs`; false when another owner holds it. */
  acquire(name: string, owner: string, now: Date, ttlMs: number): Promise<boolean>;
  /** Gives the lease up, if `owner` holds it: another instance may take it at once. */
  release(name: string, owner: string): Promise<void>;
}

/** Creates the lease store. */
export function createLeaseStore(db: Db): LeaseStore {
  const leases: Collection<LeaseDoc> = db.collection<LeaseDoc>('leases');
  return {
    acquire: (name, owner, now, ttlMs) =>
      guard(async () => {
        const until = new Date(now.getTime() + ttlMs);
        try {
          // Matches when the lease is ours or has run out; otherwise the upsert hits the unique _id.
          await leases.updateOne(
            { _id: name, $or: [{ owner }, { until: { $lt: now } }] },
            { $set: { owner, until } },
            { upsert: true },
          );
        } catch (error) {
          if (isDuplicateKey(error)) return false;
          throw error;
        }
        const lease = await leases.findOne({ _id: name });
        return lease?.owner === owner;
      }),
    release: (name, owner) =>
      guard(async () => {
        await leases.deleteOne({ _id: name, owner });
      }),
  };
}
