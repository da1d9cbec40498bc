import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClerkKeys, mintSessionToken } from '../../../test/support/clerk.js';
import { clerkAuthenticator } from './authenticator.js';

const site = 'https://school.example';
const keys = createClerkKeys();
const other = createClerkKeys();
const verify = clerkAuthenticator({ jwtKey: keys.jwtKey, authorizedParties: [site] });
const now = () => Math.floor(Date.now() / 1000);

// Every test proves that verification with CLERK_JWT_KEY made no outbound connection.
let connections = 0;
const countConnection = () => (connections += 1);
beforeEach(() => {
  connections = 0;
  subscribe('net.client.socket', countConnection);
  subscribe('undici:request:create', countConnection);
  vi.spyOn(globalThis, 'fetch');
});
afterEach(() => {
  unsubscribe('net.client.socket', countConnection);
  unsubscribe('undici:request:create', countConnection);
  expect(connections).toBe(0);
  expect(globalThis.fetch).not.toHaveBeenCalled();
  vi.restoreAllMocks();
});

function unsigned(header: Record<string, unknown>, payload: Record<string, unknown>, signature = ''): string {
  const encode = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${encode(header)}.${encode(payload)}.${signature}`;
}

describe('Clerk session tokens (verified by @clerk/backend with CLERK_JWT_KEY)', () => {
  it('accepts a valid token and answers its subject', async () => {
    expect(await verify(mintSessionToken(keys, { sub: 'user_1', azp: site }), {})).toEqual({ userId: 'user_1' });
  });

  it('refuses a pending session (a session task not done), as Clerk treats it as signed out', async () => {
    expect(await verify(mintSessionToken(keys, { sub: 'user_1', azp: site, sts: 'pending' }), {})).toBeNull();
    expect(await verify(mintSessionToken(keys, { sub: 'user_1', azp: site, sts: 'active' }), {})).toEqual({
      userId: 'user_1',
    });
  });

  it.each([
    ['an expired token', { exp: now() - 30 }],
    ['a token not yet valid', { nbf: now() + 600, iat: now() }],
    ['a token for another site (azp)', { azp: 'https://evil.example' }],
    ['a token without a subject', { sub: undefined }],
  ])('refuses %s', async (_name, claims) => {
    expect(await verify(mintSessionToken(keys, { azp: site, ...claims }), {})).toBeNull();
  });

  it('refuses a token signed by another key', async () => {
    expect(await verify(mintSessionToken(other, { azp: site }), {})).toBeNull();
  });

  it('refuses alg HS256 (a key-confusion attempt) and alg none', async () => {
    const payload = { sub: 'user_1', azp: site, exp: now() + 60, iat: now() };
    const { createHmac } = await import('node:crypto');
    const head = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    const hs = createHmac('sha256', keys.jwtKey).update(`${head}.${body}`).digest('base64url');
    expect(await verify(`${head}.${body}.${hs}`, {})).toBeNull();
    expect(await verify(unsigned({ alg: 'none', typ: 'JWT' }, payload), {})).toBeNull();
  });

  it.each(['garbage', 'a.b.c', '', 'x'.repeat(5000)])('refuses garbage %#', async (token) => {
    expect(await verify(token, {})).toBeNull();
  });
});
