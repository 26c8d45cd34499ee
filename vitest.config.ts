import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    // An unhandled error fails the run; server/testing/fail-on-unhandled.ts also fails the test it happened in.
    dangerouslyIgnoreUnhandledErrors: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{server,db,components}/**/*.unit.test.ts'],
          environment: 'node',
          setupFiles: ['server/testing/fail-on-unhandled.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'int',
          include: ['{server,db}/**/*.int.test.ts'],
          environment: 'node',
          setupFiles: ['server/testing/fail-on-unhandled.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Integration tests start brokers and databases; run files one at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
