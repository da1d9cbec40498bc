import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { devUserId, emailOf, type Auth } from '../auth/index.js';
import { courseIdSchema } from '../courses/course-schema.js';
import { errors } from '../errors.js';
import { bearerToken } from '../http/bearer.js';
import { limitJsonBody } from '../http/body-limit.js';
import { readJson } from '../http/json-body.js';
import type { TakeRate } from '../http/rate-limit.js';
import type { CallerLimits } from '../http/student-auth.js';
import type { Logger } from '../logger.js';
import { pageLanguage, popupTexts } from '../http/page-languages.js';
import { popupPage, popupSecurityHeaders, popupStyles, type PopupConfig } from './auth-popup-page.js';
import { tokenSchema } from '../http/api-schemas.js';
import { documented } from '../http/openapi.js';

const exchangeSchema = z.strictObject({
  origin: z.string().max(200),
  devName: z.string().trim().min(1, 'must not be empty').max(100).optional(),
});

const stateSchema = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/);

/** Options of the sign-in routes. */
export interface AuthRouteOptions {
  auth: Auth;
  publicUrl: string;
  allowedOrigins: string[];
  logger: Logger;
  loadPopupScript: () => Promise<string | undefined>;
  /** The title of a course, to say in the popup what the sign-in is for. */
  courseTitle: (id: string) => Promise<string | undefined>;
  /** Sign-ins per student, and per address for those that prove no one (and development sign-ins). */
  limits: CallerLimits;
  take: TakeRate;
  addressOf: (c: Context) => string;
}

/**
 * The sign-in popup on the backend's origin, and the exchange of a Clerk session (or, in
 * development, a name) for a short-lived widget token bound to the host page's origin.
 */
