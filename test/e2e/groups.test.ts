import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshot, useStackAndBrowser } from './browser.js';
import { addCourse, adminPut, backOnSite, badge, clickAndSignIn, openConsole, press, widget } from './site.js';

// Groups and waiting lists in Chromium against npm start's stack: three seats of a date bought in
// one purchase with each attendee's name and answer, seen in the dashboard and the console; then a
// sold-out date's waiting list, a seat freed by the operator's refund, the offer taken and paid.
const env = useStackAndBrowser();

/** What shows once a dated course's element has drawn its dates. */
const dates = '[part="dates"]';

const may = {
  startsAt: '2027-05-08T10:00:00+02:00',
  endsAt: '2027-05-08T16:00:00+02:00',
  timeZone: 'Europe/Berlin',
  location: 'Töpferei am Kanal, Berlin',
};

beforeAll(async () => {
  await adminPut(env.stack, '/courses/family-wheel', {
    title: 'Family Wheel',
    description: 'An afternoon at the wheel for the whole family.',
    price: 3500,
    currency: 'eur',
    maxPerOrder: 4,
    questions: [
      { id: 'diet', label: 'Dietary needs', type: 'select', options: ['none', 'vegetarian'], required: true },
    ],
  });
  await adminPut(env.stack, '/courses/family-wheel/sessions/may', { ...may, capacity: 10 });
  await adminPut(env.stack, '/courses/raku-night', {
    title: 'Raku Night',
    description: 'Firing by the fire.',
    price: 4500,
    currency: 'eur',
  });
  await adminPut(env.stack, '/courses/raku-night/sessions/june', {
    ...may,
    startsAt: '2027-06-12T18:00:00+02:00',
    endsAt: '2027-06-12T22:00:00+02:00',
    capacity: 1,
  });
});

/** A page of the example site with a course's element added (the example pages do not list it). */
async function openWithCourse(course: string): Promise<Page> {
  const page = await (await env.browser.newContext({ timezoneId: 'Europe/Berlin' })).newPage();
  await page.goto(env.stack.exampleUrl);
  await addCourse(page, course, dates);
  return page;
}

/** Pays on the sandbox's page and comes back: the element, added again, settles the return. */
async function payAndReturn(page: Page, course: string) {
  await page.waitForURL(/\/pay\/cs_test_/);
  await press(page, /^Pay (?!later)/);
  await backOnSite(page, env.stack.exampleUrl);
  await addCourse(page, course, dates);
  await expect.poll(() => badge(page, course).textContent(), { timeout: 15_000 }).toBe('Booked');
}

