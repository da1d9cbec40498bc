import { defineConfig } from 'vitest/config';

// After the server suite: checks every query it recorded against the declared indexes.
export default defineConfig({
  test: {
    include: ['test/index-use/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
