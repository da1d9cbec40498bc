import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { chromiumArgs, chromiumPath } from '../../scripts/lib/chromium.mjs';
import { startTestStack } from '../../scripts/lib/test-stack.mjs';

/** Where each final state is saved as a picture (git-ignored). */
export const screenshots = resolve(import.meta.dirname, '../../test-results');

/** Launches Debian's Chromium headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}

/** Saves a page's picture under test-results/. */
export function screenshot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

/**
 * Starts the product stack (sandbox mode, its own database) and Chromium for this test file, and
 * stops both afterwards. Read the returned object's fields inside tests.
 */
export function useStackAndBrowser() {
  const context = {} as { stack: Awaited<ReturnType<typeof startTestStack>>; browser: Browser };
  beforeAll(async () => {
    context.stack = await startTestStack({ ...process.env });
    context.browser = await launchChromium();
    await mkdir(screenshots, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await context.browser?.close();
    await context.stack?.stop();
  });
  return context;
}
