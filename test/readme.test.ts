import { existsSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { GENERATED, README, rulePages, strayRulePages, withRuleTable } from '../scripts/readme.js';

it('has a rule table generated from the registry (run `npm run readme` when this fails)', () => {
  const readme = readFileSync(README, 'utf8');
  expect(readme).toBe(withRuleTable(readme));
  for (const rule of rules)
    expect(readme).toContain(`| [\`${rule.id}\`](docs/rules/${rule.id}.md) | ${rule.severity} |`);
});

it('keeps the two-command quick start', () => {
  const readme = readFileSync(README, 'utf8');
  expect(readme).toContain('npm ci && npm start');
  expect(readme).toContain('npm test');
});

it.each(GENERATED.map(([file, regenerate]) => [file.split('/').slice(-2).join('/'), file, regenerate] as const))(
  'keeps the generated table of %s in step with its data (run `npm run readme` when this fails)',
  (_name, file, regenerate) => {
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(regenerate(text));
  },
);

it.each(rulePages().map(([file, text]) => [file.split('/').slice(-3).join('/'), file, text] as const))(
  'has the page %s generated from the rule (run `npm run readme` when this fails)',
  (_name, file, text) => {
    expect(existsSync(file), `${file} is missing`).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(text);
  },
);

it('has no page in docs/rules of a rule the registry does not have', () => {
  expect(strayRulePages()).toEqual([]);
});
