import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { errors } from '../errors.js';

/** Lets a request through only with `Authorization: Bearer <ADMIN_API_KEY>`, compared in constant time. */
export function adminAuth(apiKey: string): MiddlewareHandler {
  const expected = digest(apiKey);
  return async function requireAdmin(c, next) {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match?.[1] || !timingSafeEqual(digest(match[1]), expected)) {
      throw errors.unauthenticated('A valid admin API key is required.');
    }
    await next();
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
