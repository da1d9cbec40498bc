import { beforeAll, describe, expect, it } from 'vitest';
import { screenshot, useStackAndBrowser } from './browser.js';
import { addCourse, adminPut, backOnSite, badge, press, widget } from './site.js';

// The confirmation email, end to end in Chromium against npm start's stack: a date booked and paid
// on the German page of the example site, then read in the local inbox the start command prints,
// in German, with the date in the session's zone.
const env = useStackAndBrowser();

beforeAll(async () => {
  const put = (path: string, body: unknown) => adminPut(env.stack, path, body);
  await put('/courses/glaze-day', {
    title: 'Glasurtag',
    description: 'Ein Tag am Ofen.',
    price: 6500,
    currency: 'eur',
  });
  await put('/courses/glaze-day/sessions/may', {
    startsAt: '2027-05-08T10:00:00+02:00',
    endsAt: '2027-05-08T15:00:00+02:00',
    timeZone: 'Europe/Berlin',
    location: 'Töpferei am Kanal, Berlin',
    capacity: 6,
  });
});

describe('the confirmation email', () => {
  it('arrives in the inbox once paid, in the page’s language, with the date in Berlin time and the calendar file', async () => {
    const page = await (await env.browser.newContext({ timezoneId: 'Europe/Berlin' })).newPage();
    await page.goto(`${env.stack.exampleUrl}/de.html`);
    await addCourse(page, 'glaze-day', '[part="dates"] input[type="radio"]');
    const element = widget(page, 'glaze-day');
    await element.getByRole('radio').first().check();
    const popupOpened = page.waitForEvent('popup');
    await element.getByRole('button', { name: /^Buchen & bezahlen/ }).click();
    const popup = await popupOpened;
    await popup.getByLabel('Anmelden als').fill('Mira Keller');
    const closed = popup.waitForEvent('close');
    await popup.getByRole('button', { name: 'Anmelden' }).click();
    await closed;
    await page.waitForURL(/\/pay\/cs_test_/);
    await press(page, /^Bezahlen 65,00/);
    await backOnSite(page, env.stack.exampleUrl);
    await addCourse(page, 'glaze-day', '[part="dates"] input[type="radio"]');
    await expect.poll(() => badge(page, 'glaze-day').textContent()).toBe('Gebucht');

    const inbox = await (await env.browser.newContext()).newPage();
    expect(env.stack.inboxUrl).toMatch(/\/inbox$/);
    const subject = 'Buchung bestätigt: Glasurtag';
    await expect
      .poll(
        async () => {
          await inbox.goto(env.stack.inboxUrl!);
          return inbox.getByRole('link', { name: subject }).count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    expect(await inbox.locator('tr', { hasText: subject }).textContent()).toContain('mira-keller@example.test');
    await inbox.getByRole('link', { name: subject }).click();
    await inbox.getByRole('heading', { name: subject }).waitFor();
    const text = await inbox.locator('pre').textContent();
    expect(text).toContain('Wann: 8. Mai 2027, 10:00–15:00 Uhr MESZ (Europe/Berlin)');
    expect(text).toContain('Wo: Töpferei am Kanal, Berlin');
    expect(text).toMatch(/Bezahlt: 65,00\s€/);
    expect(await inbox.getByRole('link', { name: 'booking.ics' }).count()).toBe(1);
    // The HTML part, as a reader's mail program shows it.
    const email = inbox.frameLocator('iframe[title="The email as HTML"]');
    await expect.poll(() => email.getByRole('link', { name: 'Ihre Buchungen' }).count()).toBe(1);
    await screenshot(inbox, 'mail-confirmation-de');
    await inbox.context().close();
    await page.context().close();
  });
});
