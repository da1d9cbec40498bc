import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, useStackAndBrowser } from './browser.js';
import { backOnSite, badge, button, clickAndSignIn, eventCount, press, status, widget } from './site.js';

// The commerce paths on the example site, against the npm start stack in sandbox mode: a free
// course, the last seats of a limited one, a promotion code, and an archived course.
const env = useStackAndBrowser();

/** Another student takes a seat of a course, from the example site's origin, as their widget would. */
async function takeSeat(courseId: string) {
  const origin = env.stack.exampleUrl;
  const exchange = await fetch(`${env.stack.backendUrl}/api/auth/exchange`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ origin, devName: `seat-${Math.random().toString(36).slice(2)}@example.com` }),
  });
  const { token } = (await exchange.json()) as { token: string };
  const res = await fetch(`${env.stack.backendUrl}/api/bookings/create`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, origin, 'content-type': 'application/json' },
    body: JSON.stringify({ courseId, returnUrl: `${origin}/` }),
  });
  return res.status;
}

async function openCatalog(path = '/'): Promise<Page> {
  const page = await env.browser.newPage();
  await page.goto(`${env.stack.exampleUrl}${path}`);
  return page;
}

describe('commerce on a third-party site', () => {
  it('free course: Book (free) → sign in → Booked at once, no payment page, cb-paid', async () => {
    const page = await openCatalog();
    expect(await widget(page, 'open-day').locator('[part="price"]').textContent()).toBe('Free');
    await clickAndSignIn(page, button(page, /^Book \(free\): Open Day, Free/, 'open-day'), 'free@example.com');
    await expect.poll(() => badge(page, 'open-day').textContent()).toBe('Booked');
    expect(new URL(page.url()).origin).toBe(new URL(env.stack.exampleUrl).origin);
    await expect.poll(() => eventCount(page, 'cb-paid')).toBe(1);
    await screenshot(page, 'journey-free-booked');
    await page.close();
  });

  it('sold out: seats left counts down, and a click that loses the last seat shows Sold out with cb-error sold_out', async () => {
    expect(await takeSeat('glaze-lab')).toBe(201);
    expect(await takeSeat('glaze-lab')).toBe(201);
    const page = await openCatalog();
    await expect.poll(() => widget(page, 'glaze-lab').locator('[part="seats"]').textContent()).toBe('1 seat left');
    await screenshot(page, 'journey-last-seat');
    expect(await takeSeat('glaze-lab')).toBe(201);
    await clickAndSignIn(page, button(page, /^Book & Pay/, 'glaze-lab'), 'too-late@example.com');
    await expect.poll(() => status(page, 'glaze-lab').textContent()).toBe('Sold out');
    expect(await button(page, /Book/, 'glaze-lab').count()).toBe(0);
    await expect.poll(() => page.locator('#events [data-type="cb-error"]').last().textContent()).toContain('sold_out');

    const later = await openCatalog();
    await expect.poll(() => status(later, 'glaze-lab').textContent()).toBe('Sold out');
    await screenshot(later, 'journey-sold-out');
    await Promise.all([page.close(), later.close()]);
  });

  it('promotion code: SANDBOX10 on the pay page, Booked, and the dashboard shows what was paid', async () => {
    const page = await openCatalog();
    await clickAndSignIn(page, button(page, /^Book & Pay/), 'promo@example.com');
    await page.waitForURL(/\/pay\/cs_test_/);
    await page.getByLabel('Promotion code').fill('SANDBOX10');
    await press(page, /^Pay (?!later)/);
    await backOnSite(page, env.stack.exampleUrl);
    await expect.poll(() => badge(page).textContent()).toBe('Booked');
    // Signed in as an email address: Checkout got it, so the receipt goes there.
    const { sessions } = (await (await fetch(`${env.stack.sandboxUrl}/sandbox/sessions`)).json()) as {
      sessions: Array<{ customer_email: string | null; amount_total: number }>;
    };
    expect(sessions.find((s) => s.customer_email === 'promo@example.com')).toMatchObject({ amount_total: 4410 });

    await page.goto(`${env.stack.exampleUrl}/bookings.html`);
    const dashboard = page.locator('booking-dashboard');
    await expect.poll(() => dashboard.locator('li').first().textContent()).toContain('$44.10');
    await screenshot(page, 'journey-promotion-code');
    await page.close();
  });

  it('archived course: the widget says it is no longer available, not an error', async () => {
    const res = await fetch(`${env.stack.backendUrl}/api/admin/courses/tokyo-photo-walk`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${env.stack.adminApiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Tokyo Street Photography', price: 12000, currency: 'jpy', active: false }),
    });
    expect(res.status).toBe(200);
    const page = await openCatalog();
    await expect.poll(() => status(page, 'tokyo-photo-walk').textContent()).toBe('This course is no longer available.');
    expect(await widget(page, 'tokyo-photo-walk').locator('[role="alert"]').count()).toBe(0);
    expect(await page.locator('#events [data-type="cb-error"]').count()).toBe(0);
    await screenshot(page, 'journey-archived');
    await page.close();
  });
});
