// `npm run new-rule` as a contributor runs it, once, in a copy of the pack: the command writes the
// rule, registers it, regenerates the README table and the rule's page, and `ml-config-rules test`
// runs the new fixtures at once (the non-compliant one failing until the check is written). What
// it writes, its type check and its refusals are tested in process in test/new-rule.test.ts.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../cli/paths.js';

const run = promisify(execFile);
let copy: string;

beforeAll(() => {
  // What the scaffolder, the readme script and the command read; node_modules is shared.
  copy = mkdtempSync(join(tmpdir(), 'ml-config-rules-new-rule-'));
  for (const entry of [
    'rules',
    'cli',
    'deploy',
    'policy',
    'fixtures',
    'scripts',
    'bin',
    'docs',
    'package.json',
    'README.md',
  ])
    cpSync(join(PACKAGE_ROOT, entry), join(copy, entry), { recursive: true });
  symlinkSync(join(PACKAGE_ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

it('writes a change rule whose README row and page are regenerated and whose fixtures run at once', async () => {
  const id = 'sagemaker-notebook-small-volume';
  const scaffold = await run(
    process.execPath,
    ['--import', 'tsx', 'scripts/new-rule.ts', id, '--type', 'AWS::SageMaker::NotebookInstance'],
    { cwd: copy },
  );
  expect(scaffold.stderr).toBe('');
  expect(scaffold.stdout).toContain(`README.md rule table and docs/rules/${id}.md regenerated`);
  expect(readFileSync(join(copy, 'README.md'), 'utf8')).toContain(
    `| [\`${id}\`](docs/rules/${id}.md) | medium | SageMaker::NotebookInstance | change |`,
  );
  expect(existsSync(join(copy, 'docs', 'rules', `${id}.md`))).toBe(true);

  const test = await run(process.execPath, ['bin/ml-config-rules.js', 'test', '--rule', id, '--format', 'json'], {
    cwd: copy,
  }).catch((error) => error);
  expect(test.code).toBe(1);
  expect(JSON.parse(test.stdout)).toEqual([
    expect.objectContaining({ fixture: 'compliant.sample.json', ok: true, actual: 'COMPLIANT' }),
    expect.objectContaining({ fixture: 'non-compliant.sample.json', ok: false, actual: 'COMPLIANT' }),
  ]);
});
