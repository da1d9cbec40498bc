import type { Browser, Locator, Page } from 'playwright-core';

// How the end-to-end journeys reach into the example site: its widgets, their parts, the sign-in popup.

/** A `<course-booking>` on the page. */
export const widget = (page: Page, course = 'intro-typescript') => page.locator(`course-booking[course="${course}"]`);
export const button = (page: Page, name: RegExp, course?: string) => widget(page, course).getByRole('button', { name });
export const status = (page: Page, course?: string) => widget(page, course).locator('[part="status"]');
export const badge = (page: Page, course?: string) => widget(page, course).locator('.badge');
/** Presses a button on the page itself (the sandbox pay page). */
export const press = (page: Page, name: RegExp) => page.getByRole('button', { name }).click();
/** How many widget events of a type the example site's event panel logged. */
export const eventCount = (page: Page, type: string) => page.locator(`#events [data-type="${type}"]`).count();

/** Collects what the page prints to its console as errors (refused requests included), from now on. */
export function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Clicks, signs in through the popup as `name`, and waits for the popup to close. */
export async function clickAndSignIn(page: Page, target: Locator, name: string) {
  const popupOpened = page.waitForEvent('popup');
  await target.click();
  const popup = await popupOpened;
  await popup.getByLabel('Sign in as').fill(name);
  const closed = popup.waitForEvent('close');
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await closed;
}

/** Waits until the page is back on the example site. */
export const backOnSite = (page: Page, exampleUrl: string) =>
  page.waitForURL((url) => url.origin === new URL(exampleUrl).origin);

/** Puts something through the operator API of the stack (a course, a date): `PUT /api/admin<path>`. */
export async function adminPut(stack: { backendUrl: string; adminApiKey: string }, path: string, body: unknown) {
  const res = await fetch(`${stack.backendUrl}/api/admin${path}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${stack.adminApiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
}

/** Adds a course's element at the top of the example page (its pages do not list every course), and waits for `ready` in it. */
export async function addCourse(page: Page, course: string, ready = '[part="price"]'): Promise<void> {
  await page.evaluate((id) => {
    const element = document.createElement('course-booking');
    element.setAttribute('course', id);
    document.querySelector('main')!.prepend(element);
  }, course);
  await widget(page, course).locator(ready).first().waitFor();
}

/** The operator console in a context of its own, signed in by development sign-in as `admin`. */
export async function openConsole(
  browser: Browser,
  backendUrl: string,
  viewport = { width: 1200, height: 900 },
): Promise<Page> {
  const page = await (await browser.newContext({ viewport, deviceScaleFactor: 1 })).newPage();
  await page.goto(`${backendUrl}/admin`);
  await page.getByLabel('Name').fill('admin');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Bookings' }).waitFor();
  return page;
}
