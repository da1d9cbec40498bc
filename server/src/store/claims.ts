import type { Collection } from 'mongodb';
import { guard, isDuplicateKey } from './database.js';

/** A claim: one holder at a time, decided by the unique `_id`, which every server enforces. */
export interface ClaimDoc {
  _id: string;
  owner: string;
  at: Date;
}

/**
 * Takes the claim `id` for `owner`: true when inserted, already `owner`'s (renewed to `at`), or
 * taken over from a holder older than `staleMs` (it died holding it). One claimant wins, also on
 * servers whose conditional updates are not atomic (FerretDB 1.x).
 */
export function takeClaim(claims: Collection<ClaimDoc>, id: string, owner: string, at: Date, staleMs: number) {
  return guard(async () => {
    for (let tries = 0; tries < 2; tries += 1) {
      try {
        await claims.insertOne({ _id: id, owner, at });
        return true;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      const held = await claims.findOne({ _id: id });
      if (held?.owner === owner) {
        // Renewed only if still ours: another instance may have taken it over since the read.
        const renewed = await claims.updateOne({ _id: id, owner, at: held.at }, { $set: { at } });
        return renewed.matchedCount === 1;
      }
      // A claim written before claims carried their time counts as stale.
      if (held && (held.at?.getTime() ?? 0) > at.getTime() - staleMs) return false;
      if (held) await claims.deleteOne({ _id: id, owner: held.owner, at: held.at });
    }
    return false;
  });
}

/** Gives a claim back, if `owner` still holds it. */
export function dropClaim(claims: Collection<ClaimDoc>, id: string, owner?: string) {
  return guard(async () => {
    await claims.deleteOne(owner ? { _id: id, owner } : { _id: id });
  });
}

/**
 * Runs `work` while holding a claim taken already: `renew` takes it again every third of
 * `lifetimeMs` (so it is never stale while its holder lives), and `release` gives it back after,
 * whatever happened. A failed renewal or release is left to the claim's lifetime.
 */
export async function whileHolding<T>(
  claim: { renew: () => Promise<unknown>; release: () => Promise<unknown>; lifetimeMs: number },
  work: () => Promise<T>,
): Promise<T> {
  const renewing = setInterval(() => void claim.renew().catch(() => false), claim.lifetimeMs / 3);
  renewing.unref();
  try {
    return await work();
  } finally {
    clearInterval(renewing);
    await claim.release().catch(() => undefined);
  }
}
