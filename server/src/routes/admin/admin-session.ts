import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { devUserId, type Auth } from '../../auth/index.js';
import { errors } from '../../errors.js';
import { adminSessionSchema } from '../../http/api-schemas.js';
import { bearerToken } from '../../http/bearer.js';
import { limitJsonBody } from '../../http/body-limit.js';
import { readJson } from '../../http/json-body.js';
import { documented } from '../../http/openapi.js';
import type { RateLimit, TakeRate } from '../../http/rate-limit.js';
import type { Logger } from '../../logger.js';

const sessionSchema = z.strictObject({
  /** Development sign-in only: the name to sign in as. */
  devName: z.string().trim().min(1, 'must not be empty').max(100).optional(),
});

/** What the console's sign-in needs. */
export interface AdminSessionDeps {
  auth: Pick<Auth, 'verifyClerkSession' | 'adminTokens' | 'devSignIn'>;
  adminUserIds: readonly string[];
  publicUrl: string;
  logger: Logger;
  take: TakeRate;
  addressOf: (c: Context) => string;
  limit: RateLimit;
}

/**
 * `POST /api/admin/session`: the console's sign-in on the backend's own page. A Clerk session token
 * (bearer) of a user in `ADMIN_USER_IDS`, or in development a name, for a console token.
 */
export function adminSessionRoutes({
  auth,
  adminUserIds,
  publicUrl,
  logger,
  take,
  addressOf,
  limit,
}: AdminSessionDeps) {
  const admins = new Set(adminUserIds);
  const app = new Hono();
  app.post(
    '/session',
    documented({
      summary:
        'Sign in to the console: a Clerk session token (bearer) of a user in ADMIN_USER_IDS, or a development name',
      tag: 'Operator',
      body: sessionSchema,
      responses: { 200: { description: 'A console token (bearer for /api/admin/*)', schema: adminSessionSchema } },
      errors: [400, 401, 403, 429],
    }),
    limitJsonBody,
    async (c) => {
      // Only the console, on this server's own origin, signs in.
      const origin = c.req.header('origin');
      if (origin && origin !== publicUrl) throw errors.originNotAllowed(403, 'The console signs in on its own page.');
      await take(c, 'admin-sign-in', `address:${addressOf(c)}`, limit);
      const { devName } = await readJson(c, sessionSchema);
      const bearer = bearerToken(c.req.header('authorization'));
      // `name`: what the console and the audit trail call the operator (their email, or the name typed in development).
      let signedIn: { userId: string; development: boolean; name?: string };
      if (bearer) {
        const identity = await auth.verifyClerkSession(bearer);
        if (!identity) throw errors.unauthenticated('The sign-in session is not valid.');
        signedIn = { userId: identity.userId, development: false, ...(identity.email ? { name: identity.email } : {}) };
      } else if (devName !== undefined && auth.devSignIn) {
        signedIn = { userId: devUserId(devName), development: true, name: devName.trim() };
        logger.warn('DEVELOPMENT console sign-in: no password was checked', { userId: signedIn.userId });
      } else {
        throw errors.unauthenticated();
      }
      if (!admins.has(signedIn.userId)) {
        logger.warn('console sign-in refused: not in ADMIN_USER_IDS', { userId: signedIn.userId });
        throw errors.forbidden(`This account (${signedIn.userId}) is not in ADMIN_USER_IDS.`);
      }
      const { token, expiresAt } = await auth.adminTokens.issue(signedIn.userId, signedIn.development, signedIn.name);
      return c.json({ token, expiresAt: expiresAt.toISOString(), ...signedIn });
    },
  );
  return app;
}
