import { createSign, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';

/** A Clerk instance stand-in: an RSA-2048 key pair made for this run. */
export interface ClerkKeys {
  /** The PEM public key, as CLERK_JWT_KEY. */
  jwtKey: string;
  privateKey: KeyObject;
}

/** Generates a fresh key pair. */
export function createClerkKeys(): ClerkKeys {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { jwtKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privateKey };
}

/** Claims of a Clerk session token; any may be overridden or removed (undefined) by a test. */
export interface SessionClaims {
  sub?: string | undefined;
  sid?: string | undefined;
  azp?: string | undefined;
  iss?: string | undefined;
  iat?: number | undefined;
  nbf?: number | undefined;
  exp?: number | undefined;
  /** Session status; Clerk sets `pending` while a session task is not done. */
  sts?: 'active' | 'pending' | undefined;
  /** The student's address, when the operator adds it to the session token template. */
  email?: string | undefined;
}

/** Mints an RS256 session token shaped like Clerk's (`sub`, `sid`, `azp`, `iat`, `nbf`, `exp`). */
export function mintSessionToken(
  keys: Pick<ClerkKeys, 'privateKey'>,
  claims: SessionClaims = {},
  header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT', kid: 'ins_test' },
): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    sub: `user_${randomBytes(8).toString('hex')}`,
    sid: `sess_${randomBytes(8).toString('hex')}`,
    azp: 'http://localhost:8788',
    iss: 'https://test.clerk.accounts.dev',
    iat: now - 5,
    nbf: now - 10,
    exp: now + 60,
    ...claims,
  };
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signingInput = `${encode(header)}.${encode(payload)}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(keys.privateKey).toString('base64url');
  return `${signingInput}.${signature}`;
}
