import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/web/**/*.test.ts'],
    environment: 'node',
    // Property tests run thousands of cases; the machine may be busy building.
    testTimeout: 60000,
  },
});