export function authRoutes({
  auth,
  publicUrl,
  allowedOrigins,
  logger,
  loadPopupScript,
  courseTitle,
  limits,
  take,
  addressOf,
}: AuthRouteOptions) {
  const app = new Hono();
  const allowed = new Set(allowedOrigins);
  const clerkFrontendApi = auth.clerkPublishableKey ? frontendApiOf(auth.clerkPublishableKey) : undefined;

  app.get(
    '/auth/popup',
    documented({
      summary: 'The sign-in page (a popup from the widget); ?origin=&state=&lang=&course=',
      tag: 'Sign-in',
      responses: { 200: { description: 'The page', type: 'text/html' } },
      errors: [400, 503],
    }),
    async (c) => {
      const origin = c.req.query('origin') ?? '';
      const course = courseIdSchema.safeParse(c.req.query('course'));
      const lang = pageLanguage(c.req.query('lang'));
      const state = stateSchema.safeParse(c.req.query('state'));
      const config: PopupConfig = {
        origin,
        state: state.success ? state.data : '',
        exchangeUrl: `${publicUrl}/api/auth/exchange`,
        mode: auth.devSignIn ? 'development' : 'clerk',
        clerkPublishableKey: auth.clerkPublishableKey,
        clerkFrontendApi,
        lang,
        text: popupTexts[lang],
        // Named only from the catalog: the page never repeats text the link brought.
        courseTitle: course.success ? await courseTitle(course.data).catch(() => undefined) : undefined,
      };
      for (const [name, value] of Object.entries(popupSecurityHeaders(clerkFrontendApi))) c.header(name, value);
      if (!allowed.has(origin) || !state.success) {
        const problem = !allowed.has(origin)
          ? 'This site is not allowed to use the booking service, so sign-in stops here.'
          : 'This sign-in link is incomplete. Close this window and press the booking button again.';
        return c.html(popupPage(config, problem), 400);
      }
      if (!auth.devSignIn && !auth.clerkPublishableKey) {
        return c.html(popupPage(config, 'Sign-in is not configured on this server (CLERK_PUBLISHABLE_KEY).'), 503);
      }
      return c.html(popupPage(config));
    },
  );

  app.get(
    '/auth/popup.js',
    documented({
      summary: "The sign-in page's script",
      tag: 'Assets',
      responses: { 200: { description: 'JavaScript', type: 'text/javascript' } },
      errors: [503],
    }),
    async (c) => {
      const script = await loadPopupScript();
      if (!script) throw errors.notBuilt('The sign-in page');
      c.header('Cache-Control', 'no-cache');
      return c.body(script, 200, { 'Content-Type': 'text/javascript; charset=UTF-8' });
    },
  );

  app.get(
    '/auth/popup.css',
    documented({
      summary: "The sign-in page's styles",
      tag: 'Assets',
      responses: { 200: { description: 'CSS', type: 'text/css' } },
    }),
    (c) => c.body(popupStyles, 200, { 'Content-Type': 'text/css; charset=UTF-8' }),
  );

  app.post(
    '/api/auth/exchange',
    documented({
      summary:
        "Exchange a Clerk session (bearer), or a development name, for a widget token bound to the host page's origin",
      tag: 'Sign-in',
      body: exchangeSchema,
      responses: { 200: { description: 'A widget token', schema: tokenSchema } },
      errors: [400, 401, 403, 413, 415, 429],
    }),
    limitJsonBody,
    async (c) => {
      // Only the popup, on this server's own origin, exchanges sessions for widget tokens.
      const requestOrigin = c.req.header('origin');
      if (requestOrigin && requestOrigin !== publicUrl) {
        throw errors.originNotAllowed(403, 'Tokens are exchanged only by the sign-in page.');
      }
      // A proven student spends their own budget; anything else (junk, development sign-in by name)
      // spends its address's, so junk cannot lock students out.
      let signedIn: { userId: string; email?: string | undefined; proven: boolean };
      let body: z.infer<typeof exchangeSchema>;
      try {
        body = await readJson(c, exchangeSchema);
        signedIn = await identify(c.req.header('authorization'), body.devName);
      } catch (error) {
        await take(c, 'sign-in', `anonymous:${addressOf(c)}`, limits.perAddress);
        throw error;
      }
      if (signedIn.proven) await take(c, 'sign-in', `student:${signedIn.userId}`, limits.perStudent);
      else await take(c, 'sign-in', `anonymous:${addressOf(c)}`, limits.perAddress);
      if (!allowed.has(body.origin)) {
        throw errors.originNotAllowed(400);
      }
      const { token, expiresAt } = await auth.tokens.issue(signedIn.userId, body.origin, signedIn.email);
      return c.json({ token, expiresAt: expiresAt.toISOString() });
    },
  );

  async function identify(
    authorization: string | undefined,
    devName: string | undefined,
  ): Promise<{ userId: string; email?: string | undefined; proven: boolean }> {
    const bearer = bearerToken(authorization);
    if (bearer) {
      const identity = await auth.verifyClerkSession(bearer);
      if (identity) return { ...identity, proven: true };
      throw errors.unauthenticated('The sign-in session is not valid.');
    }
    if (devName !== undefined && auth.devSignIn) {
      const userId = devUserId(devName);
      logger.warn('DEVELOPMENT sign-in: no password was checked', { userId });
      // Signing in as an email address makes it the address mail goes to, as Clerk's email claim
      // would; a name gets one at example.test, so its booking emails reach the local inbox.
      return { userId, email: emailOf(devName.trim()) ?? devEmailOf(devName), proven: false };
    }
    throw errors.unauthenticated();
  }

  return app;
}

/** A development name's address: "Ada Lovelace" is ada-lovelace@example.test (a domain that never receives mail). */
function devEmailOf(name: string): string | undefined {
  const local = name
    .trim()
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  return local ? `${local}@example.test` : undefined;
}

/** Clerk's Frontend API host is encoded in the publishable key: `pk_test_<base64("host$")>`. */
export function frontendApiOf(publishableKey: string): string | undefined {
  const encoded = publishableKey.split('_')[2];
  if (!encoded) return undefined;
  const host = Buffer.from(encoded, 'base64').toString('utf8').replace(/\$$/, '');
  return /^[a-z0-9.-]+$/i.test(host) ? `https://${host}` : undefined;
}
