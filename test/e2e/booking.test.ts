import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, useStackAndBrowser } from './browser.js';
import {
  backOnSite as backOnSiteOf,
  badge,
  button,
  clickAndSignIn,
  consoleErrors,
  press,
  status,
  widget,
} from './site.js';

// The student's whole journey on a third-party site, against the npm start stack in sandbox mode:
// the example site on one origin, the backend (and its sign-in popup) on another, the sandbox
// checkout on a third.
const env = useStackAndBrowser();

/** Opens the catalog, books `course` as `name`, and arrives on the sandbox pay page. */
async function bookAs(name: string, course = 'intro-typescript', path = '/') {
  const page = await env.browser.newPage();
  await page.goto(`${env.stack.exampleUrl}${path}`);
  await clickAndSignIn(page, button(page, /^Book & Pay/, course), name);
  await page.waitForURL(/\/pay\/cs_test_/);
  return page;
}

const backOnSite = (page: Page) => backOnSiteOf(page, env.stack.exampleUrl);
const shot = screenshot;

describe('booking on a third-party site', () => {
  it('price → sign in → pay → back on the site, Booked → book a second course → the dashboard: one sign-in in all', async () => {
    const page = await bookAs('paid@example.com');
    let popups = 0;
    page.on('popup', () => (popups += 1));
    await press(page, /^Pay (?!later)/);
    await backOnSite(page);
    await expect.poll(() => badge(page).textContent()).toBe('Booked');
    expect(await status(page).textContent()).toContain('Payment received');
    expect(page.url()).not.toContain('cb_booking');
    await expect.poll(() => page.locator('#events [data-type="cb-paid"]').count()).toBe(1);
    expect(await page.locator('#events [data-type="cb-paid"]').textContent()).toMatch(/"booking":"bk_/);
    await shot(page, 'journey-booked');

    // Still signed in after Stripe's round trip: the second course goes straight to Checkout.
    await button(page, /^Book & Pay/, 'web-components').click();
    await page.waitForURL(/\/pay\/cs_test_/);
    await press(page, /^Pay (?!later)/);
    await backOnSite(page);
    await expect.poll(() => badge(page, 'web-components').textContent()).toBe('Booked');

    await page.goto(`${env.stack.exampleUrl}/bookings.html`);
    const dashboard = page.locator('booking-dashboard');
    await expect.poll(() => dashboard.locator('li .badge').count()).toBe(2);
    expect(await dashboard.locator('li .badge').allTextContents()).toEqual(['Paid', 'Paid']);
    expect(await dashboard.locator('li strong').allTextContents()).toEqual([
      'Web Components Workshop',
      'Intro to TypeScript',
    ]);
    expect(popups).toBe(0); // the one sign-in was before this count started, in bookAs
    await dashboard
      .getByRole('button', { name: /^Details/ })
      .first()
      .click();
    await expect.poll(() => dashboard.locator('code').first().textContent()).toMatch(/^bk_/);
    await shot(page, 'journey-dashboard');

    // Signing out forgets the student on every page of the visit: the next booking asks again.
    await dashboard.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => dashboard.getByRole('button', { name: 'Sign in' }).count()).toBe(1);
    await page.goto(`${env.stack.exampleUrl}/`);
    await clickAndSignIn(page, button(page, /^Book & Pay/, 'tokyo-photo-walk'), 'paid@example.com');
    await page.waitForURL(/\/pay\/cs_test_/);
    await page.close();
  });

  it('the dashboard resumes an awaiting payment: Complete payment → Checkout → paid', async () => {
    const page = await bookAs('resume@example.com');
    await press(page, /^Cancel and go back/);
    await backOnSite(page);
    await page.goto(`${env.stack.exampleUrl}/bookings.html`);
    const dashboard = page.locator('booking-dashboard');
    await expect.poll(() => dashboard.locator('li .badge').first().textContent()).toBe('Awaiting payment');
    expect(await dashboard.locator('li .meta').first().textContent()).toContain('Started on');
    await shot(page, 'journey-dashboard-awaiting');
    await dashboard.getByRole('button', { name: 'Complete payment: Intro to TypeScript' }).click();
    await page.waitForURL(/\/pay\/cs_test_/);
    await press(page, /^Pay (?!later)/);
    // Resumed from the dashboard, the checkout returns to the dashboard (not to the catalog where
    // the first one began), which shows the booking paid and leaves no return parameters behind.
    await backOnSite(page);
    expect(new URL(page.url()).pathname).toBe('/bookings.html');
    await expect.poll(() => dashboard.locator('li .badge').first().textContent()).toBe('Paid');
    expect(page.url()).not.toContain('cb_booking');
    expect(await dashboard.locator('li .meta').first().textContent()).toContain('Booked on');
    await page.close();
  });

  it('declined, then Try again and pay', async () => {
    const page = await bookAs('declined@example.com');
    await press(page, /^Decline card/);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('declined');
    await press(page, /^Cancel and go back/);
    await backOnSite(page);
    await expect.poll(() => status(page).textContent()).toContain('cancelled');
    await button(page, /^Try again/).click(); // still signed in: no popup
    await page.waitForURL(/\/pay\/cs_test_/);
    await press(page, /^Pay (?!later)/);
    await backOnSite(page);
    await expect.poll(() => badge(page).textContent()).toBe('Booked');
    await shot(page, 'journey-declined-then-paid');
    await page.close();
  });

  it('cancel: says no payment was taken and offers Try again', async () => {
    const page = await bookAs('cancel@example.com');
    await press(page, /^Cancel and go back/);
    await backOnSite(page);
    await expect.poll(() => status(page).textContent()).toBe('Checkout cancelled. No payment was taken.');
    expect(await button(page, /^Try again: Intro to TypeScript, \$49\.00/).isVisible()).toBe(true);
    // The card with a note is as tall as its neighbours in the row: the row shares one height.
    const heights = await Promise.all(
      ['intro-typescript', 'web-components', 'tokyo-photo-walk'].map(async (course) =>
        widget(page, course).evaluate((e) =>
          Math.round(e.shadowRoot!.querySelector('.card')!.getBoundingClientRect().height),
        ),
      ),
    );
    expect(new Set(heights).size).toBe(1);
    expect(await page.locator('#events [data-type="cb-paid"]').count()).toBe(0);
    await shot(page, 'journey-cancelled');
    await page.close();
  });

  it('delayed payment: processing, then paid once the webhook arrives', async () => {
    const page = await bookAs('delayed@example.com');
    await press(page, /^Pay later/);
    await backOnSite(page);
    await expect.poll(() => widget(page).getByRole('status').first().textContent()).toContain('Payment processing');
    await shot(page, 'journey-processing');
    await expect.poll(() => badge(page).textContent(), { timeout: 20_000 }).toBe('Booked');
    await expect.poll(() => page.locator('#events [data-type="cb-paid"]').count()).toBe(1);
    await shot(page, 'journey-delayed-paid');
    await page.close();
  });

  it('opening the return link again shows Booked but fires cb-paid only the first time', async () => {
    const page = await bookAs('link@example.com');
    let returnLink = '';
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && frame.url().includes('cb_ticket')) returnLink ||= frame.url();
    });
    await press(page, /^Pay (?!later)/);
    await backOnSite(page);
    await expect.poll(() => badge(page).textContent()).toBe('Booked');
    await expect.poll(() => page.locator('#events [data-type="cb-paid"]').count()).toBe(1);
    expect(returnLink).toContain('cb_booking=');

    await page.goto(returnLink);
    // cb-paid would fire in the same turn as the badge appears.
    await expect.poll(() => badge(page).textContent()).toBe('Booked');
    expect(await page.locator('#events [data-type="cb-paid"]').count()).toBe(0);
    await page.close();
  });

  it('already booked after a reload: Booked shows at once, with Payment received, and the console stays clean', async () => {
    const page = await bookAs('twice@example.com', 'web-components');
    const errors = consoleErrors(page);
    page.on('response', (res) => res.status() >= 400 && errors.push(`${res.status()} ${res.url()}`));
    await press(page, /^Pay (?!later)/);
    await backOnSite(page);
    await expect.poll(() => badge(page, 'web-components').textContent()).toBe('Booked');
    // Signed in for the visit, across the reload: the student's own state shows without a click.
    await page.reload();
    await expect.poll(() => badge(page, 'web-components').textContent()).toBe('Booked');
    expect(await status(page, 'web-components').textContent()).toBe('Payment received. You are booked.');
    expect(await button(page, /^Book & Pay/, 'intro-typescript').count()).toBe(1);
    expect(new URL(page.url()).origin).toBe(new URL(env.stack.exampleUrl).origin);
    expect(errors).toEqual([]);
    await shot(page, 'journey-already-booked');
    await page.close();
  });

  it('embedded mode: checkout in a dialog on the page, then Booked', async () => {
    const page = await env.browser.newPage();
    await page.goto(`${env.stack.exampleUrl}/embedded.html`);
    await clickAndSignIn(page, button(page, /^Book & Pay/), 'embedded@example.com');
    const dialog = page.locator('dialog.cb-embedded-checkout');
    await dialog.waitFor();
    expect(await dialog.evaluate((d: HTMLDialogElement) => d.open && d.parentElement === document.body)).toBe(true);
    await shot(page, 'journey-embedded-dialog');
    await dialog
      .frameLocator('iframe')
      .getByRole('button', { name: /^Pay (?!later)/ })
      .click();
    await page.waitForURL(/embedded\.html/);
    await expect.poll(() => badge(page).textContent()).toBe('Booked');
    expect(await page.locator('dialog.cb-embedded-checkout').count()).toBe(0);
    await shot(page, 'journey-embedded-booked');
    await page.close();
  });

  it('embedded mode: closing the dialog destroys it and the button works again', async () => {
    const page = await env.browser.newPage();
    await page.goto(`${env.stack.exampleUrl}/embedded.html`);
    await clickAndSignIn(page, button(page, /^Book & Pay/, 'web-components'), 'closer@example.com');
    const dialog = page.locator('dialog.cb-embedded-checkout');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await button(page, /^Book & Pay/, 'web-components').getAttribute('aria-disabled')).toBe('false');
    // Focus is back on the button that opened it.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('part') ?? null))
      .toBe('button');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('course'))).toBe('web-components');
    await page.close();
  });

  it('embedded mode on a narrow screen: a full-screen sheet with a themed, labelled close button', async () => {
    const page = await env.browser.newPage({ viewport: { width: 375, height: 740 } });
    await page.goto(`${env.stack.exampleUrl}/embedded.html`);
    await clickAndSignIn(page, button(page, /^Book & Pay/), 'narrow@example.com');
    const dialog = page.locator('dialog.cb-embedded-checkout');
    await dialog.waitFor();
    const box = (await dialog.boundingBox())!;
    expect([box.x, box.y, box.width, box.height]).toEqual([0, 0, 375, 740]);
    const close = dialog.getByRole('button', { name: 'Close checkout' });
    expect(await close.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(79, 70, 229)');
    // Nothing above the checkout but its header: the frame starts right below it.
    const header = (await dialog.locator('header').boundingBox())!;
    const frame = (await dialog.locator('iframe').boundingBox())!;
    expect(Math.round(frame.y)).toBe(Math.round(header.y + header.height));
    await shot(page, 'journey-embedded-narrow');
    await page.close();
  });

  it('the host cancels cb-checkout-start: no sign-in, no checkout', async () => {
    const page = await env.browser.newPage();
    await page.goto(`${env.stack.exampleUrl}/`);
    await button(page, /^Book & Pay/).waitFor();
    await page.evaluate(() => document.addEventListener('cb-checkout-start', (event) => event.preventDefault()));
    let popups = 0;
    page.on('popup', () => (popups += 1));
    await button(page, /^Book & Pay/).click();
    await expect.poll(() => page.locator('#events [data-type="cb-checkout-start"]').count()).toBe(1);
    expect(popups).toBe(0);
    expect(await button(page, /^Book & Pay/).getAttribute('aria-busy')).toBe('false');
    await shot(page, 'journey-host-cancelled');
    await page.close();
  });
});

describe('a German page', () => {
  it('signs in and pays in German: the popup, the pay page and the widget', async () => {
    const page = await env.browser.newPage();
    await page.goto(`${env.stack.exampleUrl}/de.html`);
    const popupOpened = page.waitForEvent('popup');
    await button(page, /^Buchen & bezahlen/).click();
    const popup = await popupOpened;
    await popup.getByRole('heading', { name: 'Zum Buchen anmelden' }).waitFor();
    expect(await popup.locator('html').getAttribute('lang')).toBe('de');
    await popup.getByLabel('Anmelden als').fill('deutsch@example.com');
    const closed = popup.waitForEvent('close');
    await popup.getByRole('button', { name: 'Anmelden' }).click();
    await closed;
    await page.waitForURL(/\/pay\/cs_test_/);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    await shot(page, 'journey-de-pay-page');
    await press(page, /^Bezahlen 49,00/);
    await backOnSite(page);
    await expect.poll(() => badge(page).textContent()).toBe('Gebucht');
    expect(await status(page).textContent()).toContain('Zahlung erhalten');
    await page.close();
  });
});
