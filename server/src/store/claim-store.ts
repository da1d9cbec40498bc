import type { Collection, Db } from 'mongodb';
import { dropClaim, takeClaim, type ClaimDoc } from './claims.js';

/**
 * Named claims with one holder at a time across every instance: the reconciler's lease, and the
 * short lock on a booking while an event is applied to it. A holder that takes its claim again
 * renews it; one silent for longer than `staleMs` is taken over (it died holding it).
 */
export interface ClaimStore {
  /** Takes or renews `key` for `owner`; false while another holder has it. */
  acquire(key: string, owner: string, at: Date, staleMs: number): Promise<boolean>;
  /** Gives `key` up, if `owner` holds it, so another may take it at once. */
  release(key: string, owner: string): Promise<void>;
}

/** Creates a claim store over one collection. */
export function createClaimStore(db: Db, collection: string): ClaimStore {
  const claims: Collection<ClaimDoc> = db.collection<ClaimDoc>(collection);
  return {
    acquire: (key, owner, at, staleMs) => takeClaim(claims, key, owner, at, staleMs),
    release: (key, owner) => dropClaim(claims, key, owner),
  };
}
