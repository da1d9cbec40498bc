import { describe, expect, it } from 'vitest';
import { createAuth } from './index.js';
import { widgetTokens } from './widget-token.js';

const options = { secret: 's'.repeat(32), issuer: 'http://127.0.0.1:8787' };
const site = 'http://localhost:8788';

describe('widget tokens', () => {
  it('carry the student, the host origin, an audience of their own and a 30-minute expiry', async () => {
    const tokens = widgetTokens(options);
    const { token, expiresAt } = await tokens.issue('user_1', site);
    expect(await tokens.verify(token)).toMatchObject({
      sub: 'user_1',
      origin: site,
      aud: 'course-booking-widget',
      iss: options.issuer,
    });
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(30 * 60_000);
  });

  it('are refused when tampered with', async () => {
    const tokens = widgetTokens(options);
    const [head, body, signature] = (await tokens.issue('user_1', site)).token.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'user_2' })).toString('base64url');
    expect(await tokens.verify(`${head}.${forged}.${signature}`)).toBeNull();
  });

  it('are refused when signed with another secret', async () => {
    const { token } = await widgetTokens({ ...options, secret: 't'.repeat(32) }).issue('user_1', site);
    expect(await widgetTokens(options).verify(token)).toBeNull();
  });

  it('are refused with another algorithm, or none', async () => {
    const { token } = await widgetTokens(options).issue('user_1', site);
    const [, body] = token.split('.');
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(await widgetTokens(options).verify(`${none}.${body}.`)).toBeNull();
  });

  it('are refused once expired', async () => {
    let clock = Date.now();
    const tokens = widgetTokens({ ...options, now: () => clock });
    const { token } = await tokens.issue('user_1', site);
    clock += 30 * 60_000 + 1_000;
    expect(await tokens.verify(token)).toBeNull();
  });

  it('are refused with another audience or issuer', async () => {
    const { token } = await widgetTokens({ ...options, issuer: 'https://other.example' }).issue('user_1', site);
    expect(await widgetTokens(options).verify(token)).toBeNull();
  });
});

describe('a widget token on a request', () => {
  const auth = createAuth({
    publicUrl: options.issuer,
    allowedOrigins: [site, options.issuer],
    widgetTokenSecret: options.secret,
    clerk: {},
  });

  it('works only from the page origin it was issued to', async () => {
    const { token } = await auth.tokens.issue('user_1', site);
    expect(await auth.authenticate(token, { origin: site })).toEqual({ userId: 'user_1' });
    expect(await auth.authenticate(token, { origin: 'https://evil.example' })).toBeNull();
  });

  it('is refused without an Origin header: a leaked token does not work from a server', async () => {
    const { token } = await auth.tokens.issue('user_1', site);
    expect(await auth.authenticate(token, {})).toBeNull();
    expect(await auth.authenticate(token, { fetchSite: 'same-origin' })).toBeNull();
    expect(await auth.authenticate(token, { fetchSite: 'cross-site' })).toBeNull();
  });

  it("is accepted without Origin only from the backend's own pages, for a token bound to them", async () => {
    const { token } = await auth.tokens.issue('user_1', options.issuer);
    expect(await auth.authenticate(token, { fetchSite: 'same-origin' })).toEqual({ userId: 'user_1' });
    expect(await auth.authenticate(token, {})).toBeNull();
    expect(await auth.authenticate(token, { fetchSite: 'none' })).toBeNull();
  });
});
