import { createHmac, timingSafeEqual } from 'node:crypto';

/** The audience of widget tokens: nothing else accepts them, and they are accepted for nothing else. */
export const widgetTokenAudience = 'course-booking-widget';

/** What a widget token says: the student, and the host page it was issued to. */
export interface WidgetClaims {
  sub: string;
  origin: string;
  iss: string;
  aud: string;
  iat: number;
  exp: number;
}

/** Signs and verifies short-lived widget tokens (HS256 JWTs). */
export function widgetTokens(options: { secret: string; issuer: string; ttlMs?: number; now?: () => number }) {
  const { secret, issuer, ttlMs = 30 * 60_000, now = Date.now } = options;
  const sign = (input: string) => createHmac('sha256', secret).update(input).digest();
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  return {
    /** Issues a token for a student on a host page origin. */
    issue(userId: string, origin: string): { token: string; expiresAt: Date } {
      const iat = Math.floor(now() / 1000);
      const exp = Math.floor((now() + ttlMs) / 1000);
      const claims: WidgetClaims = { sub: userId, origin, iss: issuer, aud: widgetTokenAudience, iat, exp };
      const input = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
      return { token: `${input}.${sign(input).toString('base64url')}`, expiresAt: new Date(exp * 1000) };
    },

    /** The claims of a valid token (signature, algorithm, issuer, audience, expiry), or null. */
    verify(token: string): WidgetClaims | null {
      const parts = token.split('.');
      if (parts.length !== 3) return null;
      const [head, body, signature] = parts as [string, string, string];
      const header = decode(head);
      if (header?.alg !== 'HS256' || header.typ !== 'JWT') return null;
      const expected = sign(`${head}.${body}`);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      const claims = decode(body) as Partial<WidgetClaims> | null;
      if (!claims || typeof claims.sub !== 'string' || !claims.sub || typeof claims.origin !== 'string') return null;
      if (claims.aud !== widgetTokenAudience || claims.iss !== issuer) return null;
      if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now()) return null;
      return claims as WidgetClaims;
    },
  };
}

/** The widget token signer's interface. */
export type WidgetTokens = ReturnType<typeof widgetTokens>;

function decode(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
