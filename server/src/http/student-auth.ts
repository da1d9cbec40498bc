import type { Context, MiddlewareHandler } from 'hono';
import type { Authenticator } from '../auth/authenticator.js';
import { errors } from '../errors.js';

declare module 'hono' {
  interface ContextVariableMap {
    userId: string;
  }
}

/** The student a request's `Authorization: Bearer <token>` proves; 401 `unauthenticated` otherwise. */
export async function identifyStudent(c: Context, authenticate: Authenticator): Promise<string> {
  const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
  const identity = match?.[1] ? await authenticate(match[1], c.req.header('origin')) : null;
  if (!identity) throw errors.unauthenticated();
  return identity.userId;
}

/** Requires a signed-in student; puts `userId` on the context. */
export function studentAuth(authenticate: Authenticator): MiddlewareHandler {
  return async function requireStudent(c, next) {
    c.set('userId', await identifyStudent(c, authenticate));
    await next();
  };
}
