import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../logger.js';

declare module 'hono' {
  interface ContextVariableMap {
    requestId: string;
    /** Set by a handler that already put `X-Request-Id` on its response. */
    requestIdSent: boolean;
  }
}

/** A request id a proxy sent, when it is a sane one; undefined otherwise. */
export function givenRequestId(given: string | string[] | undefined): string | undefined {
  return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : undefined;
}

/** The request's own id when it carries a sane one (a proxy's), else a new one. */
export function requestIdFrom(given: string | undefined): string {
  return givenRequestId(given) ?? randomUUID();
}

/**
 * Gives every request an id (`X-Request-Id`, taken from the request when it carries a sane one)
 * and logs one structured line when it ends, with its status and duration. One middleware rather
 * than two: each layer costs on the hot price path.
 */
export function observe(logger: Logger): MiddlewareHandler {
  return async function observeRequest(c, next) {
    const started = performance.now();
    const id = requestIdFrom(c.req.header('x-request-id'));
    c.set('requestId', id);
    await next();
    // A handler on the hot path puts the id in its own plain headers; setting it here would rebuild them.
    if (!c.get('requestIdSent')) c.res.headers.set('X-Request-Id', id);
    logger.info('request', {
      requestId: id,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  };
}
