// check-template: the template fixtures against their expected verdicts, the pieces that turn a
// template into configuration items, and the command as a user runs it (in this process; the run
// in a process of its own with a small heap is in test/integration/command.test.ts).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../cli/paths.js';
import { checkTemplate } from '../cli/template/check.js';
import { runTemplateCase, templateCases } from '../cli/template/fixtures.js';
import { createResolver, NO_VALUE } from '../cli/template/intrinsics.js';
import { templateItems } from '../cli/template/items.js';
import { readTemplate, type Template } from '../cli/template/parse.js';
import { rules } from '../rules/index.js';
import { cli as runCli } from './support/run-cli.js';

const TEMPLATES = join(FIXTURES_DIR, '_templates');
const scratch = mkdtempSync(join(tmpdir(), 'check-template-'));
const write = (name: string, text: string) => {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
};
const verdictOf = (findings: ReturnType<typeof checkTemplate>, logicalId: string, rule: string) =>
  findings.find((f) => f.logicalId === logicalId && f.rule === rule);

describe('template fixtures', () => {
  const cases = templateCases(TEMPLATES);
  it('has a CDK synth case and a YAML short-form case', () => {
    expect(cases.map((c) => c.template)).toEqual(
      expect.arrayContaining(['FraudDetectionStack.template.json', 'ml-platform.yaml']),
    );
  });
  it.each(cases.map((c) => [c.file, c] as const))('%s gives exactly its expected verdicts', (_file, c) => {
    const result = runTemplateCase(TEMPLATES, c, rules);
    expect(result.problems).toEqual([]);
    expect(result.findings.length).toBeGreaterThan(0);
  });
});

describe('YAML short forms and intrinsic functions', () => {
  it('parses !Ref, !Sub, !GetAtt, !If and !Select into their long forms', () => {
    const t = readTemplate(join(TEMPLATES, 'ml-platform.yaml'));
    const notebook = t.Resources.ExperimentsNotebook!.Properties!;
    expect(notebook.KmsKeyId).toEqual({ Ref: 'DataKmsKeyArn' });
    expect(notebook.RootAccess).toEqual({ 'Fn::If': ['IsProd', 'Disabled', 'Enabled'] });
    expect(notebook.RoleArn).toEqual({ 'Fn::GetAtt': ['NotebookRole', 'Arn'] });
    expect(notebook.SubnetId).toEqual({ 'Fn::Select': [0, { Ref: 'PrivateSubnetIds' }] });
  });

  const template: Template = {
    Parameters: { Env: { Type: 'String' }, Subnets: { Type: 'List<AWS::EC2::Subnet::Id>' } },
    Mappings: { Keys: { prod: { Arn: 'arn:aws:kms:us-east-1:123456789012:key/prod' } } },
    Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
    Resources: {},
  };
  it('resolves what the parameters decide and marks the rest unresolved', () => {
    const open = createResolver({ template, parameters: {} });
    expect(open.resolve({ 'Fn::Sub': 'ml-${Env}-${AWS::Region}' })).toBe('ml-⟨Ref Env⟩-⟨Ref AWS::Region⟩');
    expect(open.resolve({ Ref: 'Subnets' })).toEqual(['⟨Ref Subnets⟩']);
    expect(open.resolve({ 'Fn::ImportValue': 'shared-key' })).toBe('⟨ImportValue shared-key⟩');
    expect(open.condition('IsProd')).toBeUndefined();
    const prod = createResolver({ template, parameters: { Env: 'prod', Subnets: 'subnet-1, subnet-2' } });
    expect(prod.condition('IsProd')).toBe(true);
    expect(prod.resolve({ Ref: 'Subnets' })).toEqual(['subnet-1', 'subnet-2']);
    expect(prod.resolve({ 'Fn::FindInMap': ['Keys', { Ref: 'Env' }, 'Arn'] })).toBe(
      'arn:aws:kms:us-east-1:123456789012:key/prod',
    );
    expect(prod.resolve({ A: { 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, 'x'] }, B: 1 })).toEqual({ B: 1 });
    expect(prod.resolve({ Ref: 'AWS::NoValue' })).toBe(NO_VALUE);
  });
  it('records an Fn::If whose condition the parameters do not decide', () => {
    const open = createResolver({ template, parameters: {} });
    open.resolve({ 'Fn::If': ['IsProd', 'a', 'b'] });
    expect([...open.undecided]).toEqual(['IsProd']);
  });
});

