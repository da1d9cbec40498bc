import { describe, expect, it } from 'vitest';
import { useStackAndBrowser } from './browser.js';
import { backOnSite, badge, button, clickAndSignIn, press } from './site.js';

// The hosted course page (`/c/:courseId` on the backend), in Chromium against npm start's stack:
// readable with JavaScript off, and with it on, the booking journey end to end on that page.
const env = useStackAndBrowser();
const course = 'intro-typescript';

describe('the hosted course page', () => {
  it('shows the title, the price and the description with JavaScript off', async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const res = await page.goto(`${env.stack.backendUrl}/c/${course}`);
    expect(res?.status()).toBe(200);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Intro to TypeScript');
    expect(await page.locator('.price').textContent()).toBe('$49.00');
    expect(await page.locator('.price').isVisible()).toBe(true);
    expect(await page.locator('meta[property="og:title"]').getAttribute('content')).toBe('Intro to TypeScript');
    const missing = await page.goto(`${env.stack.backendUrl}/c/no-such-course`);
    expect(missing?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('There is no such course.');
    await context.close();
  });

  it('books on the page with JavaScript on: the widget takes over, signs in, pays and comes back Booked', async () => {
    const page = await (await env.browser.newContext()).newPage();
    await page.goto(`${env.stack.backendUrl}/c/${course}`);
    await clickAndSignIn(page, button(page, /^Book & Pay/, course), 'Lina Hosted');
    await page.waitForURL(/\/pay\/cs_test_/);
    await press(page, /^Pay (?!later)/);
    await backOnSite(page, env.stack.backendUrl);
    await expect.poll(() => badge(page, course).textContent()).toBe('Booked');
    // The fallback under the widget is gone once it runs: the price shows once.
    expect(await page.locator('p.price:not([part])').isVisible()).toBe(false);
    await page.context().close();
  });
});
