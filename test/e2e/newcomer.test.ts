import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, useStackAndBrowser } from './browser.js';
import { backOnSite, badge, button, clickAndSignIn, press, status, widget } from './site.js';

// What a newcomer tripped over, walked through again in Chromium with real key presses: seat
// counts a browser kept, the dialog a keyboard could leave, what the popup and the pay page say.
const env = useStackAndBrowser();

/** Opens a page of the example site and waits for its prices. */
async function open(path = '/', viewport?: { width: number; height: number }) {
  const page = await env.browser.newPage(viewport ? { viewport } : {});
  await page.goto(`${env.stack.exampleUrl}${path}`);
  await widget(page).locator('[part="price"]').waitFor();
  return page;
}

/** Where focus is: the dialog's part, the frame, or the booking element's own part. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    const dialog = document.querySelector('dialog.cb-embedded-checkout');
    if (dialog?.contains(active)) return active?.tagName === 'IFRAME' ? 'frame' : `dialog ${active?.tagName}`;
    const inner = active?.shadowRoot?.activeElement;
    return inner ? `${active!.tagName.toLowerCase()} .${inner.className}` : (active?.tagName ?? 'none');
  });

describe('seat counts', () => {
  it('are fresh after a sale in another browser: the reload says Sold out, with no seat count', async () => {
    const watcher = await open();
    const seats = widget(watcher, 'glaze-lab').locator('[part="seats"]');
    await expect.poll(() => seats.textContent()).toBe('3 seats left');
    // Three other students take the three seats (a checkout holds its seat).
    for (const name of ['seat-1@example.com', 'seat-2@example.com', 'seat-3@example.com']) {
      const other = await open();
      await clickAndSignIn(other, button(other, /^Book & Pay/, 'glaze-lab'), name);
      await other.waitForURL(/\/pay\/cs_test_/);
      await other.close();
    }
    await watcher.goto(`${env.stack.exampleUrl}/`);
    await expect.poll(() => status(watcher, 'glaze-lab').textContent()).toBe('Sold out');
    expect(await seats.count()).toBe(0);
    await watcher.close();
  });
});

describe('the embedded checkout dialog', () => {
  // Once in a few loaded runs the sandbox's cross-process frame stalls a key press for the whole
  // test's time (never seen alone): one retry, on a fresh page, tells that from a real failure.
  it(
    'keeps focus inside, closes on Escape from inside the checkout frame, and completes on the page, focusing the booked status',
    { retry: 1 },
    async () => {
      const page = await open('/embedded.html');
      await clickAndSignIn(page, button(page, /^Book & Pay/), 'keyboard@example.com');
      const dialog = page.locator('dialog.cb-embedded-checkout');
      await dialog.waitFor();
      const frame = dialog.frameLocator('iframe');
      await frame.getByRole('button', { name: /^Pay (?!later)/ }).waitFor();
      expect(await focused(page)).toBe('dialog BUTTON');
      // Tab and Shift+Tab, well past both ends: focus never reaches the page behind. (Leaving the
      // checkout's frame, which runs in a process of its own, focus passes the page's body for a
      // moment on its way to the dialog's next stop: where it settles is what counts.)
      const inDialog = /^(dialog BUTTON|frame)$/;
      for (let i = 0; i < 12; i += 1) {
        await page.keyboard.press('Tab');
        await expect.poll(() => focused(page)).toMatch(inDialog);
      }
      for (let i = 0; i < 12; i += 1) {
        await page.keyboard.press('Shift+Tab');
        await expect.poll(() => focused(page)).toMatch(inDialog);
      }
      // Escape from a field inside the frame closes the dialog; focus returns to the button.
      await frame.getByLabel('Promotion code').focus();
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.count()).toBe(0);
      await expect.poll(() => focused(page)).toBe('course-booking .');

      await page.keyboard.press('Enter');
      await dialog.waitFor();
      // Paying completes on the page (Stripe's onComplete; the sandbox's frame says so): no reload.
      await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
      await frame.getByRole('button', { name: /^Pay (?!later)/ }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => badge(page).textContent()).toBe('Booked');
      expect(await dialog.count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
      expect(await page.locator('#events [data-type="cb-paid"]').count()).toBe(1);
      await expect.poll(() => focused(page)).toBe('course-booking .note');
      expect(await status(page).textContent()).toBe('Payment received. You are booked.');
      await page.close();
    },
  );
});

describe('signing in and paying', () => {
  it('the popup names the course and the site; a code applied on the pay page lowers the Pay button and the booked card says what was paid', async () => {
    const page = await open();
    const popupOpened = page.waitForEvent('popup');
    await button(page, /^Book & Pay/).click();
    const popup = await popupOpened;
    const site = new URL(env.stack.exampleUrl).host;
    await expect.poll(() => popup.locator('.context').textContent()).toBe(`For Intro to TypeScript on ${site}`);
    await popup.getByLabel('Sign in as').fill('promo@example.com');
    const closed = popup.waitForEvent('close');
    await popup.getByRole('button', { name: 'Sign in' }).click();
    await closed;
    await page.waitForURL(/\/pay\/cs_test_/);

    const code = page.getByLabel('Promotion code');
    await code.fill('SANDBOX11');
    await press(page, /^Apply/);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not valid');
    expect(await code.inputValue()).toBe('SANDBOX11');
    await code.fill('SANDBOX10');
    await press(page, /^Apply/);
    await page.getByRole('button', { name: 'Pay $44.10' }).waitFor();
    await screenshot(page, 'pay-page-code-applied');
    await press(page, /^Pay \$44\.10/);
    await backOnSite(page, env.stack.exampleUrl);
    await expect.poll(() => badge(page).textContent()).toBe('Booked');
    await expect.poll(() => widget(page).locator('[part="price"]').textContent()).toBe('Paid $44.10');
    await page.close();
  });
});

describe('the example site', () => {
  it.each([
    ['fr', 'Réserver et payer', '49,00 $US', 'Catalogue'],
    ['es', 'Reservar y pagar', '49,00 US$', 'Catálogo'],
    ['ja', '予約して支払う', '$49.00', 'カタログ'],
    ['de', 'Buchen & bezahlen', '49,00 $', 'Katalog'],
  ])('has a %s page: the widgets and the site itself speak it', async (lang, book, price, catalog) => {
    const page = await open(`/${lang}.html`);
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    const shown = async () => (await widget(page).locator('[part="price"]').textContent())?.replace(/\s/g, ' ');
    await expect.poll(shown).toBe(price);
    expect(await widget(page).locator('[part="button"]').textContent()).toContain(book);
    expect(await page.locator('nav a').first().textContent()).toBe(catalog);
    expect(await page.locator('nav a[hreflang]').count()).toBe(4);
    await page.close();
  });

  it('sizes the sandboxed frames to their pages: no card is cut off', async () => {
    const page = await env.browser.newPage();
    await page.goto(`${env.stack.exampleUrl}/sandboxed.html`);
    for (const id of ['no-popups', 'popups']) {
      const frame = page.frameLocator(`#${id}`);
      await frame.locator('course-booking[course="open-day"] [part="price"]').waitFor();
      await expect
        .poll(() =>
          page.locator(`#${id}`).evaluate((el: HTMLIFrameElement) => {
            const last = el.contentDocument!.querySelector('course-booking[course="open-day"]')!;
            return last.getBoundingClientRect().bottom <= el.clientHeight;
          }),
        )
        .toBe(true);
    }
    await page.close();
  });

  it('keeps the next row still when a card turns Booked', async () => {
    const page = await open();
    const nextRow = async () => (await widget(page, 'glaze-lab').boundingBox())!.y;
    await widget(page, 'glaze-lab').locator('[part="price"]').waitFor();
    const before = await nextRow();
    await clickAndSignIn(page, button(page, /^Book & Pay/, 'tokyo-photo-walk'), 'row@example.com');
    await page.waitForURL(/\/pay\/cs_test_/);
    await press(page, /^Pay (?!later)/);
    await backOnSite(page, env.stack.exampleUrl);
    await expect.poll(() => badge(page, 'tokyo-photo-walk').textContent()).toBe('Booked');
    expect(await status(page, 'tokyo-photo-walk').textContent()).toBe('Payment received. You are booked.');
    expect(await nextRow()).toBe(before);
    await page.close();
  });
});
