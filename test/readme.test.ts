import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { README, withRuleTable } from '../scripts/readme.js';

it('has a rule table generated from the registry (run `npm run readme` when this fails)', () => {
  const readme = readFileSync(README, 'utf8');
  expect(readme).toBe(withRuleTable(readme));
  for (const rule of rules) expect(readme).toContain(`| \`${rule.id}\` |`);
});

it('keeps the two-command quick start', () => {
  const readme = readFileSync(README, 'utf8');
  expect(readme).toContain('npm ci && npm start');
  expect(readme).toContain('npm test');
});
