import { defineConfig } from 'vitest/config'

/**
 * e2e files that compare listings of server-wide state (every image demo
 * sees, usage counts, every namespace, also page by page, every task, the
 * image cache) or load the stack's sqlite hard enough to fail other suites'
 * writes. They run one by one after all other e2e files are done, so
 * nothing else changes the server under them.
 */
const SERIAL_E2E = [
  'test/e2e/parity.server-wide.test.ts',
  'test/e2e/parity.tasks.test.ts',
  'test/e2e/parity.cache.test.ts',
  'test/e2e/sdk.metadefs.test.ts',
  'test/e2e/auth.test.ts',
  'test/e2e/load.test.ts',
  // Twenty concurrent callers for minutes: it would slow a parallel file past its timeouts.
  'test/e2e/sdk.soak.test.ts',
]

const e2e = { testTimeout: 120_000, hookTimeout: 180_000 }

// Three suites: fast unit tests (msw through the injected dispatcher, golden
// tables, and every subcommand run in-process from src: test/commands) and two of e2e tests against the real Keystone + Glance stack,
// which run the built CLI and the real `glance` side by side. `e2e` runs two
// files at a time (most of a file's time is one CPU-bound Python `glance`
// after another, so a second worker uses the second core; every file keeps
// to its own images and namespaces); then `e2e-serial` runs its files alone.
// Run both with `--project 'e2e*'`, or one file with `npx vitest run <file>`.
export default defineConfig({
  test: {
    disableConsoleIntercept: true,
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/commands/**/*.test.ts'] } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], exclude: SERIAL_E2E, ...e2e, maxWorkers: 2, sequence: { groupOrder: 1 } } },
      { test: { name: 'e2e-serial', include: SERIAL_E2E, ...e2e, fileParallelism: false, sequence: { groupOrder: 2 } } },
    ],
  },
})
