import { fixturesOf, runFixture, type FixtureResult } from '../../rules/_core/fixtures.js';
import { rules } from '../../rules/index.js';
import { FIXTURES_DIR } from '../paths.js';
import { printJson, table } from '../output.js';
import { requireRule } from './evaluate.js';

export async function runAllFixtures(ruleId?: string): Promise<FixtureResult[]> {
  const selected = ruleId ? [requireRule(ruleId)] : rules;
  const results: FixtureResult[] = [];
  for (const rule of selected) {
    for (const fixture of fixturesOf(FIXTURES_DIR, rule.id)) results.push(await runFixture(rule, fixture));
  }
  return results;
}

export async function testCommand(options: { rule?: string; format: string }) {
  const results = await runAllFixtures(options.rule);
  const failed = results.filter((r) => !r.ok);
  if (options.format === 'json') {
    printJson(
      results.map((r) => ({
        rule: r.fixture.ruleId,
        fixture: r.fixture.file,
        expected: r.fixture.expected,
        actual: r.actual ?? null,
        ok: r.ok,
        ...(r.annotation ? { annotation: r.annotation } : {}),
        ...(r.error ? { error: r.error } : {}),
      })),
    );
  } else {
    process.stdout.write(
      table(
        ['rule', 'fixture', 'expected', 'actual', 'result', 'annotation'],
        results.map((r) => [
          r.fixture.ruleId,
          r.fixture.file,
          r.fixture.expected,
          r.actual ?? '—',
          r.ok ? 'pass' : 'FAIL',
          r.error ?? r.annotation ?? '',
        ]),
      ) + `\n${results.length - failed.length} passed, ${failed.length} failed (${new Set(results.map((r) => r.fixture.ruleId)).size} rules)\n`,
    );
  }
  if (results.length === 0) {
    process.stderr.write('ml-config-rules: no fixtures found\n');
    process.exitCode = 1;
  } else if (failed.length > 0) process.exitCode = 1;
}
