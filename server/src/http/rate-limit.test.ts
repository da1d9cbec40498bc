import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../scripts/lib/servers.mjs';
import { siteOrigin, startHarness, type Harness } from '../../../test/support/booking-harness.js';
import { defaultLimits } from '../app.js';
import { assemble } from '../compose.js';
import { createLogger } from '../logger.js';
import { clientAddressOf, parseTrustProxy, type TrustProxy } from './client-address.js';

const signIn = { perStudent: { max: 3, windowMs: 60_000 }, perAddress: { max: 5, windowMs: 60_000 } };
// The clock stands still in these tests, so that no window ends halfway through one.
const frozen = new Date(Date.now());
const now = () => frozen;

/** Posts to the sign-in exchange over the socket, as the popup on the backend's origin does. */
async function exchange(appUrl: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${appUrl}/api/auth/exchange`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: appUrl, ...headers },
    body: JSON.stringify({ origin: siteOrigin }),
  });
  await res.arrayBuffer();
  return res.status;
}

async function repeat(times: number, call: () => Promise<number>): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < times; i += 1) statuses.push(await call());
  return statuses;
}

describe('sign-in limits behind a proxy (every request from one address)', () => {
  let h: Harness;
  beforeAll(async () => (h = await startHarness({ limits: { signIn }, now })));
  afterAll(() => h.close());

  it('answers junk with 429 once its own budget is spent, and still signs real students in', async () => {
    expect(await repeat(6, () => exchange(h.appUrl))).toEqual([401, 401, 401, 401, 401, 429]);
    const student = h.student();
    expect(await exchange(h.appUrl, { authorization: `Bearer ${student.token}` })).toBe(200);
    expect(await exchange(h.appUrl, { authorization: `Bearer ${h.student().token}` })).toBe(200);
  });

  it("limits each student by their own budget, whatever the address's", async () => {
    const student = h.student();
    const auth = { authorization: `Bearer ${student.token}` };
    expect(await repeat(4, () => exchange(h.appUrl, auth))).toEqual([200, 200, 200, 429]);
  });

  it('ignores X-Forwarded-For without TRUST_PROXY: spoofed addresses share one budget', async () => {
    const fresh = await startHarness({ limits: { signIn }, now });
    try {
      let n = 0;
      const spoofed = () => exchange(fresh.appUrl, { 'x-forwarded-for': `203.0.113.${(n += 1)}` });
      expect(await repeat(6, spoofed)).toEqual([401, 401, 401, 401, 401, 429]);
    } finally {
      await fresh.close();
    }
  });
});

describe('TRUST_PROXY', () => {
  it('counts each client behind one trusted hop by its own address', async () => {
    const proxied = await startHarness({ limits: { signIn }, trustProxy: { hops: 1 }, now });
    try {
      const from = (address: string) => () => exchange(proxied.appUrl, { 'x-forwarded-for': address });
      expect(await repeat(6, from('203.0.113.7'))).toEqual([401, 401, 401, 401, 401, 429]);
      expect(await from('198.51.100.4')()).toBe(401);
    } finally {
      await proxied.close();
    }
  });

  it('parses a hop count or a list of addresses and ranges, and refuses anything else', () => {
    expect(parseTrustProxy('')).toBeNull();
    expect(parseTrustProxy('2')).toEqual({ hops: 2 });
    expect(parseTrustProxy('10.0.0.0/8, 127.0.0.1, ::1, fd00::/8')).toEqual({
      networks: ['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8'],
    });
    expect(parseTrustProxy('10.0.0.0/33')).toMatch(/neither/);
    expect(parseTrustProxy('true')).toMatch(/neither/);
  });

  describe('picks the client address from X-Forwarded-For', () => {
    let server: ServerType;
    let url: string;
    const apps = new Map<string, ReturnType<typeof clientAddressOf>>();
    beforeAll(async () => {
      const port = await freePort();
      url = `http://127.0.0.1:${port}`;
      const app = new Hono();
      app.get('/:trust', (c) => c.text(apps.get(c.req.param('trust'))!(c)));
      server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
    });
    afterAll(() => new Promise((done) => server.close(done)));

    const cases: Array<[string, TrustProxy, string, string]> = [
      ['no trust', null, '203.0.113.9', '127.0.0.1'],
      ['one hop', { hops: 1 }, 'spoofed, 203.0.113.9', '203.0.113.9'],
      ['one hop, forged extra entries', { hops: 1 }, '198.51.100.1, 203.0.113.9', '203.0.113.9'],
      ['two hops', { hops: 2 }, '198.51.100.1, 203.0.113.9', '198.51.100.1'],
      [
        'trusted ranges',
        { networks: ['127.0.0.0/8', '10.0.0.0/8'] },
        '198.51.100.1, 203.0.113.9, 10.1.2.3',
        '203.0.113.9',
      ],
      ['trusted ranges, all trusted', { networks: ['127.0.0.1', '10.0.0.0/8'] }, '10.1.2.3', '10.1.2.3'],
      ['trusted ranges, peer untrusted', { networks: ['10.0.0.0/8'] }, '203.0.113.9', '127.0.0.1'],
    ];
    it.each(cases)('%s', async (name, trust, forwardedFor, expected) => {
      apps.set(name, clientAddressOf(trust));
      const res = await fetch(`${url}/${encodeURIComponent(name)}`, { headers: { 'x-forwarded-for': forwardedFor } });
      expect(await res.text()).toBe(expected);
    });
  });
});

describe('several instances on one database', () => {
  let h: Harness;
  let second: ServerType;
  let secondUrl: string;
  beforeAll(async () => {
    h = await startHarness({ limits: { signIn }, now });
    const port = await freePort();
    secondUrl = `http://127.0.0.1:${port}`;
    // Another instance of the backend: its own process state, the same database.
    const { app } = assemble({
      config: {
        adminApiKey: 'a'.repeat(32),
        allowedOrigins: [siteOrigin],
        publicUrl: secondUrl,
        widgetTokenSecret: 'w'.repeat(32),
      },
      stores: h.stores,
      logger: createLogger('silent'),
      ping: async () => undefined,
      loadAsset: async () => undefined,
      auth: h.auth,
      limits: { signIn, bookings: defaultLimits.bookings },
      now,
    });
    second = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  });
  afterAll(async () => {
    await new Promise((done) => second.close(done));
    await h.close();
  });

  it('share one limit: requests alternating between two instances are counted together', async () => {
    let n = 0;
    const alternate = () => exchange((n += 1) % 2 === 0 ? h.appUrl : secondUrl);
    expect(await repeat(6, alternate)).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('hold the limit under concurrent requests to both instances', async () => {
    const student = h.student();
    const auth = { authorization: `Bearer ${student.token}` };
    const statuses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => exchange(i % 2 === 0 ? h.appUrl : secondUrl, auth)),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(signIn.perStudent.max);
    expect(statuses.filter((s) => s === 429)).toHaveLength(12 - signIn.perStudent.max);
  });
});
