import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createForeignSession } from '../support/booking-harness.js';
import { screenshot, useStackAndBrowser } from './browser.js';
import { backOnSite, badge, button, clickAndSignIn, consoleErrors, press, widget } from './site.js';

// The operator console through npm start's stack: development sign-in as "admin", then the
// operator's journeys across the console, the example site and the sandbox.
const env = useStackAndBrowser();

/** Opens the console and signs in by development sign-in (the name `admin` is the operator under npm start). */
async function openConsole(options: { width?: number; name?: string; bypassCSP?: boolean } = {}) {
  const context = await env.browser.newContext({
    viewport: { width: options.width ?? 1200, height: 900 },
    bypassCSP: options.bypassCSP ?? false,
  });
  const page = await context.newPage();
  const errors = consoleErrors(page);
  await page.goto(`${env.stack.backendUrl}/admin`);
  await expect.poll(() => page.getByRole('note').textContent()).toContain('Development sign-in');
  await page.getByLabel('Name').fill(options.name ?? 'admin');
  await page.getByRole('button', { name: 'Sign in' }).click();
  return { page, errors, close: () => context.close() };
}

async function openSite(path = '/'): Promise<Page> {
  // A new visitor: nothing cached from an earlier visit.
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.stack.exampleUrl}${path}`);
  return page;
}

async function go(page: Page, screen: 'Bookings' | 'Courses' | 'Webhooks' | 'Outbox' | 'Outgoing webhooks' | 'Health') {
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: screen, exact: true }).click();
  await expect
    .poll(() =>
      page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.shadowRoot?.activeElement?.tagName),
    )
    .toBe('H1');
}

describe('the operator console', () => {
  it('is served under a strict CSP, and someone not in ADMIN_USER_IDS gets no data', async () => {
    const res = await fetch(`${env.stack.backendUrl}/admin`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const { page, close } = await openConsole({ name: 'mallory' });
    await expect.poll(() => page.getByRole('status').textContent()).toContain('not in ADMIN_USER_IDS');
    expect(await page.getByRole('heading', { name: 'Bookings' }).count()).toBe(0);
    await close();
  });

  it("an admin changes a course's price, sees errors beside the fields, and the example site shows the new price", async () => {
    const { page, errors, close } = await openConsole();
    await go(page, 'Courses');
    await page.getByRole('link', { name: 'Web Components Workshop' }).click();
    const price = page.getByLabel('Price (0 is free)');
    // JPY has no decimals, USD two: a third is refused beside the field before anything is sent.
    await price.fill('59.505');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => price.getAttribute('aria-invalid')).toBe('true');
    // The API's own schema: an empty title is refused, and said beside the title.
    await price.fill('59.50');
    await page.getByLabel('Title').fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('[data-field="title"] .field-error').textContent()).toBe('must not be empty');
    await page.getByLabel('Title').fill('Web Components Workshop');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.locator('admin-courses form [role="status"]').textContent())
      .toContain('Saved Web Components Workshop: €59.50');
    const preview = page.frameLocator('iframe[title^="Preview"]').locator('course-booking[course="web-components"]');
    await expect.poll(() => preview.locator('[part="price"]').textContent()).toBe('€59.50');
    await screenshot(page, 'console-course');

    const site = await openSite();
    await expect.poll(() => widget(site, 'web-components').locator('[part="price"]').textContent()).toBe('€59.50');
    await site.context().close();

    await go(page, 'Health');
    const audit = page.locator('admin-health').locator('tbody tr').first();
    await expect.poll(() => audit.textContent()).toContain('course.update');
    expect(await audit.textContent()).toContain('price: 4900 → 5950');
    // The one refused save is the browser's only complaint.
    expect(errors).toEqual([expect.stringContaining('status of 400')]);
    await close();
  });

  it("pays in the sandbox, is refunded from the console, and the student's dashboard shows refunded", async () => {
    const site = await openSite();
    await clickAndSignIn(site, button(site, /^Book & Pay/), 'refund-me@example.com');
    await site.waitForURL(/\/pay\/cs_test_/);
    await press(site, /^Pay (?!later)/);
    await backOnSite(site, env.stack.exampleUrl);
    await expect.poll(() => badge(site).textContent()).toBe('Booked');

    const { page, errors, close } = await openConsole();
    await page.getByRole('searchbox', { name: 'Search' }).fill('refund-me@example.com');
    await page.getByRole('button', { name: 'Apply' }).click();
    const row = page.locator('admin-bookings tbody tr').filter({ hasText: 'refund-me@example.com' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('.status').textContent()).toBe('Paid');
    // The filter's bookings as a file: fetched with the console's token, saved by the browser.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^bookings-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await file.path())!, 'utf8');
    expect(csv.trim().split('\r\n')).toHaveLength(2);
    expect(csv).toContain('refund-me@example.com');
    await row.getByRole('link').click();
    // The amount starts as all that is left; the confirmation names it.
    expect(await page.getByRole('textbox', { name: /^Amount/ }).inputValue()).toBe('49.00');
    await page.getByRole('button', { name: 'Refund…', exact: true }).click();
    await page.getByText('Refund $49.00 in full through Stripe? This cannot be undone.').waitFor();
    await page.getByRole('button', { name: 'Yes, refund' }).click();
    // Stripe's webhook moves the booking; the page shows it without a reload.
    await expect
      .poll(() => page.locator('admin-booking .status').first().textContent(), { timeout: 15_000 })
      .toBe('Refunded');
    expect(await page.locator('admin-booking td').filter({ hasText: 'charge.refunded' }).count()).toBe(1);
    await screenshot(page, 'console-refunded');

    await site.goto(`${env.stack.exampleUrl}/bookings.html`);
    await expect.poll(() => site.locator('booking-dashboard li').first().textContent()).toContain('Refunded');
    expect(errors).toEqual([]);
    await Promise.all([close(), site.context().close()]);
  });

  it('shows a forged foreign session in the webhook log as ignored, with why', async () => {
    const bookings = await fetch(`${env.stack.backendUrl}/api/admin/bookings?limit=1`, {
      headers: { authorization: `Bearer ${env.stack.adminApiKey}` },
    });
    const [target] = ((await bookings.json()) as { bookings: Array<{ id: string }> }).bookings;
    // Another integration on the same Stripe account names one of our bookings, for 1 cent.
    const { id } = await createForeignSession(env.stack.sandboxUrl!, {
      client_reference_id: target!.id,
      'metadata[bookingId]': target!.id,
    });
    await fetch(`${env.stack.sandboxUrl}/pay/${id}/pay`, { method: 'POST', redirect: 'manual' });

    const { page, close } = await openConsole();
    await go(page, 'Webhooks');
    await page.getByLabel('Outcome').selectOption('ignored');
    await page.getByRole('button', { name: 'Apply' }).click();
    const row = page
      .locator('admin-webhooks tbody tr')
      .filter({ hasText: 'A Checkout Session this backend did not create' });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await row.first().textContent()).toContain('checkout.session.completed');
    await screenshot(page, 'console-webhooks');
    await close();
  });

  it('every screen works at 375 px without sideways scrolling, and axe finds no violations', async () => {
    const axe = await readFile('node_modules/axe-core/axe.min.js', 'utf8');
    // axe is injected as a script, which the console's CSP rightly refuses: this check alone bypasses it.
    const { page, close } = await openConsole({ width: 375, bypassCSP: true });
    const [booking] = (
      (await (
        await fetch(`${env.stack.backendUrl}/api/admin/bookings?limit=1`, {
          headers: { authorization: `Bearer ${env.stack.adminApiKey}` },
        })
      ).json()) as { bookings: Array<{ id: string }> }
    ).bookings;
    const screens = [
      'Bookings',
      'Courses',
      'Webhooks',
      'Outbox',
      'Outgoing webhooks',
      'Health',
      '#/courses/intro-typescript',
      `#/bookings/${booking!.id}`,
    ];
    for (const screen of screens) {
      if (screen.startsWith('#')) await page.evaluate((hash) => (location.hash = hash), screen);
      else await go(page, screen as 'Bookings');
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await page.addScriptTag({ content: axe });
      const violations = await page.evaluate(async () => {
        const result = await (
          window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string }> }> } }
        ).axe.run();
        return result.violations.map((v) => v.id);
      });
      expect(violations, screen).toEqual([]);
      await screenshot(page, `console-375-${screen.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`);
    }
    await close();
  });
});
