import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assemble } from '../compose.js';
import { createAuth } from '../auth/index.js';
import { createLogger } from '../logger.js';
import { createStores, type Stores } from '../store/index.js';
import { createTestApp } from '../../../test/support/test-app.js';
import { mintSessionToken } from '../../../test/support/clerk.js';
import { siteOrigin, startHarness, type Harness } from '../../../test/support/booking-harness.js';

let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());

const state = 'abcdefghijklmnop1234';
const day = 24 * 3600_000;

/** The same app with development sign-in turned on (`DEV_SIGN_IN=1`), or not. */
function devApp(devSignIn = true, stores: Stores = h.stores) {
  const publicUrl = 'http://127.0.0.1:8787';
  const auth = createAuth({
    publicUrl,
    allowedOrigins: [siteOrigin],
    widgetTokenSecret: 'w'.repeat(32),
    clerk: {},
    devSignIn,
  });
  const { app } = assemble({
    config: { adminApiKey: 'a'.repeat(32), allowedOrigins: [siteOrigin], publicUrl, widgetTokenSecret: 'w'.repeat(32) },
    stores,
    logger: createLogger('silent'),
    ping: async () => undefined,
    loadAsset: async () => 'console.log(1)',
    auth,
    // Day-long windows: a window that ends mid-test would reset the count.
    limits: { signIn: { perStudent: { max: 10, windowMs: day }, perAddress: { max: 30, windowMs: day } } },
  });
  return { app, auth, publicUrl };
}

const exchange = (app: ReturnType<typeof devApp>['app'], body: unknown, headers: Record<string, string> = {}) =>
  app.request('/api/auth/exchange', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('GET /auth/popup', () => {
  it('serves the sign-in page with a strict CSP and no opener-cutting COOP', async () => {
    const { app } = devApp();
    const res = await app.request(`/auth/popup?origin=${encodeURIComponent(siteOrigin)}&state=${state}`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('cross-origin-opener-policy')).not.toMatch(/same-origin/);
    const page = await res.text();
    expect(page).toContain('/auth/popup.js');
    expect(page).toContain('Development sign-in');
  });

  it.each([
    ['de-DE', 'de', 'Zum Buchen anmelden', 'Anmelden als (Name oder E-Mail)'],
    ['fr', 'fr', 'Connectez-vous pour réserver', 'Se connecter en tant que'],
    ['es', 'es', 'Inicie sesión para reservar', 'Iniciar sesión como'],
    ['ja', 'ja', 'ログインして予約', 'ログインする名前'],
    ['pt-BR', 'en', 'Sign in to book', 'Sign in as (a name or email)'],
  ])('speaks the host page language %s', async (tag, lang, heading, label) => {
    const { app } = devApp();
    const res = await app.request(`/auth/popup?origin=${encodeURIComponent(siteOrigin)}&state=${state}&lang=${tag}`);
    const page = await res.text();
    expect(page).toContain(`<html lang="${lang}">`);
    expect(page).toContain(`<h1>${heading}</h1>`);
    // What its script says (the name field, the progress and errors) travels in the page's config.
    expect(
      JSON.parse(/<script id="cb-config" type="application\/json">([\s\S]*?)<\/script>/.exec(page)![1]!).text.signInAs,
    ).toContain(label);
  });

  it('says which course and which site it signs in for, naming the course only from the catalog', async () => {
    const { app } = devApp();
    const popup = async (course: string) =>
      (
        await app.request(
          `/auth/popup?origin=${encodeURIComponent(siteOrigin)}&state=${state}&course=${encodeURIComponent(course)}`,
        )
      ).text();
    const site = new URL(siteOrigin).host;
    expect(await popup('intro-ts')).toContain(`<p class="context">For Intro to TypeScript on ${site}</p>`);
    expect(await popup('no-such-course')).toContain(`<p class="context">On ${site}</p>`);
    const forged = await popup('<b>Pay here</b>');
    expect(forged).toContain(`<p class="context">On ${site}</p>`);
    expect(forged).not.toContain('Pay here');
  });

  it('refuses an origin that is not allowed: a visible message and no script', async () => {
    const { app } = devApp();
    const res = await app.request(`/auth/popup?origin=${encodeURIComponent('https://evil.example')}&state=${state}`);
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('not allowed');
    expect(page).not.toContain('/auth/popup.js');
  });

  it('refuses a missing or malformed state', async () => {
    const { app } = devApp();
    const res = await app.request(`/auth/popup?origin=${encodeURIComponent(siteOrigin)}&state=x`);
    expect(res.status).toBe(400);
  });
});

describe('POST /api/auth/exchange', () => {
  it('exchanges a Clerk session token for a widget token bound to the host origin', async () => {
    const clerkToken = mintSessionToken(h.clerk, { sub: 'user_clerk', azp: h.appUrl });
    const res = await fetch(`${h.appUrl}/api/auth/exchange`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${clerkToken}`, origin: h.appUrl },
      body: JSON.stringify({ origin: siteOrigin }),
    });
    expect(res.status).toBe(200);
    const { token, expiresAt } = (await res.json()) as { token: string; expiresAt: string };
    expect(await h.auth.tokens.verify(token)).toMatchObject({ sub: 'user_clerk', origin: siteOrigin });
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now() + 29 * 60_000);
    // The token works on the API from the host page.
    const bookings = await h.api('/api/bookings/user', { token });
    expect(bookings.status).toBe(200);
  });

  it('returns 401 for an invalid Clerk session, and without one', async () => {
    const bad = await fetch(`${h.appUrl}/api/auth/exchange`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer nonsense' },
      body: JSON.stringify({ origin: siteOrigin }),
    });
    expect(bad.status).toBe(401);
    const none = await fetch(`${h.appUrl}/api/auth/exchange`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ origin: siteOrigin, devName: 'Ada' }),
    });
    expect(none.status).toBe(401); // Clerk is configured here: no development sign-in
  });

  it('returns 400 origin_not_allowed for a host origin that is not allowed', async () => {
    const { app } = devApp();
    const res = await exchange(app, { origin: 'https://evil.example', devName: 'Ada' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('origin_not_allowed');
  });

  it('refuses a request from a page other than the popup', async () => {
    const { app } = devApp();
    const res = await exchange(app, { origin: siteOrigin, devName: 'Ada' }, { origin: siteOrigin });
    expect(res.status).toBe(403);
  });

  it('signs in by name in development, as a stable development user', async () => {
    const { app, auth } = devApp();
    const first = (await (await exchange(app, { origin: siteOrigin, devName: 'Ada@Example.com' })).json()) as {
      token: string;
    };
    const again = (await (await exchange(app, { origin: siteOrigin, devName: ' ada@example.com ' })).json()) as {
      token: string;
    };
    const a = (await auth.tokens.verify(first.token))!;
    expect(a.sub).toMatch(/^dev_/);
    expect((await auth.tokens.verify(again.token))!.sub).toBe(a.sub);
  });

  it('answers 429 with Retry-After past 30 sign-ins by name from one address', async () => {
    // A database of its own: every app on one database shares one budget.
    const own = await createTestApp();
    const { app } = devApp(true, createStores(own.database.db));
    const statuses: number[] = [];
    for (let i = 0; i < 31; i += 1)
      statuses.push((await exchange(app, { origin: siteOrigin, devName: `n${i}` })).status);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
    await own.close();
  });

  it('refuses development sign-in unless it was turned on, even without Clerk keys', async () => {
    const { app } = devApp(false);
    const res = await exchange(app, { origin: siteOrigin, devName: 'Ada' });
    expect(res.status).toBe(401);
  });
});
