import { defineConfig } from 'vitest/config';

/**
 * Real-browser tests: Debian's Chromium driven by playwright-core, the built extension loaded
 * unpacked, the widget on pages served by the real reference intranet. Run after `npm run build`.
 * Files run one at a time with this config (a single file, `npm run chaos`); `npm run test:e2e`
 * (scripts/test-e2e.mjs) runs two such processes side by side (the extension files, the page files), then the
 * timing-sensitive files alone.
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