describe('verdicts before deploy', () => {
  const bucketTemplate = (extra: Record<string, unknown>): Template => ({
    Parameters: { KeyArn: { Type: 'String' }, Create: { Type: 'String' } },
    Conditions: { CreateIt: { 'Fn::Equals': [{ Ref: 'Create' }, 'yes'] } },
    Resources: {
      Data: {
        Type: 'AWS::S3::Bucket',
        Properties: {
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [
              { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { Ref: 'KeyArn' } } },
            ],
          },
        },
        ...extra,
      },
    },
  });
  const kms = rules.filter((r) => r.id === 's3-bucket-kms-encryption');
  const allowed = { 's3-bucket-kms-encryption': { kmsKeyArns: 'arn:aws:kms:us-east-1:123456789012:key/allowed' } };

  it('counts an unresolved key as a key for a presence check', () => {
    expect(
      verdictOf(checkTemplate('t', bucketTemplate({}), kms), 'Data', 's3-bucket-kms-encryption')?.ComplianceType,
    ).toBe('COMPLIANT');
  });
  it('answers NOT_APPLICABLE, saying so, when an allow-list needs the literal; --parameters resolves it', () => {
    const open = verdictOf(
      checkTemplate('t', bucketTemplate({}), kms, { params: allowed }),
      'Data',
      's3-bucket-kms-encryption',
    );
    expect(open).toMatchObject({ ComplianceType: 'NOT_APPLICABLE' });
    expect(open?.Annotation).toMatch(/^unresolved before deploy: .*⟨Ref KeyArn⟩/);
    const other = checkTemplate('t', bucketTemplate({}), kms, {
      params: allowed,
      parameters: { KeyArn: 'arn:aws:kms:us-east-1:123456789012:key/other' },
    });
    expect(verdictOf(other, 'Data', 's3-bucket-kms-encryption')?.ComplianceType).toBe('NON_COMPLIANT');
    const same = checkTemplate('t', bucketTemplate({}), kms, {
      params: allowed,
      parameters: { KeyArn: 'arn:aws:kms:us-east-1:123456789012:key/allowed' },
    });
    expect(verdictOf(same, 'Data', 's3-bucket-kms-encryption')?.ComplianceType).toBe('COMPLIANT');
  });
  it('judges a conditional resource and says so; a condition known false means not created', () => {
    const conditional = verdictOf(
      checkTemplate('t', bucketTemplate({ Condition: 'CreateIt' }), kms),
      'Data',
      's3-bucket-kms-encryption',
    );
    expect(conditional).toMatchObject({
      ComplianceType: 'COMPLIANT',
      Annotation: 'conditional: created only when Condition CreateIt holds',
    });
    const skipped = verdictOf(
      checkTemplate('t', bucketTemplate({ Condition: 'CreateIt' }), kms, { parameters: { Create: 'no' } }),
      'Data',
      's3-bucket-kms-encryption',
    );
    expect(skipped).toMatchObject({
      ComplianceType: 'NOT_APPLICABLE',
      Annotation: 'not created: Condition CreateIt is false',
    });
  });
  it('judges a model artifact bucket that is not in the template as NOT_APPLICABLE, not as unknown to Config', () => {
    const template: Template = {
      Resources: {
        M: {
          Type: 'AWS::SageMaker::Model',
          Properties: { PrimaryContainer: { Image: 'x', ModelDataUrl: 's3://shared-models/m.tar.gz' } },
        },
      },
    };
    const f = verdictOf(checkTemplate('t', template, rules), 'M', 'sagemaker-model-artifact-versioned-bucket');
    expect(f?.ComplianceType).toBe('NOT_APPLICABLE');
    expect(f?.Annotation).toContain('AWS::S3::Bucket shared-models is not defined here');
  });
  it('reads a tag value that is still a mapping after resolving as unresolved, never as [object Object]', () => {
    const template: Template = {
      Resources: {
        M: {
          Type: 'AWS::SageMaker::Model',
          Properties: {
            Tags: [
              { Key: 'team', Value: { 'Fn::GetAZs': '' } },
              { Key: 'owner', Value: { Nested: 1 } },
            ],
          },
        },
      },
    };
    const items = templateItems(template, new Set(['AWS::SageMaker::Model']), { parameters: {} });
    expect({ ...items[0]!.item.tags }).toEqual({ team: '⟨["⟨GetAZs⟩"]⟩', owner: '⟨{"Nested":1}⟩' });
  });
  it('never runs the rules that judge live state', () => {
    const template: Template = {
      Resources: {
        E: {
          Type: 'AWS::SageMaker::Endpoint',
          Properties: { EndpointConfigName: 'c', Tags: [{ Key: 'team', Value: 'ml' }] },
        },
      },
    };
    const findings = checkTemplate('t', template, rules);
    expect(findings.map((f) => f.rule)).toEqual(['sagemaker-endpoint-tagged']);
    expect(findings[0]!.ComplianceType).toBe('COMPLIANT');
  });
});

