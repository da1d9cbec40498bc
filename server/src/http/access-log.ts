import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../logger.js';

/** Logs one structured line per request, with its id, status and duration. */
export function accessLog(logger: Logger): MiddlewareHandler {
  return async function logRequest(c, next) {
    const started = performance.now();
    await next();
    logger.info('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  };
}
