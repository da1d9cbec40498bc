import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshot, useStackAndBrowser } from './browser.js';
import { addCourse, backOnSite, badge, clickAndSignIn, openConsole, press, widget } from './site.js';

// A course sold on dates, in Chromium against npm start's stack: the dates in the page's language
// and the session's own zone to a reader in Tokyo, across Berlin's change to summer time; a date
// picked, paid, shown in the dashboard and in a calendar file; moved and then cancelled from the
// console, and the dashboard following each time.
const env = useStackAndBrowser();

const admin = async (path: string, body?: unknown, method = body === undefined ? 'GET' : 'PUT') => {
  const res = await fetch(`${env.stack.backendUrl}/api/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${env.stack.adminApiKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
};

/** A Berlin session of a day, 10:00 to 16:00 in Berlin, with its offset that day. */
const berlinDay = (day: string, offset: '+01:00' | '+02:00', capacity = 5) => ({
  startsAt: `${day}T10:00:00${offset}`,
  endsAt: `${day}T16:00:00${offset}`,
  timeZone: 'Europe/Berlin',
  location: 'Töpferei am Kanal, Berlin',
  capacity,
});

beforeAll(async () => {
  await admin('/courses/kiln-days', {
    title: 'Kiln Days',
    description: 'A day at the kiln.',
    price: 8900,
    currency: 'eur',
  });
  // The Saturday before the change to summer time (27 March 2027), and the Sunday after it.
  await admin('/courses/kiln-days/sessions/before-change', berlinDay('2027-03-27', '+01:00'));
  await admin('/courses/kiln-days/sessions/after-change', berlinDay('2027-03-28', '+02:00'));
});

/** Opens a page of the example site with the dated course added, in a browser whose clock runs in `timezoneId`. */
async function openWithCourse(path: string, timezoneId = 'Europe/Berlin'): Promise<Page> {
  const context = await env.browser.newContext({ timezoneId });
  const page = await context.newPage();
  await page.goto(`${env.stack.exampleUrl}${path}`);
  await addDates(page);
  return page;
}

/** Adds the dated course's element (the example pages do not list it), and waits for its dates. */
const addDates = (page: Page) => addCourse(page, 'kiln-days', '[part="dates"] input[type="radio"]');

const dateLabels = (page: Page) => widget(page, 'kiln-days').locator('[part="dates"] label').allTextContents();

describe('dates in the reader’s language, in the session’s zone', () => {
  // Berlin 10:00 is 18:00 in Tokyo before the change and 17:00 after it.
  const pages = [
    {
      path: '/',
      before: /Sat, Mar 27, 2027, 10:00 AM (CET|GMT\+1).*\(06:00 PM GMT\+9\)/,
      after: /Sun, Mar 28, 2027, 10:00 AM (CEST|GMT\+2).*\(05:00 PM GMT\+9\)/,
    },
    {
      path: '/de.html',
      before: /Sa\., 27\. März 2027, 10:00 (MEZ|GMT\+1).*\(18:00 (GMT\+9|JST)\)/,
      after: /So\., 28\. März 2027, 10:00 (MESZ|GMT\+2).*\(17:00 (GMT\+9|JST)\)/,
    },
    {
      path: '/ja.html',
      before: /2027年3月27日\(土\) 10:00 (GMT\+1|中部ヨーロッパ標準時).*\(18:00 (JST|GMT\+9)\)/,
      after: /2027年3月28日\(日\) 10:00 (GMT\+2|中部ヨーロッパ夏時間).*\(17:00 (JST|GMT\+9)\)/,
    },
  ];
  for (const { path, before, after } of pages) {
    it(`shows Berlin’s wall-clock time, the zone named, and Tokyo’s beside it on ${path}`, async () => {
      const page = await openWithCourse(path, 'Asia/Tokyo');
      const [first, second] = await dateLabels(page);
      expect(first).toMatch(before);
      expect(second).toMatch(after);
      await screenshot(page, `dates-tokyo-${path.replace(/\W/g, '') || 'en'}`);
      await page.context().close();
    });
  }

  it('shows one time, the zone named, to a reader in Berlin', async () => {
    const page = await openWithCourse('/');
    const [first] = await dateLabels(page);
    expect(first).toMatch(/^Sat, Mar 27, 2027, 10:00 AM (CET|GMT\+1)/);
    expect(first).not.toContain('GMT+9');
    await page.context().close();
  });
});

describe('a date picked, paid, moved and cancelled', () => {
  it('pays for a date; the dashboard shows it and its calendar file; the console moves it, then cancels it, and the dashboard follows', async () => {
    const ICAL = (await import('ical.js')).default;
    const page = await openWithCourse('/');
    const element = widget(page, 'kiln-days');
    await element.getByRole('radio', { name: /Mar 28/ }).check();
    await clickAndSignIn(page, element.getByRole('button', { name: /^Book & Pay.*March 28/ }), 'dated@example.com');
    await page.waitForURL(/\/pay\/cs_test_/);
    await press(page, /^Pay (?!later)/);
    await backOnSite(page, env.stack.exampleUrl);
    // Back on the page Stripe returned to: its element, added again, settles the return.
    await addDates(page);
    await expect.poll(() => badge(page, 'kiln-days').textContent()).toBe('Booked');

    // The dashboard: the date, the place, and the calendar file with the same instant.
    await page.goto(`${env.stack.exampleUrl}/bookings.html`);
    const dashboard = page.locator('booking-dashboard');
    const row = dashboard.locator('li', { hasText: 'Kiln Days' });
    await expect.poll(() => row.locator('.when').textContent()).toMatch(/Sun, Mar 28, 2027, 10:00 AM (CEST|GMT\+2)/);
    expect(await row.textContent()).toContain('Töpferei am Kanal, Berlin');
    const download = page.waitForEvent('download');
    await row.getByRole('button', { name: 'Add to calendar: Kiln Days' }).click();
    const file = await readFile((await (await download).path())!, 'utf8');
    const calendar = new ICAL.Component(ICAL.parse(file));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.startDate.toJSDate().toISOString()).toBe('2027-03-28T08:00:00.000Z');

    // The operator moves the booking to the Saturday from the console; the dashboard follows.
    const operator = await openConsole(env.browser, env.stack.backendUrl);
    await operator.goto(`${env.stack.backendUrl}/admin#/courses/kiln-days/sessions/after-change`);
    await operator.getByRole('button', { name: 'Move dated@example.com' }).click();
    await expect.poll(() => operator.getByRole('status').first().textContent()).toContain('Moved dated@example.com');
    await page.reload();
    await expect.poll(() => row.locator('.when').textContent()).toMatch(/Sat, Mar 27, 2027, 10:00 AM (CET|GMT\+1)/);

    // The operator cancels the Saturday: the booking is refunded and says who cancelled it.
    await operator.goto(`${env.stack.backendUrl}/admin#/courses/kiln-days`);
    await operator.getByRole('button', { name: 'Cancel before-change' }).click();
    await operator.getByRole('button', { name: 'Yes, cancel the date' }).click();
    await expect
      .poll(() => operator.getByRole('status').last().textContent(), { timeout: 15_000 })
      .toContain('1 bookings ended, 1 refunded in full');
    await page.reload();
    await expect.poll(() => row.locator('.badge').textContent()).toBe('Cancelled by the organiser');
    await screenshot(page, 'dates-cancelled-by-organiser');
    await operator.context().close();
    await page.context().close();
  });
});
