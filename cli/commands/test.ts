import { fixturesOf, runFixture, type FixtureResult } from '../../rules/_core/fixtures.js';
import { rules } from '../../rules/index.js';
import { FIXTURES_DIR } from '../paths.js';
import { existsSync } from 'node:fs';
import { UsageError, plural, printJson, table } from '../output.js';
import { requireRule } from './evaluate.js';

export async function runAllFixtures(ruleId?: string, root = FIXTURES_DIR): Promise<FixtureResult[]> {
  const selected = ruleId ? [requireRule(ruleId)] : rules;
  const results: FixtureResult[] = [];
  for (const rule of selected) {
    for (const fixture of fixturesOf(root, rule.id)) results.push(await runFixture(rule, fixture));
  }
  return results;
}

export async function testCommand(options: { rule?: string; format: string; fixtures?: string }) {
  if (options.fixtures && !existsSync(options.fixtures)) throw new UsageError(`--fixtures: no such folder ${options.fixtures}`);
  const results = await runAllFixtures(options.rule, options.fixtures);
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
      // The file name says the expected verdict: the result column names it only when it was not met.
      table(
        ['rule', 'fixture', 'result', 'annotation'],
        results.map((r) => [
          r.fixture.ruleId,
          r.fixture.file,
          r.ok ? 'pass' : `FAIL: expected ${r.fixture.expected}, got ${r.actual ?? 'an error'}`,
          r.error ?? r.annotation ?? '',
        ]),
      ) +
        `\n${results.length - failed.length} passed, ${failed.length} failed ` +
        `(${plural(results.length, 'fixture')} of ${plural(new Set(results.map((r) => r.fixture.ruleId)).size, 'rule')})\n`,
    );
  }
  if (results.length === 0) {
    process.stderr.write('ml-config-rules: no fixtures found\n');
    process.exitCode = 1;
  } else if (failed.length > 0) process.exitCode = 1;
}
