import { defineConfig } from 'vitest/config';

/**
 * Three projects, one run (`pnpm test` runs them all):
 * - `unit`: the tests next to the code in packages/ and apps/, and the import rules (tests/architecture.test.ts)
 *   (no server, no browser; `pnpm test:unit`, seconds);
 * - `integration`: tests/ without the browser (the real app on a real SQLite file, a real SMTP server);
 * - `browser`: tests/browser (Debian's chromium against the built web client; `pnpm build` first).
 */
/** One seeded database per kind and run, copied for each test app (tests/helpers/test-app.ts). */
const SEEDED_TEMPLATES = 'tests/helpers/global-setup.ts';
/** One chromium per run, each browser test file connecting to it (tests/browser/browser.ts). */
const SHARED_CHROMIUM = 'tests/browser/global-setup.ts';

const shared = {
  exclude: ['**/node_modules/**', '**/dist/**'],
  testTimeout: 30_000,
  hookTimeout: 60_000,
  pool: 'forks' as const,
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'tests/architecture.test.ts'],
        },
      },
      {
        test: {
          ...shared,
          name: 'integration',
          include: ['tests/**/*.test.ts'],
          exclude: [...shared.exclude, 'tests/browser/**', 'tests/architecture.test.ts'],
          globalSetup: [SEEDED_TEMPLATES],
        },
      },
      { test: { ...shared, name: 'browser', include: ['tests/browser/**/*.test.ts'], globalSetup: [SEEDED_TEMPLATES, SHARED_CHROMIUM] } },
    ],
  },
});
