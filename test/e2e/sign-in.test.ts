import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, useStackAndBrowser } from './browser.js';

// The sign-in popup across two origins: the example site (host page) on one, the backend on another.
const env = useStackAndBrowser();

/** The element's Book button: named "Book & Pay: …", or "Please wait…: …" while it works. */
const bookButton = (page: Page, course = 'intro-typescript') =>
  page.locator(`course-booking[course="${course}"]`).getByRole('button', { name: /^(Book & Pay|Please wait)/ });

async function openExample() {
  const page = await env.browser.newPage();
  await page.goto(`${env.stack.exampleUrl}/`);
  await bookButton(page).waitFor();
  return page;
}

async function signInAs(popup: Page, name: string) {
  await popup.getByLabel('Sign in as').fill(name);
  await popup.getByRole('button', { name: 'Sign in' }).click();
}

describe('sign-in through the popup', () => {
  it('hands the widget a token, and the authenticated booking call sends the student to checkout', async () => {
    const page = await openExample();
    const popupOpened = page.waitForEvent('popup');
    await bookButton(page).click();
    const popup = await popupOpened;
    expect(new URL(popup.url()).origin).toBe(env.stack.backendUrl);
    await expect.poll(() => popup.locator('.banner').textContent()).toContain('Development sign-in');
    await signInAs(popup, 'ada@example.com');
    await page.waitForURL(/\/pay\/cs_test_/);
    expect(await page.locator('body').textContent()).toContain('No money moves');
    await screenshot(page, 'sign-in-then-checkout');
    await page.close();
  });

  it('tells the student when the popup was closed, and lets them try again', async () => {
    const page = await openExample();
    const popupOpened = page.waitForEvent('popup');
    await bookButton(page).click();
    await (await popupOpened).close();
    const note = page.locator('course-booking[course="intro-typescript"]').getByRole('alert');
    await expect.poll(() => note.textContent()).toContain('Sign-in was closed');
    const retry = page.locator('course-booking[course="intro-typescript"]').getByRole('button', { name: /^Try again/ });
    expect(await retry.getAttribute('aria-disabled')).toBe('false');
    expect(await page.locator('#events [data-type="cb-error"]').first().textContent()).toContain('popup_closed');
    await page.close();
  });

  it('ignores a token from the wrong origin or with the wrong state', async () => {
    const page = await openExample();
    const popupOpened = page.waitForEvent('popup');
    await bookButton(page).click();
    const popup = await popupOpened;
    await popup.locator('#name').waitFor();
    const forged = { type: 'cb-auth', token: 'forged', expiresAt: new Date(Date.now() + 3_600_000).toISOString() };
    // Each forged message is followed by a marker from the same sender; messages from one sender
    // arrive in order, so once the marker is in, the widget has seen the forged one.
    const marker = (id: string) =>
      page.evaluate(
        (wanted) =>
          new Promise<void>((done) => window.addEventListener('message', (event) => event.data === wanted && done())),
        id,
      );
    // From the host page itself (wrong origin, not the popup), with any state.
    const fromPage = marker('marker-page');
    await page.evaluate((message) => {
      window.postMessage({ ...message, state: 'guess' }, '*');
      window.postMessage('marker-page', '*');
    }, forged);
    await fromPage;
    // From the popup, to the right origin, but with the wrong state.
    const fromPopup = marker('marker-popup');
    await popup.evaluate(
      ([message, origin]) => {
        window.opener.postMessage({ ...message, state: 'wrong' }, origin);
        window.opener.postMessage('marker-popup', origin);
      },
      [forged, env.stack.exampleUrl] as const,
    );
    await fromPopup;
    expect(await bookButton(page).getAttribute('aria-busy')).toBe('true');
    expect(await bookButton(page).getAttribute('aria-label')).toMatch(/^Please wait…: Intro to TypeScript/);
    // The real sign-in still completes: had the forged token been taken, booking would have failed with 401.
    await signInAs(popup, 'grace@example.com');
    await page.waitForURL(/\/pay\/cs_test_/);
    await page.close();
  });

  it('prompts again once the token has expired, and not before', async () => {
    const page = await env.browser.newPage();
    await page.clock.install();
    await page.goto(`${env.stack.exampleUrl}/`);
    await bookButton(page).waitFor();
    // The host keeps the page here instead of going to checkout, so the token stays in memory.
    await page.evaluate(() => document.addEventListener('cb-redirect', (event) => event.preventDefault()));
    const popupOpened = page.waitForEvent('popup');
    await bookButton(page).click();
    await signInAs(await popupOpened, 'alan@example.com');
    await expect.poll(() => page.locator('#events [data-type="cb-redirect"]').count()).toBe(1);

    let popups = 0;
    page.on('popup', () => (popups += 1));
    await bookButton(page).click();
    await expect.poll(() => page.locator('#events [data-type="cb-redirect"]').count()).toBe(2);
    expect(popups).toBe(0);

    await page.clock.fastForward('31:00');
    const again = page.waitForEvent('popup');
    await bookButton(page).click();
    const popup = await again;
    expect(new URL(popup.url()).pathname).toBe('/auth/popup');
    await page.close();
  });
});

describe('in a sandboxed frame that may open pop-ups but not move the page', () => {
  it('signs in, opens Checkout in a new tab from the click, and says Booked once paid there', async () => {
    const page = await env.browser.newPage();
    await page.goto(`${env.stack.exampleUrl}/sandboxed.html`);
    const widget = page.frameLocator('#popups').locator('course-booking[course="intro-typescript"]');
    const popupOpened = page.waitForEvent('popup');
    await widget.getByRole('button', { name: /^Book & Pay/ }).click();
    await signInAs(await popupOpened, 'framed@example.com');
    const link = widget.getByRole('link', { name: /Continue to checkout/ });
    await link.waitFor();
    expect(await link.getAttribute('target')).toBe('_blank');
    const tabOpened = page.waitForEvent('popup');
    await link.click();
    const tab = await tabOpened;
    await tab.waitForURL(/\/pay\/cs_test_/);
    expect(await tab.locator('body').textContent()).toContain('No money moves');
    await screenshot(page, 'sandboxed-frame-new-tab');
    await tab.getByRole('button', { name: /^Pay (?!later)/ }).click();
    // The frame asked after its booking meanwhile: Booked, without a reload.
    await expect.poll(() => widget.locator('.badge').textContent(), { timeout: 15_000 }).toBe('Booked');
    await screenshot(page, 'sandboxed-frame-booked');
    await Promise.all([tab.close(), page.close()]);
  });
});

describe('sign-in where pop-ups are blocked', () => {
  it('tells the student that the browser blocked the sign-in window (a sandboxed frame without allow-popups)', async () => {
    const page = await env.browser.newPage();
    await page.goto(`${env.stack.exampleUrl}/sandboxed.html`);
    const frame = page.frameLocator('#no-popups');
    await frame
      .locator('course-booking[course="intro-typescript"]')
      .getByRole('button', { name: /^Book & Pay/ })
      .click();
    const note = frame.locator('course-booking[course="intro-typescript"]').getByRole('alert');
    await expect.poll(() => note.textContent()).toContain('blocked the sign-in window');
    expect(await frame.locator('#events [data-type="cb-error"]').first().textContent()).toContain('popup_blocked');
    await page.close();
  });
});
