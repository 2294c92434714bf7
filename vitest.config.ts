import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

/**
 * Unit and integration tests: beside their code in shared/, intranet/, entrypoints/ and widget/,
 * plus tests/integration. Real-browser tests run under tests/e2e/vitest.config.ts after a build.
 */
export default defineConfig({
  // WXT's vitest plugin does not pick up the Preact plugin; add it here too.
  plugins: [preact()],
  test: {
    include: ['shared/**/*.test.ts', 'intranet/**/*.test.ts', 'entrypoints/**/*.test.{ts,tsx}', 'widget/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/lint/**/*.test.ts', 'tests/fixtures/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
