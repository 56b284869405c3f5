// Mutation testing (StrykerJS): plants one-line bugs in the rules and their protocol (rules/_core)
// and runs the unit tier against each; a mutant no test kills is a bug a contributor could ship.
// `npm run mutate` runs it all; `npm run mutate:changed` (CI) only the files changed from main;
// `npm run mutate -- --mutate 'rules/_core/**/*.ts'` one folder. Equivalent mutants, with the
// reason no test can kill them, are listed in docs/testing.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // The unit tier only: in process, so a mutant's run costs milliseconds, not a launch.
  vitest: { configFile: 'vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  coverageAnalysis: 'perTest',
  // A static mutant changes what a module computes when it loads (a rule's metadata, a table), so
  // every test has to run for it: minutes each. Metadata is checked as data by the registry, readme
  // and rule-sources tests; the mutants that count are in the functions that give verdicts.
  ignoreStatic: true,
  // Keeps each mutant's result in reports/ and re-runs only what a change touched.
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  mutate: ['rules/*.ts', 'rules/_core/**/*.ts', '!rules/index.ts'],
  // Two cores, shared: one vitest worker per Stryker process.
  concurrency: 2,
  thresholds: { high: 95, low: 90, break: 90 },
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
