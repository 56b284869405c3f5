// The tests that read the pack's load-time tables as data, for the mutation run of those tables
// (stryker.load-time.config.mjs). A value computed when its module loads (the table of recordable
// types, the parameter builders and the KMS key pattern, the error names a denial has, the member
// role's settings, the rules that wait for deploy, the item schemas' messages) must have its mutant switched on before
// the module loads; StrykerJS does that by running every test of the run for it, so this run keeps
// only the tests that check those tables.
import { defineConfig } from 'vitest/config';
import mutation from './vitest.mutation.config.js';

export const LOAD_TIME_TESTS = [
  'test/recordable-types.test.ts',
  'test/recording.test.ts',
  'test/params.test.ts',
  'test/params-parse.test.ts',
  'test/rule-params.test.ts',
  'test/clients.test.ts',
  'test/cross-account.test.ts',
  'test/before-deploy.test.ts',
  'test/core-small-modules.test.ts',
  'test/schema-messages.test.ts',
];

export default defineConfig({ test: { ...mutation.test, include: LOAD_TIME_TESTS } });
