import { defineConfig } from 'vitest/config';

// End-to-end: the real `npm start` stack in Debian's Chromium, one file at a time.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
