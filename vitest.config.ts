import { defineConfig } from 'vitest/config';

// Tests run against workspace sources (the `source` export condition), nothing built first.
const conditions = ['source'];

/**
 * Server tests that get a worker of their own: a file that replaces a module (vi.mock) needs its own module
 * registry; the bloat test pushes 21 MB through one process at once, and in a worker that had run other files
 * before it, two of its six PostgreSQL connections timed out (5 s) in every full run (not alone): see the note.
 */
const ISOLATED_SERVER_TESTS = ['server/src/db/firstRun.test.ts', 'server/src/collab/collab.bloat.test.ts'];

/**
 * Server tests that spawn, kill and restart whole server processes: each start builds a server from cold (up to
 * 30 s allowed on a loaded machine), and a test may start two, so they get a longer bound than one in-process test.
 */
const PROCESS_SERVER_TESTS = [
  'server/src/collab/collab.restart.test.ts',
  'server/src/features/auth/banner.test.ts',
  'server/src/features/timers/timers.crash.test.ts',
  'server/src/db/pg.process.test.ts',
  'server/src/scale/scale.twoProcesses.test.ts',
  'server/src/scale/scale.failover.test.ts',
];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    // Most tests wait on sockets, PostgreSQL and child processes, not on the CPU: on a 2-core machine Vitest's
    // default (one worker per core but one) runs the files one at a time. Files are isolated (own server, port,
    // schema or key prefix), so two run at once. The e2e project keeps one file at a time: its files are CPU-bound
    // (three Chromium pages with video), two at a time saved only ~10 % (648 -> 587 s), and in three clean CI runs
    // two failed a test that passes alone (a pixel-identical panel check, and a press that raced a navigation).
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'shared', include: ['shared/src/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['server/src/**/*.test.ts'],
          exclude: [...ISOLATED_SERVER_TESTS, ...PROCESS_SERVER_TESTS],
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 30_000,
          // Every file starts its own servers on its own storage and leaves nothing behind, so a worker can keep
          // the modules it has loaded: re-evaluating the server's module graph for each file took about 40 % of
          // the project's CPU time.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'server-isolated',
          include: ISOLATED_SERVER_TESTS,
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'server-process',
          include: PROCESS_SERVER_TESTS,
          globalSetup: ['server/src/test/serverBundle.ts'],
          environment: 'node',
          testTimeout: 75_000,
          hookTimeout: 75_000,
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: 'client', include: ['client/src/**/*.test.{ts,tsx}'], environment: 'jsdom' },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/src/**/*.e2e.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
