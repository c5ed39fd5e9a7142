import { defineConfig } from 'vitest/config';

/**
 * Three projects: `unit` (beside the code, and test/agent: no cluster), `integration`
 * (a real API server: the cluster in KUBECONFIG, or the project's own control plane
 * started by the global setup), `build` (the production site as a reader gets it).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'test/agent/**/*.test.ts', 'test/unit/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/setup/cluster-global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'build',
          include: ['test/build/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
