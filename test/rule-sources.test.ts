// What a rule file says in its text, beside the values the registry tests read: no scaffolder
// placeholder left, and the reason for its severity next to it. The mutation run leaves this file
// out (vitest.mutation.config.ts): StrykerJS rewrites the source it would read.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../cli/paths.js';
import { rules } from '../rules/index.js';

describe.each(rules.map((rule) => [rule.id, rule] as const))('rules/%s.ts', (id, rule) => {
  const source = readFileSync(join(PACKAGE_ROOT, 'rules', `${id}.ts`), 'utf8');

  it('holds no TODO placeholder', () => {
    // The scaffolder writes TODO placeholders (scripts/new-rule.ts): a rule is not done until they are gone.
    expect(source).not.toMatch(/TODO/);
  });

  it('says why its severity is what it is, in the line above it', () => {
    // The Security Hub control it matches, or the nearest one.
    expect(source, `severity ${rule.severity}`).toMatch(/\n\s*\/\/ [^\n]+\n\s*severity: '/);
  });
});
