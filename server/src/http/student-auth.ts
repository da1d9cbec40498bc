import type { Context, MiddlewareHandler } from 'hono';
import type { Authenticator, Identity } from '../auth/authenticator.js';
import { errors } from '../errors.js';
import { bearerToken } from './bearer.js';
import type { RateLimit, TakeRate } from './rate-limit.js';

declare module 'hono' {
  interface ContextVariableMap {
    userId: string;
    /** The signed-in student's address, when their sign-in carries one. */
    studentEmail: string | undefined;
  }
}

/** The student a request's `Authorization: Bearer <token>` proves, from where the browser says it comes; or undefined. */
export async function findStudent(c: Context, authenticate: Authenticator): Promise<Identity | undefined> {
  const token = bearerToken(c.req.header('authorization'));
  if (!token) return undefined;
  const identity = await authenticate(token, {
    origin: c.req.header('origin'),
    fetchSite: c.req.header('sec-fetch-site'),
  });
  return identity ?? undefined;
}

/** Requires a signed-in student; puts `userId` on the context, or answers 401 `unauthenticated`. */
export function studentAuth(authenticate: Authenticator): MiddlewareHandler {
  return async function requireStudent(c, next) {
    const student = await findStudent(c, authenticate);
    if (!student) throw errors.unauthenticated();
    c.set('userId', student.userId);
    c.set('studentEmail', student.email);
    await next();
  };
}

/** Budgets of one kind of request: each signed-in student's own, and one per address for everything else. */
export interface CallerLimits {
  perStudent: RateLimit;
  /** Requests that prove no student (no token, a bad one): counted apart, so junk cannot spend a student's budget. */
  perAddress: RateLimit;
}

/**
 * Requires a signed-in student and counts the request against their own budget; a request without
 * a valid token is counted against its address's budget for such requests, then answered 401.
 */
export function limitedStudentAuth(
  authenticate: Authenticator,
  take: TakeRate,
  addressOf: (c: Context) => string,
  name: string,
  limits: CallerLimits,
): MiddlewareHandler {
  return async function requireLimitedStudent(c, next) {
    const student = await findStudent(c, authenticate);
    if (!student) {
      await take(c, name, `anonymous:${addressOf(c)}`, limits.perAddress);
      throw errors.unauthenticated();
    }
    await take(c, name, `student:${student.userId}`, limits.perStudent);
    c.set('userId', student.userId);
    c.set('studentEmail', student.email);
    await next();
  };
}
