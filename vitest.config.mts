import { defineConfig } from 'vitest/config';

/**
 * Four projects: `unit` (beside the code, and test/agent: no cluster), `integration`
 * (a real API server: the cluster in KUBECONFIG, or the project's own control plane
 * started by the global setup), `build` (the production site as a reader gets it),
 * `e2e` (that site in Debian's Chromium, with the agent against the real API server).
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
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/setup/cluster-global-setup.ts', 'test/e2e/global-setup.ts'],
          // One browser at a time, after the other projects: the labs' namespaces (d2-lab, d5-lab) and the 2 cores are shared.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
      {
        test: {
          name: 'build',
          include: ['test/build/**/*.test.ts'],
          globalSetup: ['test/build/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
