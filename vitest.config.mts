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
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
