import type { MiddlewareHandler } from 'hono';
import type { Authenticator } from '../auth/authenticator.js';
import { errors } from '../errors.js';

declare module 'hono' {
  interface ContextVariableMap {
    userId: string;
  }
}

/** Requires `Authorization: Bearer <token>` that an authenticator accepts; puts `userId` on the context. */
export function studentAuth(authenticate: Authenticator): MiddlewareHandler {
  return async function requireStudent(c, next) {
    const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
    const identity = match?.[1] ? await authenticate(match[1], c.req.header('origin')) : null;
    if (!identity) throw errors.unauthenticated();
    c.set('userId', identity.userId);
    await next();
  };
}
