import { sign, verify } from 'hono/jwt';

/** The audience of widget tokens: nothing else accepts them, and they are accepted for nothing else. */
export const widgetTokenAudience = 'course-booking-widget';

/** What a widget token says: the student, and the host page it was issued to. */
export interface WidgetClaims {
  sub: string;
  /** The student's address, when their sign-in carried one. */
  email?: string;
  origin: string;
  iss: string;
  aud: string;
  iat: number;
  exp: number;
}

/** Signs and verifies short-lived widget tokens: HS256 JWTs through `hono/jwt`, the algorithm pinned. */
export function widgetTokens(options: { secret: string; issuer: string; ttlMs?: number; now?: () => number }) {
  const { secret, issuer, ttlMs = 30 * 60_000, now = Date.now } = options;

  return {
    /** Issues a token for a student on a host page origin. */
    async issue(userId: string, origin: string, email?: string): Promise<{ token: string; expiresAt: Date }> {
      const iat = Math.floor(now() / 1000);
      const exp = Math.floor((now() + ttlMs) / 1000);
      const claims: WidgetClaims = {
        sub: userId,
        ...(email ? { email } : {}),
        origin,
        iss: issuer,
        aud: widgetTokenAudience,
        iat,
        exp,
      };
      return { token: await sign({ ...claims }, secret, 'HS256'), expiresAt: new Date(exp * 1000) };
    },

    /** The claims of a valid token (signature, algorithm, issuer, audience, expiry), or null. */
    async verify(token: string): Promise<WidgetClaims | null> {
      try {
        // Expiry is checked below against this module's clock, which tests can move.
        const claims = await verify(token, secret, {
          alg: 'HS256',
          iss: issuer,
          aud: widgetTokenAudience,
          exp: false,
          iat: false,
          nbf: false,
        });
        const { sub, origin, exp } = claims;
        if (typeof sub !== 'string' || !sub || typeof origin !== 'string') return null;
        if (typeof exp !== 'number' || exp * 1000 <= now()) return null;
        return claims as unknown as WidgetClaims;
      } catch {
        return null;
      }
    },
  };
}

/** The widget token signer's interface. */
export type WidgetTokens = ReturnType<typeof widgetTokens>;
