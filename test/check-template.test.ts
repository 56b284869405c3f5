// check-template: the template fixtures against their expected verdicts, the pieces that turn a
// template into configuration items, and the command as a user runs it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../cli/paths.js';
import { checkTemplate } from '../cli/template/check.js';
import { runTemplateCase, templateCases } from '../cli/template/fixtures.js';
import { createResolver, NO_VALUE } from '../cli/template/intrinsics.js';
import { readTemplate, type Template } from '../cli/template/parse.js';
import { rules } from '../rules/index.js';
import { runCli } from './support/run-cli.js';

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
  it('prints JSON with rule, template, logicalId, resourceType, ComplianceType and Annotation', async () => {
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

describe('docs/preventive.md', () => {
  it('holds the where-rules-run table generated from the registry', async () => {
    const { readFileSync } = await import('node:fs');
    const { whereRulesRunTable } = await import('../scripts/where-rules-run.js');
    const doc = readFileSync(join(FIXTURES_DIR, '..', 'docs', 'preventive.md'), 'utf8');
    const table = /<!-- where-rules-run:start -->\n([\s\S]*?)<!-- where-rules-run:end -->/.exec(doc)?.[1];
    expect(table).toBe(whereRulesRunTable());
  });
});
