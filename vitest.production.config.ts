import { defineConfig } from 'vitest/config';

// The compiled server as an operator runs it: production dependencies only, NODE_ENV=production.
export default defineConfig({
  test: {
    include: ['test/production/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 300_000,
  },
});
