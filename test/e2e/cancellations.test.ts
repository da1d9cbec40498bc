import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useStackAndBrowser } from './browser.js';
import { adminPut, backOnSite, badge, button, clickAndSignIn, press, widget } from './site.js';

// A student cancels, and another moves, their own booking from the dashboard of the example site,
// against npm start's stack: the widget says the policy, the dashboard says what comes back, and
// the seats follow, date by date.
const env = useStackAndBrowser();
const course = 'wheel-weekend';
const day = 86_400_000;

beforeAll(async () => {
  const put = (path: string, body: unknown) => adminPut(env.stack, path, body);
  await put(`/courses/${course}`, {
    title: 'Wheel weekend',
    description: 'Two days at the wheel.',
    price: 12900,
    currency: 'eur',
    cancellationPolicy: {
      windows: [
        { hoursBefore: 168, refundPercent: 100 },
        { hoursBefore: 48, refundPercent: 50 },
      ],
      moveUntilHoursBefore: 24,
    },
  });
  const date = (days: number) => ({
    startsAt: new Date(Date.now() + days * day).toISOString(),
    endsAt: new Date(Date.now() + days * day + 6 * 3_600_000).toISOString(),
    timeZone: 'Europe/Berlin',
    capacity: 2,
  });
  await put(`/courses/${course}/sessions/soon`, date(5));
  await put(`/courses/${course}/sessions/later`, date(30));
});

/** Puts the course on the catalog page (the page it is on: the one Stripe sent back to), with its policy, and waits for its dates. */
async function showCourse(page: Page, navigate = true) {
  if (navigate) await page.goto(`${env.stack.exampleUrl}/`);
  await page.evaluate((id) => {
    const element = document.createElement('course-booking');
    element.setAttribute('course', id);
    element.setAttribute('policy', '');
    document.querySelector('main')!.prepend(element);
  }, course);
  await widget(page, course).locator('[part="dates"] input[type="radio"]').first().waitFor();
}

const dateLabels = (page: Page) => widget(page, course).locator('[part="dates"] label').allTextContents();

/** The course's dates as a visitor (not signed in) sees them, with their seats. */
async function visitorsLabels() {
  const page = await (await env.browser.newContext({ timezoneId: 'Europe/Berlin' })).newPage();
  await showCourse(page);
  const labels = await dateLabels(page);
  await page.context().close();
  return labels;
}

/** A new student books the soonest date and pays in the sandbox. */
async function bookSoonest(name: string) {
  const page = await (await env.browser.newContext({ timezoneId: 'Europe/Berlin' })).newPage();
  await showCourse(page);
  await widget(page, course).getByRole('radio').first().check();
  await clickAndSignIn(page, button(page, /^Book & Pay/, course), name);
  await page.waitForURL(/\/pay\/cs_test_/);
  await press(page, /^Pay (?!later)/);
  await backOnSite(page, env.stack.exampleUrl);
  await showCourse(page, false);
  await expect.poll(() => badge(page, course).textContent()).toBe('Booked');
  return page;
}

/** The student's dashboard, opened on the course's booking. */
async function bookingDetail(page: Page) {
  await page.goto(`${env.stack.exampleUrl}/bookings.html`);
  const dashboard = page.locator('booking-dashboard');
  const row = dashboard.locator('li', { hasText: 'Wheel weekend' });
  await row.getByRole('button', { name: /^Details/ }).click();
  await dashboard.getByRole('heading', { name: 'History' }).waitFor();
  return dashboard;
}

describe('cancelling and moving from the dashboard', () => {
  it('cancels within the window: says what comes back, ends Cancelled, and the seat is back in the widget', async () => {
    const page = await bookSoonest('Nora Lind');
    expect(await widget(page, course).locator('[part="policy"]').textContent()).toContain(
      'Full refund if cancelled up to 7 days before the start; 50% refund if cancelled up to 2 days before the start.',
    );
    // Its own date says Booked; a visitor sees one seat left on it.
    await expect.poll(async () => (await dateLabels(page))[0]).toContain('Booked');
    expect((await visitorsLabels())[0]).toContain('1 seat left');

    const dashboard = await bookingDetail(page);
    expect(await dashboard.locator('section').textContent()).toContain(
      'Moving to another date is possible until 1 day before the start.',
    );
    await dashboard.getByRole('button', { name: 'Cancel booking' }).click();
    expect(await dashboard.getByRole('status').first().textContent()).toBe(
      'Cancel this booking? You will get €64.50 back.',
    );
    await dashboard.getByRole('button', { name: 'Yes, cancel it' }).click();
    await expect.poll(() => dashboard.locator('.badge').first().textContent()).toBe('Cancelled');
    await expect.poll(async () => (await dashboard.locator('section').textContent())?.includes('€64.50')).toBe(true);

    await expect.poll(async () => (await visitorsLabels())[0]).toContain('2 seats left');
  });

  it('moves to another date: the old seat is freed, the new one taken, the same payment', async () => {
    const page = await bookSoonest('Ola Berg');
    const dashboard = await bookingDetail(page);
    await dashboard.getByRole('button', { name: 'Move to another date' }).click();
    const later = dashboard.getByRole('radio');
    await expect.poll(() => later.count()).toBe(1);
    await dashboard.getByRole('button', { name: 'Move my booking' }).click();
    await expect.poll(async () => (await dashboard.locator('section').textContent())?.includes('Moved to')).toBe(true);
    expect(await dashboard.locator('.badge').first().textContent()).toBe('Paid');

    // The student's own page says Booked on the new date; a visitor sees the seats follow the move.
    await showCourse(page);
    await expect
      .poll(() => dateLabels(page))
      .toEqual([expect.not.stringContaining('Booked'), expect.stringContaining('Booked')]);
    await expect
      .poll(() => visitorsLabels())
      .toEqual([expect.stringContaining('2 seats left'), expect.stringContaining('1 seat left')]);
  });
});
