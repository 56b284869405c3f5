import { fixturesOf, runFixture, type FixtureResult } from '../../rules/_core/fixtures.js';
import { rules } from '../../rules/index.js';
import { FIXTURES_DIR } from '../paths.js';
import { existsSync, statSync } from 'node:fs';
import { UsageError, printJson, table } from '../output.js';
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
  if (options.fixtures && !statSync(options.fixtures).isDirectory()) {
    const layout = '<rule-id>/<verdict>.<case>.json';
    throw new UsageError(`--fixtures: ${options.fixtures} is a file; give the folder that holds ${layout}`);
  }
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
