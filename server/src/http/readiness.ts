import type { MiddlewareHandler } from 'hono';
import { AppError } from '../errors.js';

/** Whether the backend may take traffic yet, and if not, why (for `/readyz` and every refused request). */
export interface Readiness {
  /** Undefined once ready; otherwise what it is still doing. */
  notReadyBecause(): string | undefined;
}

/** A readiness that starts not ready for `reason`, and says what it is doing until `ready()`. */
export function startingUp(reason: string) {
  let waitingFor: string | undefined = reason;
  return {
    notReadyBecause: () => waitingFor,
    doing: (what: string) => void (waitingFor = what),
    ready: () => void (waitingFor = undefined),
  };
}

/** Always ready: an app whose database was prepared before it was built (tests, serverless). */
export const alwaysReady: Readiness = { notReadyBecause: () => undefined };

/** Refuses every request with 503 `starting` (and `Retry-After`) until the backend is ready. */
export function readinessGate(readiness: Readiness): MiddlewareHandler {
  return async function gate(_c, next) {
    const reason = readiness.notReadyBecause();
    if (reason) throw new AppError(503, 'starting', reason);
    await next();
  };
}
