import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@grants\/([^/]+)$/, replacement: resolve(import.meta.dirname, 'libs/$1/src/index.ts') },
    ],
  },
  test: {
    include: [
      'libs/**/*.spec.ts',
      'migrations/**/*.spec.ts',
      'libs/**/*.int-spec.ts',
      'apps/**/*.spec.ts',
      'test/**/*.e2e-spec.ts',
      'tools/**/*.spec.ts',
      'bench/**/*.spec.ts',
    ],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['reflect-metadata'],
    pool: 'forks',
    // Vitest leaves a core free by default, which on a two-core machine runs the files one at a time; the
    // end-to-end files mostly wait on PostgreSQL, Redis and Chromium, so two at once nearly halve the run.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
