import type { Context } from 'hono';
import { AppError } from '../errors.js';
import type { RateLimitStore } from '../store/index.js';

/** A fixed-window limit: at most `max` requests per key per `windowMs`. */
export interface RateLimit {
  max: number;
  windowMs: number;
}

/** Takes one request from a key's budget, or throws 429 `rate_limited` with `Retry-After`. */
export type TakeRate = (c: Context, name: string, key: string, limit: RateLimit) => Promise<void>;

/** How long spent windows are kept before they are pruned. */
const keepWindowsMs = 3600_000;

/**
 * Rate limits over counters in the database, so every instance of the backend counts against one
 * budget. Windows are aligned to the clock so that all instances agree on where one starts.
 */
export function createRateLimiter(store: RateLimitStore, now = Date.now): TakeRate {
  let prunedAt = 0;
  return async function takeRate(c, name, key, limit) {
    const at = now();
    const windowStart = Math.floor(at / limit.windowMs) * limit.windowMs;
    if (at - prunedAt > 60_000) {
      prunedAt = at;
      void store.prune(new Date(at - keepWindowsMs)).catch(() => undefined);
    }
    if (await store.take(`${name}:${key}`, new Date(windowStart), limit.max)) return;
    c.header('Retry-After', String(Math.max(1, Math.ceil((windowStart + limit.windowMs - at) / 1000))));
    throw new AppError(429, 'rate_limited', `Too many requests (${name}); try again shortly.`);
  };
}
