import { fixturesOf, runFixture, type FixtureResult } from '../local/fixtures.js';
import { rules } from '../../rules/index.js';
import { FIXTURES_DIR } from '../paths.js';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runTemplateCase, templateCases } from '../template/fixtures.js';
import { UsageError, plural, printJson, printReport, table, tableStyle } from '../output.js';
import type { Suppression } from '../../rules/_core/suppressions.js';
import { readSuppressionsFile } from '../suppressions.js';
import { requireRule } from './evaluate.js';

export async function runAllFixtures(
  ruleId?: string,
  root = FIXTURES_DIR,
  suppressions: readonly Suppression[] = [],
): Promise<FixtureResult[]> {
  const selected = ruleId ? [requireRule(ruleId)] : rules;
  const results: FixtureResult[] = [];
  for (const rule of selected) {
    for (const fixture of fixturesOf(root, rule.id)) results.push(await runFixture(rule, fixture, suppressions));
  }
  return results;
}

export async function testCommand(options: {
  rule?: string;
  format: string;
  fixtures?: string;
  suppressions?: string;
}) {
  if (options.fixtures && !existsSync(options.fixtures))
    throw new UsageError(`--fixtures: no such folder ${options.fixtures}`);
  if (options.fixtures && !statSync(options.fixtures).isDirectory()) {
    const layout = '<rule-id>/<verdict>.<case>.json';
    throw new UsageError(`--fixtures: ${options.fixtures} is a file; give the folder that holds ${layout}`);
  }
  const suppressions = readSuppressionsFile(options.suppressions);
  const results = await runAllFixtures(options.rule, options.fixtures, suppressions);
  const failed = results.filter((r) => !r.ok);
  // Template fixtures (fixtures/_templates/): every expected verdict of every case.
  const templatesDir = join(options.fixtures ?? FIXTURES_DIR, '_templates');
  // A template case states the verdicts of the whole pack, so it runs when every rule does.
  const templateResults = options.rule
    ? []
    : templateCases(templatesDir).map((c) => runTemplateCase(templatesDir, c, rules));
  const templatesFailed = templateResults.filter((r) => r.problems.length > 0);
  if (options.format === 'json') {
    printJson(
      results
        .map((r) => ({
          rule: r.fixture.ruleId,
          fixture: r.fixture.file,
          expected: r.fixture.expected,
          actual: r.actual ?? null,
          ok: r.ok,
          ...(r.failure ? { failure: r.failure } : {}),
          ...(r.annotation ? { annotation: r.annotation } : {}),
          ...(r.suppressed ? { suppression: { reason: r.suppressed } } : {}),
          ...(r.error ? { error: r.error } : {}),
        }))
        .concat(
          templateResults.map((r) => ({
            templateCase: r.case.file,
            template: r.case.template,
            evaluations: r.findings.length,
            ok: r.problems.length === 0,
            problems: r.problems,
          })) as any[],
        ),
    );
  } else {
    // The file name says the expected verdict and _expected.json the annotation: the result column
    // names what was expected only when it was not met.
    const fixtureRows = results.map((r) => [
      r.fixture.ruleId,
      r.fixture.file,
      r.ok ? 'pass' : `FAIL: ${r.failure ?? `expected ${r.fixture.expected}, got an error`}`,
      r.error ?? (r.suppressed ? `SUPPRESSED: ${r.suppressed} (${r.annotation ?? ''})` : (r.annotation ?? '')),
    ]);
    const passOrFail = (r: (typeof templateResults)[number]) => (r.problems.length === 0 ? 'pass' : 'FAIL');
    // In TSV, one header line: template cases are rows of the folder they live in, _templates.
    const tsvRows = templateResults.map((r) => ['_templates', r.case.file, passOrFail(r), r.problems.join('; ')]);
    const head = ['rule', 'fixture', 'result', 'annotation'];
    let out = tableStyle() === 'tsv' ? table(head, [...fixtureRows, ...tsvRows]) : table(head, fixtureRows);
    if (templateResults.length > 0 && tableStyle() === 'box') {
      out += `\n${table(
        ['template case', 'template', 'evaluations', 'result', 'problems'],
        templateResults.map((r) => [
          r.case.file,
          r.case.template,
          r.findings.length,
          passOrFail(r),
          r.problems.join('; '),
        ]),
      )}`;
    }
    // One closing line for fixtures and template cases together.
    const total = results.length + templateResults.length;
    const failures = failed.length + templatesFailed.length;
    const cases = templateResults.length > 0 ? `, ${plural(templateResults.length, 'template case')}` : '';
    const ruleCount = plural(new Set(results.map((r) => r.fixture.ruleId)).size, 'rule');
    const summary = `${total - failures} passed, ${failures} failed (${plural(results.length, 'fixture')} of ${ruleCount}${cases})`;
    printReport({ table: out, notes: [summary] });
  }
  if (results.length === 0) {
    process.stderr.write('ml-config-rules: no fixtures found\n');
    process.exitCode = 1;
  } else if (failed.length > 0 || templatesFailed.length > 0) process.exitCode = 1;
}
