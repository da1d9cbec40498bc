import { verifyToken } from '@clerk/backend';

/** Who a request acts for. */
export interface Identity {
  userId: string;
}

/** Turns a bearer token into an identity, or null when the token is not valid. */
export type Authenticator = (token: string, requestOrigin: string | undefined) => Promise<Identity | null>;

/** Clerk settings; with `jwtKey` verification never touches the network. */
export interface ClerkOptions {
  jwtKey?: string | undefined;
  secretKey?: string | undefined;
  authorizedParties: string[];
}

/** Verifies Clerk session tokens through `@clerk/backend` (RS256, expiry, not-before, `azp`). */
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
      return typeof payload.sub === 'string' && payload.sub ? { userId: payload.sub } : null;
    } catch {
      return null;
    }
  };
}

/** Tries each authenticator in turn; the first identity wins. */
export function anyOf(...authenticators: Authenticator[]): Authenticator {
  return async function authenticate(token, origin) {
    for (const authenticator of authenticators) {
      const identity = await authenticator(token, origin);
      if (identity) return identity;
    }
    return null;
  };
}
