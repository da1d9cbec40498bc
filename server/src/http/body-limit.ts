import { bodyLimit } from 'hono/body-limit';
import { errors } from '../errors.js';
import { sendError } from './error-handler.js';

/** Largest JSON request body the API reads, in bytes. */
export const maxBodyBytes = 16 * 1024;
/** Largest webhook body: Stripe events with expanded objects run larger than API requests. */
export const maxWebhookBytes = 512 * 1024;

function limit(maxSize: number) {
  return bodyLimit({ maxSize, onError: (c) => sendError(c, errors.payloadTooLarge(maxSize)) });
}

/**
 * Body limits go on the routes that read a body, not on every /api request: reading `body` on a
 * GET would build a full Request on @hono/node-server's fast path and cost the price lookup dearly.
 */
export const limitJsonBody = limit(maxBodyBytes);
export const limitWebhookBody = limit(maxWebhookBytes);
