import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AdminTokens } from '../auth/admin-token.js';
import { errors } from '../errors.js';
import { bearerToken } from './bearer.js';

/** Who is acting in the operator API: an admin's user id, or `api_key` for scripts. */
export interface Operator {
  actor: string;
  /** What the console calls them: the email or development name they signed in with; `API key` for scripts. */
  name?: string | undefined;
  /** Signed in with development sign-in (no password was checked). */
  development: boolean;
}

/** The variables of the operator's routes. */
export type AdminEnv = { Variables: { operator: Operator } };

/** What the operator API accepts. */
export interface AdminAuthOptions {
  /** `ADMIN_API_KEY`, for scripts. */
  apiKey: string;
  /** `ADMIN_USER_IDS`: checked on every request, so removing an id locks its sessions out at once. */
  adminUserIds: readonly string[];
  tokens: Pick<AdminTokens, 'verify'>;
}

/**
 * Lets a request through with `Authorization: Bearer <ADMIN_API_KEY>` (compared in constant time) or
 * a console token of a user still listed in `ADMIN_USER_IDS`: 401 without either, 403 for a valid
 * token of someone no longer listed.
 */
export function adminAuth({ apiKey, adminUserIds, tokens }: AdminAuthOptions): MiddlewareHandler<AdminEnv> {
  const admins = new Set(adminUserIds);
  return async function requireAdmin(c, next) {
    const token = bearerToken(c.req.header('authorization'));
    if (!token) throw errors.unauthenticated('A valid admin API key or console sign-in is required.');
    if (sameSecret(token, apiKey)) {
      c.set('operator', { actor: 'api_key', name: 'API key', development: false });
      return next();
    }
    const session = await tokens.verify(token);
    if (!session) throw errors.unauthenticated('A valid admin API key or console sign-in is required.');
    if (!admins.has(session.userId)) throw errors.forbidden();
    c.set('operator', { actor: session.userId, name: session.name, development: session.development });
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
