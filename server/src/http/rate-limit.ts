import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../errors.js';

/** A fixed-window limit: at most `max` requests per key per `windowMs`. */
export interface RateLimit {
  max: number;
  windowMs: number;
}

/**
 * Limits requests per key (the student, or the client's address); past the limit answers 429
 * `rate_limited` with `Retry-After`. Counters live in this process, which suits one instance or
 * sticky routing; several instances each allow `max`.
 */
export function rateLimit(
  name: string,
  limit: RateLimit,
  keyOf: (c: Context) => string,
  now = Date.now,
): MiddlewareHandler {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return async function limitRate(c, next) {
    const at = now();
    const key = keyOf(c);
    let window = windows.get(key);
    if (!window || window.resetAt <= at) {
      if (windows.size > 10_000) sweep(windows, at);
      window = { count: 0, resetAt: at + limit.windowMs };
      windows.set(key, window);
    }
    window.count += 1;
    if (window.count > limit.max) {
      c.header('Retry-After', String(Math.ceil((window.resetAt - at) / 1000)));
      throw new AppError(429, 'rate_limited', `Too many requests (${name}); try again shortly.`);
    }
    await next();
  };
}

/** The client's address as the socket reports it. */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function sweep(windows: Map<string, { resetAt: number }>, at: number): void {
  for (const [key, window] of windows) if (window.resetAt <= at) windows.delete(key);
}
