import { verifyToken } from '@clerk/backend';

/** Who a request acts for. */
export interface Identity {
  userId: string;
  /** The student's address, when their sign-in carries one (Stripe sends the receipt there). */
  email?: string | undefined;
}

/** An email address as far as a receipt needs one; anything else is dropped. */
export function emailOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)
    ? value.toLowerCase() // one case, so the operator's search finds it however it was typed
    : undefined;
}

/** Where a request comes from, as the browser says: its `Origin` and `Sec-Fetch-Site` headers. */
export interface RequestSite {
  origin?: string | undefined;
  fetchSite?: string | undefined;
}

/** Turns a bearer token into an identity, or null when the token is not valid. */
export type Authenticator = (token: string, site: RequestSite) => Promise<Identity | null>;

/** Clerk settings; with `jwtKey` verification never touches the network. */
export interface ClerkOptions {
  jwtKey?: string | undefined;
  secretKey?: string | undefined;
  authorizedParties: string[];
}

/**
 * Verifies Clerk session tokens through `@clerk/backend` (RS256, expiry, not-before, `azp`). A
 * pending session (`sts: "pending"`: a session task such as choosing an organisation or resetting
 * a password is not done) counts as signed out, as it does in Clerk itself.
 */
export function clerkAuthenticator(options: ClerkOptions): Authenticator {
  const { jwtKey, secretKey, authorizedParties } = options;
  return async function verifyClerkSession(token) {
    if (!jwtKey && !secretKey) return null;
    try {
      const payload = await verifyToken(token, {
        ...(jwtKey ? { jwtKey } : { secretKey }),
        authorizedParties,
        clockSkewInMs: 5_000,
      });
      if ((payload as { sts?: unknown }).sts === 'pending') return null;
      // `email` is there when the operator adds it to the session token (Clerk Dashboard → Sessions → Customize session token).
      const email = emailOf((payload as { email?: unknown }).email);
      return typeof payload.sub === 'string' && payload.sub ? { userId: payload.sub, email } : null;
    } catch {
      return null;
    }
  };
}

/** Tries each authenticator in turn; the first identity wins. */
export function anyOf(...authenticators: Authenticator[]): Authenticator {
  return async function authenticate(token, site) {
    for (const authenticator of authenticators) {
      const identity = await authenticator(token, site);
      if (identity) return identity;
    }
    return null;
  };
}
