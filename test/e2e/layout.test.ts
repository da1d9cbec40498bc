import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useStackAndBrowser } from './browser.js';

// Layout shift when <course-booking> appears, measured by Chromium (the Layout Instability API) on
// a page with content below the widget, while widget.js arrives late: with the README's one-line
// CSS the box is reserved before the script runs, and nothing moves.
const env = useStackAndBrowser();

/** The README's snippet, as a site owner pastes it. */
const snippet = 'course-booking:not(:defined) { display: block; min-height: calc(9em + 2px); }';

function hostPage(withSnippet: boolean, widgets = 1): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<style>body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem; } ${withSnippet ? snippet : ''}</style>
<script type="module" src="${env.stack.backendUrl}/widget.js"></script></head>
<body><h1>Courses</h1>${'<course-booking course="intro-typescript"></course-booking>'.repeat(widgets)}
<p id="below">Content below the widget, which must not move when it loads.</p></body></html>`;
}

/** Serves the test page (with `widgets` elements) and passes the backend's answers through, widget.js `delayMs` late. */
async function serve(page: Page, withSnippet: boolean, { widgets = 1, delayMs = 500 } = {}) {
  // The backend's answers pass through the test (a page fulfilled here counts as public to Chromium,
  // which keeps it from loopback addresses); widget.js is held back half a second.
  await page.route(`${env.stack.backendUrl}/**`, async (route) => {
    if (route.request().url().endsWith('/widget.js')) await new Promise((r) => setTimeout(r, delayMs));
    // The checkout code may still be on its way when the test closes the page: nothing to answer then.
    await route
      .fetch()
      .then((response) => route.fulfill({ response }))
      .catch(() => undefined);
  });
  await page.route(`${env.stack.exampleUrl}/layout-test.html`, (route) =>
    route.fulfill({ contentType: 'text/html', body: hostPage(withSnippet, widgets) }),
  );
}

/** Opens the page with widget.js held back a moment, waits for the price, and sums its layout shifts. */
async function layoutShift(page: Page, withSnippet: boolean): Promise<number> {
  await serve(page, withSnippet);
  await page.addInitScript(() => {
    const shifts = ((window as unknown as { shifts: number }).shifts = 0);
    void shifts;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
        if (!entry.hadRecentInput) (window as unknown as { shifts: number }).shifts += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(`${env.stack.exampleUrl}/layout-test.html`);
  await page.locator('course-booking [part="price"]').waitFor();
  await page.waitForTimeout(300);
  return page.evaluate(() => (window as unknown as { shifts: number }).shifts);
}

describe('layout shift as the widget loads', () => {
  it('moves the content below when the page has no reserved box', async () => {
    const page = await env.browser.newPage();
    expect(await layoutShift(page, false)).toBeGreaterThan(0);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.close();
  });

  it("moves nothing with the README's one-line CSS, before and after widget.js runs", async () => {
    const page = await env.browser.newPage();
    expect(await layoutShift(page, true)).toBe(0);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.close();
  });
});

describe('requests before the price shows', () => {
  it('are two, the script and the course, for ten elements of one course', async () => {
    const page = await env.browser.newPage();
    await serve(page, true, { widgets: 10, delayMs: 0 });
    const requests: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(env.stack.backendUrl)) requests.push(new URL(request.url()).pathname);
    });
    await page.goto(`${env.stack.exampleUrl}/layout-test.html`);
    await expect.poll(() => page.locator('course-booking [part="price"]').count()).toBe(10);
    const beforePrice = [...requests];
    expect(beforePrice.slice(0, 2)).toEqual(['/widget.js', '/api/courses/intro-typescript']);
    // Anything after those two is the checkout code, loaded once the price is there.
    expect(beforePrice.slice(2).every((path) => path.startsWith('/chunks/'))).toBe(true);
    expect(beforePrice.filter((path) => path.startsWith('/api/'))).toHaveLength(1);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.close();
  });
});
