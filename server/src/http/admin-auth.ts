import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { errors } from '../errors.js';
import { bearerToken } from './bearer.js';

/** Lets a request through only with `Authorization: Bearer <ADMIN_API_KEY>`, compared in constant time. */
export function adminAuth(apiKey: string): MiddlewareHandler {
  const expected = digest(apiKey);
  return async function requireAdmin(c, next) {
    const token = bearerToken(c.req.header('authorization'));
    if (!token || !timingSafeEqual(digest(token), expected)) {
      throw errors.unauthenticated('A valid admin API key is required.');
    }
    await next();
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
