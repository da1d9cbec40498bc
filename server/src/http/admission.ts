import type { MiddlewareHandler } from 'hono';
import { errors } from '../errors.js';

/** How much work one instance takes on at once. */
export interface AdmissionLimits {
  /** Requests doing database work at the same time. */
  inFlight: number;
  /** Requests waiting for a turn; one more is turned away at once. */
  queued: number;
  /** How long a request waits for its turn before it is turned away. */
  waitMs: number;
}

/** How many requests this instance is running now: background work (the outbox's sender) yields to them. */
export interface Load {
  running: number;
}

/** Enough for the embedded database's one writer and a pool of 10; a burst of 100 waits, not fails. */
export const defaultAdmission: AdmissionLimits = { inFlight: 16, queued: 128, waitMs: 10_000 };

/**
 * Admission control: a request that cannot start within the limits is answered 503 `overloaded`
 * with `Retry-After` before it does anything, never after half a write. Requests that get in
 * run with the database's whole pool between them. `load` counts those running (shared with the
 * background work that yields to them).
 */
export function admission(limits: AdmissionLimits = defaultAdmission, load: Load = { running: 0 }): MiddlewareHandler {
  const waiting: Array<() => void> = [];
  const next = () => {
    load.running -= 1;
    const turn = waiting.shift();
    if (turn) {
      load.running += 1;
      turn();
    }
  };
  const enter = (): Promise<void> => {
    if (load.running < limits.inFlight) {
      load.running += 1;
      return Promise.resolve();
    }
    if (waiting.length >= limits.queued) return Promise.reject(errors.overloaded());
    return new Promise<void>((admitted, refused) => {
      const turn = () => {
        clearTimeout(timer);
        admitted();
      };
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(turn), 1);
        refused(errors.overloaded());
      }, limits.waitMs);
      waiting.push(turn);
    });
  };
  return async function admit(_c, work) {
    await enter();
    try {
      await work();
    } finally {
      next();
    }
  };
}
