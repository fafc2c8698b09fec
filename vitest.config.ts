import { defineConfig } from 'vitest/config'

// Two suites: fast unit tests (msw through the injected dispatcher, golden
// tables, and every subcommand run in-process from src: test/commands) and
// e2e tests against the real Keystone + Glance stack, which run the built
// CLI and the real `glance` side by side.
export default defineConfig({
  test: {
    disableConsoleIntercept: true,
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/commands/**/*.test.ts'] } },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
