// `npm run new-rule` in a temporary copy of the pack: the new rule compiles, is registered in
// order, and its fixtures run at once (the non-compliant one failing until the check is written).
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../cli/paths.js';
import { registerIn, variableName } from '../scripts/new-rule.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let copy: string;

function run(cwd: string, file: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...(file.endsWith('.ts') ? ['--import', 'tsx'] : []), file, ...args],
      { cwd },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
const newRule = (...args: string[]) => run(copy, join(copy, 'scripts', 'new-rule.ts'), args);

beforeAll(() => {
  // What a rule, its registry and its fixtures need; node_modules is shared.
  copy = mkdtempSync(join(tmpdir(), 'ml-config-rules-new-rule-'));
  for (const entry of [
    'rules',
    'cli',
    'deploy',
    'policy',
    'fixtures',
    'scripts',
    'bin',
    'package.json',
    'tsconfig.json',
    'README.md',
  ]) {
    cpSync(join(PACKAGE_ROOT, entry), join(copy, entry), { recursive: true });
  }
  symlinkSync(join(PACKAGE_ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('registerIn', () => {
  const index = [
    "import type { Rule } from './_core/rule.js';",
    "import aBucket from './a-bucket.js';",
    "import cModel from './c-model.js';",
    '',
    'export const rules: readonly Rule[] = [',
    '  aBucket,',
    '  cModel,',
    '];',
  ].join('\n');

  it('inserts the import and the list entry in alphabetical order', () => {
    expect(registerIn(index, 'b-notebook')).toContain(
      "import aBucket from './a-bucket.js';\nimport bNotebook from './b-notebook.js';\nimport cModel",
    );
    expect(registerIn(index, 'b-notebook')).toContain('  aBucket,\n  bNotebook,\n  cModel,\n];');
    expect(registerIn(index, 'd-domain')).toContain(
      "import cModel from './c-model.js';\nimport dDomain from './d-domain.js';\n\n",
    );
    expect(registerIn(index, 'd-domain')).toContain('  cModel,\n  dDomain,\n];');
    expect(variableName('sagemaker-model-in-vpc')).toBe('sagemakerModelInVpc');
  });
});

describe('npm run new-rule', () => {
  it('writes a change rule and a periodic inventory rule that compile, register in order and run at once', async () => {
    const change = await newRule('sagemaker-model-owner-tagged', '--type', 'AWS::SageMaker::Model');
    expect(change.stderr).toBe('');
    expect(change.code).toBe(0);
    expect(change.stdout).toContain('non-compliant.sample.json fails until you write the check');
    const periodic = await newRule(
      'sagemaker-endpoint-owner-tagged',
      '--type',
      'AWS::SageMaker::Endpoint',
      '--trigger',
      'periodic',
    );
    expect(periodic.code).toBe(0);

    const source = readFileSync(join(copy, 'rules', 'sagemaker-endpoint-owner-tagged.ts'), 'utf8');
    expect(source).toContain("trigger: { periodic: 'TwentyFour_Hours' },\n  source: 'inventory',");
    const index = readFileSync(join(copy, 'rules', 'index.ts'), 'utf8');
    const imported = [...index.matchAll(/^import \w+ from '\.\/([a-z0-9-]+)\.js';$/gm)].map((m) => m[1]);
    expect(imported).toContain('sagemaker-model-owner-tagged');
    expect(imported).toEqual([...imported].sort());
    expect(readFileSync(join(copy, 'README.md'), 'utf8')).toContain(
      '| `sagemaker-model-owner-tagged` | SageMaker::Model | change |',
    );

    const tsc = await run(copy, join(copy, 'node_modules', 'typescript', 'bin', 'tsc'), ['-p', '.']);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);

    for (const id of ['sagemaker-model-owner-tagged', 'sagemaker-endpoint-owner-tagged']) {
      const test = await run(copy, join(copy, 'bin', 'ml-config-rules.js'), ['test', '--rule', id, '--format', 'json']);
      expect(test.code).toBe(1);
      expect(JSON.parse(test.stdout)).toEqual([
        expect.objectContaining({ fixture: 'compliant.sample.json', ok: true, actual: 'COMPLIANT' }),
        expect.objectContaining({ fixture: 'non-compliant.sample.json', ok: false, actual: 'COMPLIANT' }),
      ]);
    }
  }, 240_000);

  it.each([
    [['s3-bucket-object-lock', '--type', 'AWS::S3::Bucket'], /rule s3-bucket-object-lock exists already/],
    [
      ['Model_Check', '--type', 'AWS::SageMaker::Model'],
      /rule id "Model_Check" must be lowercase words joined by dashes/,
    ],
    [['model-check', '--type', 'SageMaker Model'], /--type "SageMaker Model" is not a resource type/],
    [['model-check', '--type', 'AWS::EC2::Instance'], /no sample item for AWS::EC2::Instance/],
    [
      ['model-check', '--type', 'AWS::SageMaker::Pipeline'],
      /does not record AWS::SageMaker::Pipeline .*--trigger periodic/,
    ],
    [['model-check', '--type', 'AWS::SageMaker::Model', '--trigger', 'hourly'], /--trigger must be change or periodic/],
    [['model-check'], /usage: npm run new-rule/],
  ])(
    'refuses %j with exit 2 and one line',
    async (args, message) => {
      const refused = await newRule(...args);
      expect(refused.code).toBe(2);
      expect(refused.stdout).toBe('');
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);
      expect(refused.stderr).toMatch(message);
      if (args[0] !== 's3-bucket-object-lock') expect(existsSync(join(copy, 'rules', `${args[0]}.ts`))).toBe(false);
    },
    60_000,
  );
});
