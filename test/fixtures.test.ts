// Every fixture of every rule against the verdict in its file name and the annotation its folder's
// _expected.json gives it: the pack's table-driven test. A failure names the fixture (the test's
// name) and shows the expected verdict and annotation beside the ones the rule gave.
import { describe, expect, it } from 'vitest';
import { fixturesOf, runFixture, type Fixture } from '../cli/local/fixtures.js';
import { rules } from '../rules/index.js';
import { FIXTURES_DIR } from '../cli/paths.js';

/** What the fixture expects, in the shape the result is compared in. */
function expectedOutcome(fixture: Fixture) {
  const want = fixture.expectedAnnotation;
  if (!want) throw new Error(`${fixture.ruleId}/${fixture.file} has no entry in _expected.json`);
  const annotation =
    'annotationPattern' in want ? expect.stringMatching(new RegExp(want.annotationPattern, 'u')) : want.annotation;
  return { verdict: fixture.expected, annotation };
}

for (const rule of rules) {
  describe(rule.id, () => {
    const fixtures = fixturesOf(FIXTURES_DIR, rule.id);
    it.each(fixtures.map((f) => [f.file, f] as const))('%s', async (_file, fixture) => {
      const result = await runFixture(rule, fixture);
      expect(result.error).toBeUndefined();
      expect({ verdict: result.actual, annotation: result.annotation ?? null }).toEqual(expectedOutcome(fixture));
      // The command's pass/fail (cli/commands/test.ts) agrees with the comparison above.
      expect(result.ok).toBe(true);
    });
  });
}
