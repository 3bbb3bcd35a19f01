import { defineConfig } from 'vitest/config';
import { reactIsPreact } from './vite.config.ts';

/**
 * Tests by kind: fast pure ones, real servers and sockets, real browsers. Every kind runs with
 * Object.prototype sealed, as the server does (server/security/tripwire.ts): code that adds to it
 * fails here first.
 */
const setupFiles = ['tests/support/tripwire.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        // The client's stores run on Preact here as in the build; zustand is compiled with them so it finds it.
        resolve: { alias: reactIsPreact },
        test: {
          server: { deps: { inline: [/zustand/] } },
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/property/**/*.test.ts'],
          environment: 'node',
          setupFiles,
          // Whole seating plans take seconds on a loaded two-core machine; a test waits, it is not timed.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          setupFiles,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          // Polls wait for what a person would wait for; a busy two-core machine plans seatings slowly.
          expect: { poll: { timeout: 15_000 } },
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          setupFiles,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser at a time: these machines have two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
