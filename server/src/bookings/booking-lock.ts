import { randomBytes } from 'node:crypto';
import { errors } from '../errors.js';
import { whileHolding, type LockStore } from '../store/index.js';

/** How a booking's lock is held: a short lifetime, renewed while the work runs. */
export interface LockTiming {
  /** A lock not renewed for this long is taken over: its holder died, or its release failed. */
  ttlMs: number;
  /** How many times to look for a free lock, `waitMs` apart, before answering 503 `booking_busy`. */
  tries?: number;
  waitMs?: number;
}

/**
 * Runs `work` holding the lock `key`: concurrent events of one booking take turns, also on servers
 * whose updates are not atomic. The lock is renewed every third of its lifetime while the work
 * runs, so a lock whose release failed (the database stalled at that moment) frees itself within
 * `ttlMs` instead of holding its booking for a minute.
 */
export async function withLock<T>(
  locks: LockStore,
  key: string,
  now: () => Date,
  timing: LockTiming,
  work: () => Promise<T>,
): Promise<T> {
  const owner = randomBytes(8).toString('hex');
  const { ttlMs, tries = 100, waitMs = 20 } = timing;
  for (let attempt = 0; attempt < tries; attempt += 1) {
    if (await locks.acquire(key, owner, now(), ttlMs)) {
      const lock = {
        renew: () => locks.acquire(key, owner, now(), ttlMs),
        release: () => locks.release(key, owner),
        lifetimeMs: ttlMs,
      };
      return whileHolding(lock, work);
    }
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
  throw errors.bookingBusy();
}
