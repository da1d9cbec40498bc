// Debian's Chromium, headless, as the tests launch it on a machine with no outside network.

/** The Chromium executable: CHROMIUM_PATH, or Debian's. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags that keep Chromium from reaching for the network or a GPU; --no-sandbox for root in CI.
 * Test files run two at a time, each in its own page: a page in the background must keep its
 * timers and frames running, or a test that polls waits for minutes (seen in CI).
 */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
];
