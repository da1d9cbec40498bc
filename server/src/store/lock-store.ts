import type { Collection, Db } from 'mongodb';
import { dropClaim, takeClaim, type ClaimDoc } from './claims.js';

/** Short locks on one booking at a time, across every instance, held while an event is applied to it. */
export interface LockStore {
  /** Takes the lock `key` for `owner`; false while another holder (younger than `staleMs`) has it. */
  acquire(key: string, owner: string, at: Date, staleMs: number): Promise<boolean>;
  release(key: string, owner: string): Promise<void>;
}

/** Creates the lock store. */
export function createLockStore(db: Db): LockStore {
  const locks: Collection<ClaimDoc> = db.collection<ClaimDoc>('locks');
  return {
    acquire: (key, owner, at, staleMs) => takeClaim(locks, key, owner, at, staleMs),
    release: (key, owner) => dropClaim(locks, key, owner),
  };
}