describe('a group', () => {
  it('buys three seats with each name and answer; the dashboard and the console show who is coming', async () => {
    const page = await openWithCourse('family-wheel');
    const element = widget(page, 'family-wheel');
    await element.getByRole('button', { name: 'One seat more' }).click();
    await element.getByRole('button', { name: 'One seat more' }).click();
    expect(await element.getByRole('spinbutton', { name: 'Seats' }).inputValue()).toBe('3');
    const book = element.getByRole('button', { name: /^Book & Pay.*3 × €35\.00/ });
    await clickAndSignIn(page, book, 'parent@example.com');
    const dialog = element.getByRole('dialog', { name: 'Who is coming?' });
    await dialog.waitFor();
    const names = ['Ada Lovelace', 'Bo Lovelace', 'Cy Lovelace'];
    for (const [i, name] of names.entries()) {
      const attendee = dialog.getByRole('group', { name: `Attendee ${i + 1}` });
      await attendee.getByLabel('Name').fill(name);
      await attendee.getByLabel('Dietary needs').selectOption(i === 1 ? 'vegetarian' : 'none');
    }
    await screenshot(page, 'groups-attendees-dialog');
    await dialog.getByRole('button', { name: 'Continue to payment' }).click();
    await payAndReturn(page, 'family-wheel');

    await page.goto(`${env.stack.exampleUrl}/bookings.html`);
    const dashboard = page.locator('booking-dashboard');
    await dashboard.getByRole('button', { name: 'Details: Family Wheel' }).click();
    // The buyer is the first attendee, their sign-in address filled in for them.
    await expect
      .poll(() => dashboard.locator('ol.attendees li').allTextContents())
      .toEqual([`${names[0]} · parent@example.com`, ...names.slice(1)]);
    expect(await dashboard.locator('.panel').textContent()).toMatch(/Seats\s*3/);
    // Cy goes by Cyrus now: changed from the dashboard, seen in the console.
    await dashboard.getByRole('button', { name: 'Change attendees' }).click();
    await dashboard.getByRole('group', { name: 'Attendee 3' }).getByLabel('Name').fill('Cyrus Lovelace');
    await dashboard.getByRole('button', { name: 'Save attendees' }).click();
    await expect.poll(() => dashboard.locator('ol.attendees li').last().textContent()).toBe('Cyrus Lovelace');

    const operator = await openConsole(env.browser, env.stack.backendUrl);
    await operator.goto(`${env.stack.backendUrl}/admin#/courses/family-wheel/sessions/may`);
    const rows = operator.locator('admin-session-attendees tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.nth(1).textContent()).toMatch(/Bo Lovelace[\s\S]*vegetarian/);
    expect(await rows.nth(2).textContent()).toContain('Cyrus Lovelace');
    await screenshot(operator, 'groups-console-attendees');
    await operator.context().close();
    await page.context().close();
  });
});

describe('a waiting list', () => {
  it('keeps a student for a sold-out date; a seat freed from the console is held for them, and they pay for it', async () => {
    const first = await openWithCourse('raku-night');
    await clickAndSignIn(
      first,
      widget(first, 'raku-night').getByRole('button', { name: /^Book & Pay/ }),
      'first@example.com',
    );
    await payAndReturn(first, 'raku-night');

    const page = await openWithCourse('raku-night');
    const element = widget(page, 'raku-night');
    await clickAndSignIn(page, element.getByRole('button', { name: /^Join the waiting list/ }), 'waiting@example.com');
    await expect
      .poll(() => element.locator('[part="waitlist"]').textContent())
      .toContain('You are number 1 on the waiting list.');

    // The operator refunds the first student: the seat goes to the one waiting.
    const operator = await openConsole(env.browser, env.stack.backendUrl);
    await operator.getByRole('searchbox', { name: 'Search' }).fill('first@example.com');
    await operator.getByRole('button', { name: 'Apply' }).click();
    await operator
      .locator('admin-bookings tbody tr')
      .filter({ hasText: 'first@example.com' })
      .getByRole('link')
      .click();
    await operator.getByRole('button', { name: 'Refund…', exact: true }).click();
    await operator.getByRole('button', { name: 'Yes, refund' }).click();
    await expect
      .poll(() => operator.locator('admin-booking .status').first().textContent(), { timeout: 15_000 })
      .toBe('Refunded');
    // The seat is offered just after the refund (in the background): the operator refreshes the
    // list until the offer is there.
    await operator.goto(`${env.stack.backendUrl}/admin#/courses/raku-night/sessions/june`);
    const list = operator.locator('admin-waitlist');
    await expect
      .poll(
        async () => {
          await list.getByRole('button', { name: 'Refresh' }).click();
          return list.locator('tbody tr').first().textContent();
        },
        { timeout: 15_000 },
      )
      .toMatch(/waiting@example\.com[\s\S]*held until/);
    await screenshot(operator, 'waitlist-console-offer');

    // Back on the page (as the offer's email links to it): the held seat, ready to pay.
    await page.reload();
    await addCourse(page, 'raku-night', dates);
    await expect
      .poll(() => element.locator('[part="waitlist"]').textContent(), { timeout: 15_000 })
      .toContain('A seat is held for you until');
    await screenshot(page, 'waitlist-offer-held');
    await element.locator('[part="button"]').click();
    await payAndReturn(page, 'raku-night');
    await operator.context().close();
    await first.context().close();
    await page.context().close();
  });
});
