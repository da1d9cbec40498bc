import { sign, verify } from 'hono/jwt';

/** The audience of console tokens: widget tokens are never accepted where these are, nor the reverse. */
export const adminTokenAudience = 'course-booking-admin';

/** Signs and verifies the operator console's session tokens: HS256 JWTs through `hono/jwt`, the algorithm pinned. */
export function adminTokens(options: { secret: string; issuer: string; ttlMs?: number; now?: () => number }) {
  const { secret, issuer, ttlMs = 8 * 3600_000, now = Date.now } = options;
  return {
    /** A token for a signed-in operator; `development` marks a development sign-in; `name` is what the console calls them. */
    async issue(userId: string, development: boolean, name?: string): Promise<{ token: string; expiresAt: Date }> {
      const iat = Math.floor(now() / 1000);
      const exp = Math.floor((now() + ttlMs) / 1000);
      const claims = {
        sub: userId,
        dev: development,
        ...(name ? { name } : {}),
        iss: issuer,
        aud: adminTokenAudience,
        iat,
        exp,
      };
      return { token: await sign(claims, secret, 'HS256'), expiresAt: new Date(exp * 1000) };
    },

    /** The operator of a valid token, or null. Whether they are still an admin is the caller's check. */
    async verify(token: string): Promise<{ userId: string; development: boolean; name?: string } | null> {
      try {
        const claims = await verify(token, secret, {
          alg: 'HS256',
          iss: issuer,
          aud: adminTokenAudience,
          exp: false,
          iat: false,
          nbf: false,
        });
        if (typeof claims.sub !== 'string' || !claims.sub) return null;
        if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now()) return null;
        const name = typeof claims.name === 'string' && claims.name ? { name: claims.name } : {};
        return { userId: claims.sub, development: claims.dev === true, ...name };
      } catch {
        return null;
      }
    },
  };
}

/** The console's token signer. */
export type AdminTokens = ReturnType<typeof adminTokens>;
