// The scaffolder in process: what `npm run new-rule` writes into a scratch package (its registry
// and fixture folder), that the rule it writes type-checks and runs at once (the non-compliant
// fixture failing until the check is written), the placeholders the registry test refuses, and its
// refusals. The command itself, launched once, with the README and page it regenerates:
// test/integration/new-rule.test.ts.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixturesOf, runFixture } from '../cli/local/fixtures.js';
import { PACKAGE_ROOT } from '../cli/paths.js';
import type { Rule } from '../rules/_core/rule.js';
import { checkOptions, main, newRule, registerIn, variableName } from '../scripts/new-rule.js';

/** A package holding the registry, the runtime and node_modules (linked) and an empty fixtures folder: what newRule writes into. */
function scratchPackage(): string {
  const root = mkdtempSync(join(tmpdir(), 'ml-config-rules-new-rule-'));
  mkdirSync(join(root, 'rules'));
  mkdirSync(join(root, 'fixtures'));
  cpSync(join(PACKAGE_ROOT, 'rules', 'index.ts'), join(root, 'rules', 'index.ts'));
  symlinkSync(join(PACKAGE_ROOT, 'rules', '_core'), join(root, 'rules', '_core'), 'dir');
  // The runtime's own imports (zod...) resolve from the package's node_modules, as they would in a copy.
  symlinkSync(join(PACKAGE_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

/** Type errors in one file and what it imports, with the project's compiler options. */
function typeErrors(file: string): string[] {
  const config = ts.readConfigFile(join(PACKAGE_ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, PACKAGE_ROOT);
  const program = ts.createProgram([file], { ...options, noEmit: true });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

let root: string;
beforeEach(() => {
  root = scratchPackage();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

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

describe('newRule', () => {
  it('writes a change rule that type-checks, registers in order and runs its fixtures at once', async () => {
    const id = 'sagemaker-model-owner-tagged';
    const { files } = newRule({ id, type: 'AWS::SageMaker::Model', trigger: 'change', root });
    const ruleFile = join(root, 'rules', `${id}.ts`);
    expect(files).toEqual([
      ruleFile,
      join(root, 'rules', 'index.ts'),
      join(root, 'fixtures', id, 'compliant.sample.json'),
      join(root, 'fixtures', id, 'non-compliant.sample.json'),
      join(root, 'fixtures', id, '_expected.json'),
    ]);
    expect(typeErrors(ruleFile)).toEqual([]);

    const index = readFileSync(join(root, 'rules', 'index.ts'), 'utf8');
    const imported = [...index.matchAll(/^import \w+ from '\.\/([a-z0-9-]+)\.js';$/gm)].map((m) => m[1]);
    expect(imported).toContain(id);
    expect(imported).toEqual([...imported].sort());

    const rule: Rule = (await import(ruleFile)).default;
    expect(rule).toMatchObject({ id, resourceTypes: ['AWS::SageMaker::Model'], trigger: 'change', source: 'config' });
    expect(rule.reads).toBeUndefined();
    const results = await Promise.all(fixturesOf(join(root, 'fixtures'), id).map((f) => runFixture(rule, f)));
    expect(results.map((r) => [r.fixture.file, r.ok, r.failure])).toEqual([
      ['compliant.sample.json', true, undefined],
      ['non-compliant.sample.json', false, 'expected NON_COMPLIANT, got COMPLIANT'],
    ]);
  });

  it('writes a periodic inventory rule that lists its type through the adapter and declares what it reads', async () => {
    const id = 'sagemaker-endpoint-owner-tagged';
    newRule({ id, type: 'AWS::SageMaker::Endpoint', trigger: 'periodic', root });
    const ruleFile = join(root, 'rules', `${id}.ts`);
    expect(typeErrors(ruleFile)).toEqual([]);
    const rule: Rule = (await import(ruleFile)).default;
    expect(rule).toMatchObject({
      trigger: { periodic: 'TwentyFour_Hours' },
      source: 'inventory',
      reads: ['describe'],
    });
  });

  it('writes metadata placeholders that the registry test refuses until they are filled', () => {
    const id = 'sagemaker-model-owner-tagged';
    newRule({ id, type: 'AWS::SageMaker::Model', trigger: 'change', root });
    const source = readFileSync(join(root, 'rules', `${id}.ts`), 'utf8');
    // test/registry.test.ts fails a rule file holding TODO: severity's reason, rationale, remediation.
    expect(source.match(/TODO/g)).toHaveLength(3);
    expect(source).toMatch(/\/\/ TODO[^\n]*\n\s*severity: 'medium',/);
    const expected = JSON.parse(readFileSync(join(root, 'fixtures', id, '_expected.json'), 'utf8'));
    expect(expected['compliant.sample.json']).toEqual({ annotation: null });
    expect(expected['non-compliant.sample.json'].annotation).toMatch(/^TODO/);
  });

  it('reads notebook instances from Config, as the table of recordable types says (five change rules do)', () => {
    expect(() =>
      checkOptions({
        id: 'sagemaker-notebook-small-volume',
        type: 'AWS::SageMaker::NotebookInstance',
        trigger: 'change',
      }),
    ).not.toThrow();
  });
});

describe('npm run new-rule refusals', () => {
  let out = '';
  let err = '';
  beforeEach(() => {
    out = '';
    err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => {
      out += String(chunk);
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => {
      err += String(chunk);
      return true;
    });
  });
  afterEach(() => vi.restoreAllMocks());

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
    [['model-check', '--kind', 'x'], /Unknown option '--kind'/],
  ])('refuses %j with exit 2 and one line, writing nothing', (args, message) => {
    expect(main(args, root)).toBe(2);
    expect(out).toBe('');
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(message);
    expect(existsSync(join(root, 'rules', `${args[0]}.ts`))).toBe(false);
    expect(existsSync(join(root, 'fixtures', args[0]!))).toBe(false);
  });
});
