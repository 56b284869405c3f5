// Every fixture of every rule against the verdict in its file name: the pack's table-driven test.
import { describe, expect, it } from 'vitest';
import { fixturesOf, runFixture } from '../cli/local/fixtures.js';
import { rules } from '../rules/index.js';
import { FIXTURES_DIR } from '../cli/paths.js';

for (const rule of rules) {
  describe(rule.id, () => {
    const fixtures = fixturesOf(FIXTURES_DIR, rule.id);
    it.each(fixtures.map((f) => [f.file, f] as const))('%s', async (_file, fixture) => {
      const result = await runFixture(rule, fixture);
      expect(result.error).toBeUndefined();
      expect(result.actual).toBe(fixture.expected);
      if (result.actual === 'NON_COMPLIANT') expect(result.annotation?.length).toBeGreaterThan(0);
      if (result.annotation) expect(result.annotation.length).toBeLessThanOrEqual(256);
    });
  });
}
