import { defineConfig } from 'vitest/config';

/**
 * Unit tests sit beside the code (src/**) or under test/unit; tests that need a real
 * API server live under test/integration and run after the cluster global setup;
 * browser tests under test/e2e.
 */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['node_modules', 'build', '.docusaurus'],
    testTimeout: 30_000,
  },
});
