import { createHash } from 'node:crypto';
import { anyOf, clerkAuthenticator, emailOf, type Authenticator, type Identity } from './authenticator.js';
import { adminTokens, type AdminTokens } from './admin-token.js';
import { widgetTokens, type WidgetTokens } from './widget-token.js';

export { emailOf, type Authenticator, type Identity } from './authenticator.js';

/** How students prove who they are: Clerk sessions, the widget tokens exchanged for them, or development sign-in. */
export interface Auth {
  /** A bearer token on an API request: a widget token (bound to its origin) or a Clerk session token. */
  authenticate: Authenticator;
  /** A Clerk session token, as the sign-in popup sends it to the exchange. */
  verifyClerkSession(token: string): Promise<Identity | null>;
  tokens: WidgetTokens;
  /** The operator console's session tokens. */
  adminTokens: AdminTokens;
  /** Clerk's publishable key, for the sign-in popup; undefined when Clerk is not configured. */
  clerkPublishableKey: string | undefined;
  /** "Sign in as …" without Clerk: only when the configuration turned it on (`DEV_SIGN_IN=1`). */
  devSignIn: boolean;
}

/** Settings of the auth module. */
export interface AuthOptions {
  publicUrl: string;
  allowedOrigins: string[];
  widgetTokenSecret: string;
  clerk: { publishableKey?: string | undefined; secretKey?: string | undefined; jwtKey?: string | undefined };
  /** Development sign-in, as the validated configuration allows it; off unless asked for. */
  devSignIn?: boolean;
  now?: () => number;
}

/** Creates the auth module. With `CLERK_JWT_KEY` no verification ever touches the network. */
export function createAuth(options: AuthOptions): Auth {
  const tokens = widgetTokens({ secret: options.widgetTokenSecret, issuer: options.publicUrl, now: options.now });
  const clerk = clerkAuthenticator({
    jwtKey: options.clerk.jwtKey,
    secretKey: options.clerk.secretKey,
    authorizedParties: [options.publicUrl, ...options.allowedOrigins],
  });
  const widget: Authenticator = async (token, site) => {
    // A token works only from the page it was issued to: another site, or a server that found a
    // leaked token, cannot replay it. Browsers omit Origin only on same-origin reads, so a request
    // without one must say it is same-origin and the token must be bound to this backend's own pages.
    const origin = site.origin ?? (site.fetchSite === 'same-origin' ? options.publicUrl : undefined);
    const claims = origin === undefined ? null : await tokens.verify(token);
    return claims && claims.origin === origin ? { userId: claims.sub, email: emailOf(claims.email) } : null;
  };
  return {
    authenticate: anyOf(widget, clerk),
    verifyClerkSession: (token) => clerk(token, {}),
    tokens,
    adminTokens: adminTokens({ secret: options.widgetTokenSecret, issuer: options.publicUrl, now: options.now }),
    clerkPublishableKey: options.clerk.publishableKey,
    devSignIn: options.devSignIn === true,
  };
}

/** A stable development user id for a name or email: the same name is the same student. */
export function devUserId(name: string): string {
  return `dev_${createHash('sha256').update(name.trim().toLowerCase()).digest('hex').slice(0, 20)}`;
}
