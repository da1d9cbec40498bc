import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { errors } from '../errors.js';
import { bearerToken } from './bearer.js';

/** Lets a request through only with `Authorization: Bearer <ADMIN_API_KEY>`, compared in constant time. */
export function adminAuth(apiKey: string): MiddlewareHandler {
  return async function requireAdmin(c, next) {
    const token = bearerToken(c.req.header('authorization'));
    if (!token || !sameSecret(token, apiKey)) {
      throw errors.unauthenticated('A valid admin API key is required.');
    }
    await next();
  };
}

/** Compares a given secret with the expected one in constant time. */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
