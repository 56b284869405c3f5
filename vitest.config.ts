// Two tiers, each of which runs alone (`npm run test:unit`, `npm run test:integration`); `npm test`
// runs both. The unit tier runs in this process only: no emulator, no browser, no process launch
// (esbuild's service is one). The integration tier is everything that needs one of those.
import { defineConfig } from 'vitest/config';

/** Tests that start moto, Chromium, esbuild or the command as a process of its own. */
export const INTEGRATION = [
  'test/integration/**/*.test.ts', // moto, the command, the tracking function's bundle
  'test/deploy/rehearsal*.test.ts', // the deploy rehearsed against moto
  'test/doctor.test.ts', // doctor against moto
  'test/history-html.test.ts', // Chromium
  'test/bundle.test.ts', // esbuild, then the bundle in a fresh Node process
  'test/deploy/bundles.test.ts', // esbuild, and the built bundles run
  'test/docs.test.ts', // every documented command, run as the reader runs it
  'test/deploy/component-schema.test.ts', // python3 runs the Python example; the construct builds the bundles
];

const shared = { env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } };

/** The unit tier, on its own too: the mutation run (stryker.config.mjs) uses only this tier. */
export const UNIT = {
  ...shared,
  name: 'unit',
  include: ['test/**/*.test.ts'],
  exclude: INTEGRATION,
  // A worker runs its files one after another in one process, not each in a fresh one: loading the
  // SDK, Pulumi and the rules again for every file was nearly half of the tier's time. What a file
  // could leave for the next one is reset or checked around each file (the setup file; see
  // docs/testing.md, "Tiers").
  isolate: false,
  setupFiles: ['test/support/unit-setup.ts'],
  // The limits main had, not raised: 30 s for a test and for a hook (main's hooks had 60 s). A
  // deploy test's beforeAll runs the whole program under Pulumi mocks, which takes more than
  // vitest's default 10 s on a loaded two-core machine.
  testTimeout: 30_000,
  hookTimeout: 30_000,
};

export default defineConfig({
  test: {
    // Two cores on CI and on a developer's machine.
    maxWorkers: 2,
    projects: [
      { test: UNIT },
      {
        test: {
          ...shared,
          name: 'integration',
          include: INTEGRATION,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
