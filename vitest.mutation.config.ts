// The unit tests as the mutation run (stryker.config.mjs) uses them. StrykerJS's vitest runner
// takes a config file, not a project name; a mutant must never start moto, Chromium or a process.
//
// Only the tests that call the rules and rules/_core directly: each mutant re-runs every test that
// reaches it, and a test of an outer layer (the command's output, scan, history, check-template,
// the deploy program) reaches the same verdicts through many more modules, at several times the
// cost per mutant, to check what those layers do with them.
//
// Also left out: the tests that read the text of the sources under rules/, which StrykerJS
// rewrites with its switches (they check comments and spelling, and kill no mutant a behaviour
// test would miss), and the scaffolder's test, which type-checks the rule it writes against
// rules/_core: the rewritten sources carry `// @ts-nocheck` and lose those types.
import { defineConfig } from 'vitest/config';
import { UNIT } from './vitest.config.js';

export const OUTER_LAYERS = [
  'test/deploy/**',
  'test/check-template.test.ts',
  'test/history*.test.ts',
  'test/scan-*.test.ts',
  'test/output.test.ts',
  'test/cli.test.ts',
  'test/fixture-oracle.test.ts',
  'test/live-config-mocks.test.ts',
  'test/record-*.test.ts',
  'test/tracking.test.ts',
  'test/policy.test.ts',
  'test/doctor-*.test.ts',
  'test/readme.test.ts',
];

export const READS_RULE_SOURCES = [
  'test/rule-sources.test.ts',
  'test/own-lookups.test.ts',
  'test/layout.test.ts',
  'test/new-rule.test.ts',
];

export default defineConfig({
  test: {
    ...UNIT,
    exclude: [...UNIT.exclude, ...OUTER_LAYERS, ...READS_RULE_SOURCES],
    // Each file in a fresh module graph, unlike the unit tier's shared process: StrykerJS re-runs
    // the tests for each mutant within one vitest instance, and a module's memo (the parsed rule
    // parameters, for one) filled while one mutant was active must not answer for the next.
    // Nothing is carried from file to file, so there is nothing to reset (setupFiles).
    isolate: true,
    setupFiles: [],
  },
});