describe('ml-config-rules check-template', () => {
  const cdk = join(TEMPLATES, 'FraudDetectionStack.template.json');
  it('prints JSON with rule, template, line, logicalId, resourceType, ComplianceType and Annotation', async () => {
    const run = await runCli(['check-template', cdk, '--format', 'json', '--rule', 's3-bucket-versioning-enabled']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      {
        rule: 's3-bucket-versioning-enabled',
        template: cdk,
        logicalId: 'ModelArtifacts4E3D2A9C',
        resourceType: 'AWS::S3::Bucket',
        ComplianceType: 'NON_COMPLIANT',
        Annotation: 'BucketVersioningConfiguration.status is Suspended',
        // The bucket's key: the annotation names the item's field, not a template property.
        line: 24,
      },
    ]);
  });
  it('exits 1 with --fail-on NON_COMPLIANT and writes JUnit', async () => {
    const run = await runCli(['check-template', cdk, '--format', 'junit', '--fail-on', 'NON_COMPLIANT']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '<failure type="NON_COMPLIANT" message="BucketVersioningConfiguration.status is Suspended">',
    );
    expect(run.stdout).toContain('name="sagemaker-notebook-kms-key"');
  });
  it('exits 2 with the line and reason for an unreadable template', async () => {
    const broken = write('broken.yaml', 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties: [1, 2\n');
    const run = await runCli(['check-template', broken]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/broken\.yaml: line \d+, column \d+: not valid YAML/);
    const json = await runCli(['check-template', write('broken.json', '{\n  "Resources": {\n    "B": }\n}\n')]);
    expect(json.code).toBe(2);
    expect(json.stderr).toMatch(/broken\.json: line 3, column \d+: not valid JSON/);
    const none = await runCli(['check-template', write('none.yaml', 'Description: nothing\n')]);
    expect(none).toMatchObject({ code: 2, stderr: expect.stringContaining('no Resources section') });
  });
  it('reads --params-file as scan does: a Pulumi stack file, validated as the deploy validates it', async () => {
    const yaml = join(TEMPLATES, 'ml-platform.yaml');
    const rule = 'sagemaker-endpoint-config-data-capture';
    // The template samples 20 %: enough by default, not against a stack that asks for 50.
    const stack = (min: number) =>
      write(
        `Pulumi.prod-${min}.yaml`,
        `config:\n  aws:region: us-east-1\n  ml-config-rules:parameters:\n    ${rule}:\n      minSamplingPercentage: ${min}\n`,
      );
    const verdict = async (args: string[]) => {
      const run = await runCli(['check-template', yaml, '--rule', rule, '--format', 'json', ...args]);
      expect(run.code).toBe(0);
      return JSON.parse(run.stdout).map((f: { ComplianceType: string }) => f.ComplianceType);
    };
    expect(await verdict([])).toEqual(['COMPLIANT']);
    expect(await verdict(['--params-file', stack(50)])).toEqual(['NON_COMPLIANT']);
    const bad = await runCli(['check-template', yaml, '--params-file', stack(200)]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain(
      `(ml-config-rules:parameters): rule ${rule}: parameter "minSamplingPercentage" must be a whole number from 0 to 100, got "200"`,
    );
    const both = await runCli(['check-template', yaml, '--params', '{}', '--params-file', stack(50)]);
    expect(both).toMatchObject({ code: 2, stderr: expect.stringContaining('use --params or --params-file, not both') });
  });
  it('exits 2 for --params naming an unknown rule', async () => {
    const run = await runCli(['check-template', cdk, '--params', '{"no-such-rule":{}}']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--params: unknown rule id "no-such-rule"');
  });
});

describe('templates with budgets: each breach exits 2 with one line naming the limit and the file', () => {
  const notebook = (directInternetAccess: unknown) => ({
    Type: 'AWS::SageMaker::NotebookInstance',
    Properties: {
      InstanceType: 'ml.t3.medium',
      RoleArn: 'arn:aws:iam::123456789012:role/nb',
      DirectInternetAccess: directInternetAccess,
    },
  });
  const refused = async (file: string, limit: RegExp) => {
    const run = await runCli(['check-template', file, '--rule', 'sagemaker-notebook-no-direct-internet']);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toHaveLength(2); // one line and its newline
    expect(run.stderr).toMatch(
      new RegExp(`^ml-config-rules: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*${limit.source}`),
    );
    expect(run.code).toBe(2);
  };

  it('a self-referencing FindInMap', async () => {
    const file = write(
      'self-map.json',
      JSON.stringify({
        Mappings: { Loop: { a: { b: { 'Fn::FindInMap': ['Loop', 'a', 'b'] } } } },
        Resources: { N: notebook({ 'Fn::FindInMap': ['Loop', 'a', 'b'] }) },
      }),
    );
    await refused(file, /over the intrinsic depth limit of 32 levels/);
  });

  // 40 Mappings that double at each level, in a process with 256 MB of heap: test/integration/command.test.ts.

  it('a million FindInMaps at shallow depth stop at the expansion count', async () => {
    const fanOut = (map: string, n: number) => ({
      'Fn::Join': ['', Array.from({ length: n }, () => ({ 'Fn::FindInMap': [map, 'k', 'v'] }))],
    });
    const Mappings = { A: { k: { v: fanOut('B', 1100) } }, B: { k: { v: fanOut('C', 1000) } }, C: { k: { v: 'x' } } };
    const file = write(
      'wide.json',
      JSON.stringify({ Mappings, Resources: { N: notebook({ 'Fn::FindInMap': ['A', 'k', 'v'] }) } }),
    );
    await refused(file, /over the intrinsic expansion limit of 1,000,000 functions/);
  });

  it('text built past the output limit (Join of one large value, many times)', async () => {
    const big = 'x'.repeat(1024 * 1024);
    const parts = Array.from({ length: 70 }, () => ({ 'Fn::FindInMap': ['Big', 'k', 'v'] }));
    const file = write(
      'big-join.json',
      JSON.stringify({ Mappings: { Big: { k: { v: big } } }, Resources: { N: notebook({ 'Fn::Join': ['', parts] }) } }),
    );
    await refused(file, /over the intrinsic output limit of 64 MiB of text/);
  });

  it('a JSON template nested 100,000 deep', async () => {
    const deep = `{"Resources":{"N":{"Type":"AWS::SageMaker::NotebookInstance","Properties":{"X":${'['.repeat(100_000)}${']'.repeat(100_000)}}}}}`;
    await refused(write('deep.json', deep), /line 1, column \d+: nested too deep: over the nesting limit of 64 levels/);
  });

  it('a YAML template nested 100,000 deep', async () => {
    const deep = `Resources:\n  N:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n      X: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    const run = await runCli(['check-template', write('deep.yaml', deep)]);
    expect([run.code, run.stderr.split('\n').length]).toEqual([2, 2]);
    expect(run.stderr).toContain('deep.yaml: ');
  });

  it('a YAML alias bomb', async () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const [name, prev] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
      ['f', 'e'],
    ] as const)
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    lines.push('Resources:', '  N:', '    Type: AWS::SageMaker::NotebookInstance', '    Properties:', '      Tags: *f');
    await refused(write('bomb.yaml', `${lines.join('\n')}\n`), /over the YAML alias limit of 100/);
  });

  it('more YAML aliases than the limit, even ones that expand to little', async () => {
    const lines = [
      'x: &x small',
      'Resources:',
      '  N:',
      '    Type: AWS::SageMaker::NotebookInstance',
      '    Properties:',
    ];
    lines.push(`      Notes: [${Array(101).fill('*x').join(', ')}]`);
    await refused(
      write('many-aliases.yaml', `${lines.join('\n')}\n`),
      /more YAML aliases than allowed: over the YAML alias limit of 100/,
    );
  });

  it('a template over the input size limit, read no further than its size', async () => {
    const { openSync, ftruncateSync, closeSync } = await import('node:fs');
    const file = join(scratch, 'huge.json');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, 21 * 1024 * 1024);
    closeSync(fd);
    await refused(file, /22,020,096 bytes: over the input size limit of 20 MiB/);
  });

  it('duplicate keys in JSON, as in YAML', async () => {
    const json = write(
      'duplicate.json',
      '{\n  "Resources": {\n    "N": {"Type": "AWS::SageMaker::NotebookInstance", "Properties": {\n      "DirectInternetAccess": "Enabled",\n      "DirectInternetAccess": "Disabled"}}\n  }\n}\n',
    );
    const run = await runCli(['check-template', json]);
    expect([run.code, run.stderr]).toEqual([
      2,
      `ml-config-rules: ${json}: line 5, column 7: duplicate key "DirectInternetAccess"\n`,
    ]);
    const escaped = write('duplicate-escaped.json', '{"Resources": {"N": {"Type": "x"}, "\\u004e": {"Type": "y"}}}');
    expect((await runCli(['check-template', escaped])).stderr).toContain('duplicate key "N"');
    const yaml = write(
      'duplicate.yaml',
      'Resources:\n  N:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n      DirectInternetAccess: Enabled\n      DirectInternetAccess: Disabled\n',
    );
    expect((await runCli(['check-template', yaml])).code).toBe(2);
  });

  it('an unknown YAML tag, unless --allow-unknown-tags, which reads it as unresolved', async () => {
    const file = write(
      'evil-tag.yaml',
      'Resources:\n  N:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n      RoleArn: arn:aws:iam::123456789012:role/nb\n      DirectInternetAccess: !Evil Disabled\n',
    );
    const run = await runCli(['check-template', file, '--rule', 'sagemaker-notebook-no-direct-internet']);
    expect([run.code, run.stdout, run.stderr]).toEqual([
      2,
      '',
      `ml-config-rules: ${file}: line 6, column 29: unknown tag !Evil (CloudFormation has no such function; --allow-unknown-tags reads it as unresolved)\n`,
    ]);
    const allowed = await runCli([
      'check-template',
      file,
      '--rule',
      'sagemaker-notebook-no-direct-internet',
      '--allow-unknown-tags',
      '--format',
      'json',
    ]);
    expect(allowed.code).toBe(0);
    expect(JSON.parse(allowed.stdout)).toEqual([
      expect.objectContaining({
        logicalId: 'N',
        ComplianceType: 'NOT_APPLICABLE',
        Annotation: 'unresolved before deploy: DirectInternetAccess is ⟨!Evil⟩',
      }),
    ]);
  });
});

describe('docs/preventive.md', () => {
  it('holds the where-rules-run table generated from the registry', async () => {
    const { readFileSync } = await import('node:fs');
    const { whereRulesRunTable } = await import('../scripts/where-rules-run.js');
    const doc = readFileSync(join(FIXTURES_DIR, '..', 'docs', 'preventive.md'), 'utf8');
    const table = /<!-- where-rules-run:start -->\n([\s\S]*?)<!-- where-rules-run:end -->/.exec(doc)?.[1];
    expect(table).toBe(whereRulesRunTable());
  });
});
