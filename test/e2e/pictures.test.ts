import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshots, useStackAndBrowser } from './browser.js';
import {
  addCourse,
  adminPut,
  backOnSite,
  badge,
  button,
  clickAndSignIn,
  openConsole,
  press,
  status,
  widget,
} from './site.js';

// The README's pictures of the widget's states and of the dashboard, taken from the example site
// in Chromium. `npm run pictures` writes them to docs/pictures/ (committed); the test suite writes
// them to test-results/, so a test run never changes the tree.
const env = useStackAndBrowser();
const folder = process.env.CB_PICTURES === '1' ? resolve(import.meta.dirname, '../../docs/pictures') : screenshots;

const picture = (target: Locator, name: string) =>
  target.screenshot({ path: join(folder, `${name}.png`), animations: 'disabled' });

async function open(path = '/'): Promise<Page> {
  const page = await env.browser.newPage({ viewport: { width: 900, height: 700 }, deviceScaleFactor: 1 });
  await page.goto(`${env.stack.exampleUrl}${path}`);
  return page;
}

describe('the README pictures', () => {
  it('the price, signing in, booked, and the dashboard', async () => {
    const page = await open();
    await button(page, /^Book & Pay/).waitFor();
    await picture(widget(page), 'widget-price');
    const popupOpened = page.waitForEvent('popup');
    await button(page, /^Book & Pay/).click();
    const popup = await popupOpened;
    await expect.poll(() => widget(page).getByRole('button').textContent()).toContain('Please wait');
    await picture(widget(page), 'widget-signing-in');
    await popup.getByLabel('Sign in as').fill('pictures@example.com');
    await popup.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/pay\/cs_test_/);
    await press(page, /^Pay (?!later)/);
    await backOnSite(page, env.stack.exampleUrl);
    await expect.poll(() => badge(page).textContent()).toBe('Booked');
    await picture(widget(page), 'widget-booked');
    await page.goto(`${env.stack.exampleUrl}/bookings.html`);
    const dashboard = page.locator('booking-dashboard');
    await expect.poll(() => dashboard.locator('li .badge').count()).toBe(1);
    await picture(dashboard, 'dashboard');
    await page.close();
  });

  it('processing, and not paid with Try again', async () => {
    const page = await open();
    await clickAndSignIn(page, button(page, /^Book & Pay/, 'web-components'), 'pictures-2@example.com');
    await page.waitForURL(/\/pay\/cs_test_/);
    await press(page, /^Pay later/);
    await backOnSite(page, env.stack.exampleUrl);
    await expect
      .poll(() => widget(page, 'web-components').getByRole('status').first().textContent())
      .toContain('processing');
    await picture(widget(page, 'web-components'), 'widget-processing');
    await button(page, /^Book & Pay/, 'tokyo-photo-walk').click();
    await page.waitForURL(/\/pay\/cs_test_/);
    await press(page, /^Cancel and go back/);
    await backOnSite(page, env.stack.exampleUrl);
    await expect.poll(() => status(page, 'tokyo-photo-walk').textContent()).toContain('cancelled');
    await picture(widget(page, 'tokyo-photo-walk'), 'widget-not-paid');
    await page.close();
  });

  it('seats left, sold out, free, the dark theme and German', async () => {
    const page = await open();
    await expect.poll(() => widget(page, 'glaze-lab').locator('[part="seats"]').textContent()).toBe('3 seats left');
    await picture(widget(page, 'glaze-lab'), 'widget-seats-left');
    await picture(widget(page, 'open-day'), 'widget-free');
    // The demo's Pottery Weekend on its Berlin dates: one sold out, one with 2 seats left.
    await widget(page, 'pottery-weekend').locator('[part="dates"] input').nth(1).waitFor();
    await picture(widget(page, 'pottery-weekend'), 'widget-dates');
    const dark = await open('/dark.html');
    await button(dark, /^Book & Pay/).waitFor();
    await picture(widget(dark), 'widget-dark');
    const german = await open('/de.html');
    await button(german, /^Buchen & bezahlen/).waitFor();
    await picture(widget(german), 'widget-german');
    await Promise.all([page.close(), dark.close(), german.close()]);
  });

  it('sold out', async () => {
    const origin = env.stack.exampleUrl;
    for (let seat = 0; seat < 3; seat += 1) {
      const exchange = await fetch(`${env.stack.backendUrl}/api/auth/exchange`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ origin, devName: `seat-${seat}@example.com` }),
      });
      const { token } = (await exchange.json()) as { token: string };
      await fetch(`${env.stack.backendUrl}/api/bookings/create`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, origin, 'content-type': 'application/json' },
        body: JSON.stringify({ courseId: 'glaze-lab', returnUrl: `${origin}/` }),
      });
    }
    const page = await open();
    await expect.poll(() => status(page, 'glaze-lab').textContent()).toBe('Sold out');
    await picture(widget(page, 'glaze-lab'), 'widget-sold-out');
    await page.close();
  });

  it('the dashboard with a free, a refunded and an awaiting booking', async () => {
    const origin = env.stack.exampleUrl;
    const name = 'dashboard-states@example.com';
    const exchange = await fetch(`${env.stack.backendUrl}/api/auth/exchange`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ origin, devName: name }),
    });
    const { token } = (await exchange.json()) as { token: string };
    const create = async (courseId: string) => {
      const res = await fetch(`${env.stack.backendUrl}/api/bookings/create`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, origin, 'content-type': 'application/json' },
        body: JSON.stringify({ courseId, returnUrl: `${origin}/` }),
      });
      return ((await res.json()) as { booking: { id: string; stripeSessionId: string | null } }).booking;
    };
    const statusOf = async (id: string) => {
      const res = await fetch(`${env.stack.backendUrl}/api/bookings/${id}`, {
        headers: { authorization: `Bearer ${token}`, origin },
      });
      return ((await res.json()) as { paymentStatus: string }).paymentStatus;
    };
    await create('open-day');
    const refunded = await create('web-components');
    await fetch(`${env.stack.sandboxUrl}/pay/${refunded.stripeSessionId}/pay`, { method: 'POST', redirect: 'manual' });
    await expect.poll(() => statusOf(refunded.id)).toBe('paid');
    await fetch(`${env.stack.sandboxUrl}/sandbox/sessions/${refunded.stripeSessionId}/refund`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    await expect.poll(() => statusOf(refunded.id)).toBe('refunded');
    await create('tokyo-photo-walk');

    const page = await open('/bookings.html');
    const dashboard = page.locator('booking-dashboard');
    await clickAndSignIn(page, dashboard.getByRole('button', { name: 'Sign in' }), name);
    await expect
      .poll(() => dashboard.locator('li .badge').allTextContents())
      .toEqual(['Awaiting payment', 'Refunded', 'Free']);
    await picture(dashboard, 'dashboard-states');
    await page.close();
  });

  it('a group: the seats stepper and who is coming', async () => {
    await adminPut(env.stack, '/courses/family-day', {
      title: 'Family Day',
      description: 'An afternoon at the wheel for the whole family.',
      price: 3500,
      currency: 'eur',
      capacity: 12,
      maxPerOrder: 4,
      questions: [
        { id: 'diet', label: 'Dietary needs', type: 'select', options: ['none', 'vegetarian'], required: true },
      ],
    });
    const page = await open();
    await addCourse(page, 'family-day');
    const element = widget(page, 'family-day');
    await element.getByRole('button', { name: 'One seat more' }).click();
    await element.getByRole('button', { name: 'One seat more' }).click();
    await picture(element, 'widget-group');
    await clickAndSignIn(page, element.getByRole('button', { name: /^Book & Pay/ }), 'parent@example.com');
    const dialog = element.getByRole('dialog', { name: 'Who is coming?' });
    for (const [i, name] of ['Ada Lovelace', 'Bo Lovelace', 'Cy Lovelace'].entries()) {
      await dialog
        .getByRole('group', { name: `Attendee ${i + 1}` })
        .getByLabel('Name')
        .fill(name);
    }
    await picture(dialog, 'widget-attendees');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.close();
  });

  it('a waiting list: the place in line, the seat held, and the console’s list', async () => {
    await adminPut(env.stack, '/courses/raku-evening', {
      title: 'Raku Evening',
      description: 'Firing by the fire.',
      price: 4500,
      currency: 'eur',
      capacity: 1,
    });
    const holder = await devBooking('holder@example.com', 'raku-evening');
    const page = await open();
    await addCourse(page, 'raku-evening');
    const element = widget(page, 'raku-evening');
    const waiting = 'waiting@example.com';
    await clickAndSignIn(page, element.getByRole('button', { name: /^Join the waiting list/ }), waiting);
    await expect.poll(() => element.locator('[part="waitlist"]').textContent()).toContain('number 1');
    await picture(element, 'widget-waitlist');
    // The holder's checkout expires: the seat is held for the first in line.
    await fetch(`${env.stack.sandboxUrl}/v1/checkout/sessions/${holder.stripeSessionId}/expire`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_sandbox' },
    });
    await expect.poll(() => entryStatus(waiting), { timeout: 15_000 }).toBe('offered');
    await page.reload();
    await addCourse(page, 'raku-evening');
    await expect.poll(() => element.locator('[part="waitlist"]').textContent()).toContain('A seat is held for you');
    await picture(element, 'widget-offer');
    await page.close();

    const console = await openConsole(env.browser, env.stack.backendUrl, { width: 1100, height: 640 });
    await console.evaluate(() => (location.hash = '#/courses/raku-evening'));
    const list = console.locator('admin-waitlist');
    await expect.poll(() => list.locator('tbody tr').first().textContent()).toContain('held until');
    await picture(list, 'console-waitlist');
    await console.context().close();
  });

  it('the operator console: bookings and a booking', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1100, height: 640 }, deviceScaleFactor: 1 });
    await page.goto(`${env.stack.backendUrl}/admin`);
    await page.getByLabel('Name').fill('admin');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const rows = page.locator('admin-bookings tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(1);
    await page.screenshot({ path: join(folder, 'console-bookings.png'), animations: 'disabled' });
    await rows.filter({ hasText: 'pictures@example.com' }).getByRole('link').click();
    await expect.poll(() => page.locator('admin-booking td').count()).toBeGreaterThan(3);
    await page.screenshot({ path: join(folder, 'console-booking.png'), animations: 'disabled' });
    // On a phone: each booking a card, every column readable without scrolling sideways.
    await page.setViewportSize({ width: 375, height: 760 });
    await page.evaluate(() => (location.hash = '#/bookings'));
    await expect.poll(() => rows.count()).toBeGreaterThan(1);
    await page.screenshot({
      path: join(folder, 'console-375.png'),
      animations: 'disabled',
      fullPage: true,
      clip: { x: 0, y: 0, width: 375, height: 1100 },
    });
    await page.close();
  });
});

/** A widget token for a development sign-in name, on the example site. */
async function devToken(name: string): Promise<string> {
  const exchange = await fetch(`${env.stack.backendUrl}/api/auth/exchange`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ origin: env.stack.exampleUrl, devName: name }),
  });
  return ((await exchange.json()) as { token: string }).token;
}

/** Where a development sign-in name's first waiting-list entry stands. */
async function entryStatus(name: string): Promise<string | undefined> {
  const res = await fetch(`${env.stack.backendUrl}/api/waitlist/user`, {
    headers: { authorization: `Bearer ${await devToken(name)}`, origin: env.stack.exampleUrl },
  });
  return ((await res.json()) as { entries: Array<{ status: string }> }).entries[0]?.status;
}

/** Opens a checkout of a course as a development sign-in name, through the API (it holds a seat). */
async function devBooking(name: string, courseId: string) {
  const origin = env.stack.exampleUrl;
  const token = await devToken(name);
  const res = await fetch(`${env.stack.backendUrl}/api/bookings/create`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, origin, 'content-type': 'application/json' },
    body: JSON.stringify({ courseId, returnUrl: `${origin}/` }),
  });
  return ((await res.json()) as { booking: { id: string; stripeSessionId: string } }).booking;
}
