import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { errors } from '../errors.js';
import { sendError } from './error-handler.js';

/** Largest JSON request body the API reads, in bytes. */
export const maxBodyBytes = 16 * 1024;
/** Largest webhook body: Stripe events with expanded objects run larger than API requests. */
export const maxWebhookBytes = 512 * 1024;

/**
 * Refuses a body over `maxSize` with 413. A declared length is judged by its header alone (Node's
 * parser never lets a body run past it), so the route reads the body straight from the socket;
 * a chunked one is counted as it streams (Hono's own limit, which builds a full Request for it).
 */
function limit(maxSize: number) {
  const tooLarge = errors.payloadTooLarge(maxSize);
  const streamed = bodyLimit({ maxSize, onError: (c) => sendError(c, tooLarge) });
  return createMiddleware(async (c, next) => {
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return streamed(c, next);
    if (Number(length) > maxSize) return sendError(c, tooLarge);
    await next();
  });
}

/**
 * Body limits go on the routes that read a body, not on every /api request: reading `body` on a
 * GET would build a full Request on @hono/node-server's fast path and cost the price lookup dearly.
 */
export const limitJsonBody = limit(maxBodyBytes);
export const limitWebhookBody = limit(maxWebhookBytes);
