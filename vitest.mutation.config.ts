// The unit tier as the mutation run (stryker.config.mjs) uses it. StrykerJS's vitest runner takes
// a config file, not a project name; a mutant must never start moto, Chromium or a process. Left
// out: the tests that read the text of the sources under rules/, which StrykerJS rewrites with its
// switches (they check comments and spelling, and kill no mutant a behaviour test would miss), and
// the scaffolder's test, which type-checks the rule it writes against rules/_core: the rewritten
// sources carry `// @ts-nocheck` and lose the types the written rule is checked against.
import { defineConfig } from 'vitest/config';
import { UNIT } from './vitest.config.js';

export const READS_RULE_SOURCES = [
  'test/rule-sources.test.ts',
  'test/own-lookups.test.ts',
  'test/layout.test.ts',
  'test/new-rule.test.ts',
];

export default defineConfig({ test: { ...UNIT, exclude: [...UNIT.exclude, ...READS_RULE_SOURCES] } });
