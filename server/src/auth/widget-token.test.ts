import { describe, expect, it } from 'vitest';
import { createAuth } from './index.js';
import { widgetTokens } from './widget-token.js';

const options = { secret: 's'.repeat(32), issuer: 'http://127.0.0.1:8787' };
const site = 'http://localhost:8788';

describe('widget tokens', () => {
  it('carry the student, the host origin, an audience of their own and a 30-minute expiry', () => {
    const tokens = widgetTokens(options);
    const { token, expiresAt } = tokens.issue('user_1', site);
    expect(tokens.verify(token)).toMatchObject({
      sub: 'user_1',
      origin: site,
      aud: 'course-booking-widget',
      iss: options.issuer,
    });
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(30 * 60_000);
  });

  it('are refused when tampered with', () => {
    const tokens = widgetTokens(options);
    const [head, body, signature] = tokens.issue('user_1', site).token.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'user_2' })).toString('base64url');
    expect(tokens.verify(`${head}.${forged}.${signature}`)).toBeNull();
  });

  it('are refused when signed with another secret', () => {
    const token = widgetTokens({ ...options, secret: 't'.repeat(32) }).issue('user_1', site).token;
    expect(widgetTokens(options).verify(token)).toBeNull();
  });

  it('are refused once expired', () => {
    let clock = Date.now();
    const tokens = widgetTokens({ ...options, now: () => clock });
    const { token } = tokens.issue('user_1', site);
    clock += 30 * 60_000 + 1_000;
    expect(tokens.verify(token)).toBeNull();
  });

  it('are refused with another audience or issuer', () => {
    const { token } = widgetTokens({ ...options, issuer: 'https://other.example' }).issue('user_1', site);
    expect(widgetTokens(options).verify(token)).toBeNull();
  });

  it('work only from the page origin they were issued to', async () => {
    const auth = createAuth({
      publicUrl: options.issuer,
      allowedOrigins: [site],
      widgetTokenSecret: options.secret,
      clerk: {},
    });
    const { token } = auth.tokens.issue('user_1', site);
    expect(await auth.authenticate(token, site)).toEqual({ userId: 'user_1' });
    expect(await auth.authenticate(token, 'https://evil.example')).toBeNull();
  });
});
