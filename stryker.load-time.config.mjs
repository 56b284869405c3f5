// The mutation run of the tables computed when their module loads (`npm run mutate:load-time`).
// The main run (stryker.config.mjs) sets static mutants aside (ignoreStatic) and switches the
// others on once their module has loaded, so a mutant in such a table could not change what any
// test sees: it reported them as surviving. Here every mutant is switched on before the modules
// load, and the tests that read these tables as data (vitest.load-time.config.ts) run against it.
import base from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  vitest: { configFile: 'vitest.load-time.config.ts' },
  ignoreStatic: false,
  // The modules whose load-time values a test reads: tables, patterns, names and defaults.
  mutate: [
    'rules/_core/recordable-types.ts',
    'rules/_core/params.ts',
    'rules/_core/clients.ts',
    'rules/_core/cross-account.ts',
    'rules/_core/before-deploy.ts',
    'rules/_core/reads.ts',
    'rules/_core/recording.ts',
    'rules/_core/schemas/fields.ts',
  ],
  incremental: false,
  htmlReporter: { fileName: 'reports/mutation/load-time.html' },
  jsonReporter: { fileName: 'reports/mutation/load-time.json' },
};
