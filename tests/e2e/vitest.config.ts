import { defineConfig } from 'vitest/config';

/**
 * Real-browser tests: Debian's Chromium driven by playwright-core, the built extension loaded
 * unpacked, the widget on pages served by the real reference intranet. Run after `npm run build`.
 * Files run one at a time: two cores cannot host several Chromiums and a server without flakiness.
 */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
