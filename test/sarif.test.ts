// --format sarif (check-template and scan) against the SARIF 2.1.0 schema, vendored from OASIS
// (test/support/schemas/sarif-schema-2.1.0.json, errata01), and what code scanning needs of it:
// a rule per rule run, a result per NON_COMPLIANT verdict with its level, a file and line for a
// template, an ARN for a live resource, and suppressions that stay visible.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleHelp } from '../cli/commands/list.js';
import { ruleHelpUri } from '../cli/sarif.js';
import { ruleById, rules } from '../rules/index.js';
import { ACCOUNT, json, startFakeAws, type FakeAws } from './support/fake-aws.js';
import { fixturePath } from './support/fixtures.js';
import { cli } from './support/run-cli.js';

// The schema is draft-04 (`id`); Ajv 8 reads it as the later drafts once `id` is `$id`, the only
// draft-04 keyword it uses that changed.
const {
  id,
  $schema: _,
  ...schema
} = JSON.parse(readFileSync(join(__dirname, 'support', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8'));
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile({ $id: id, ...schema });

function expectValidSarif(text: string) {
  const log = JSON.parse(text);
  const valid = validate(log);
  expect(validate.errors ?? [], 'SARIF schema errors').toEqual([]);
  expect(valid).toBe(true);
  return log.runs[0];
}

const scratch = mkdtempSync(join(tmpdir(), 'ml-config-rules-sarif-'));
const TEMPLATES = fixturePath('_templates', '');
const resultOf = (run: any, ruleId: string, text: string) =>
  run.results.find((r: any) => r.ruleId === ruleId && r.message.text.includes(text));

describe('check-template --format sarif', () => {
  it('is valid SARIF 2.1.0: a rule per rule run, a result per NON_COMPLIANT verdict, with file, line and level', async () => {
    const out = await cli(['check-template', TEMPLATES, '--format', 'sarif']);
    expect(out.code).toBe(0);
    const run = expectValidSarif(out.stdout);
    expect(run.tool.driver.rules.map((r: any) => r.id)).toEqual(rules.map((r) => r.id));
    const kms = run.tool.driver.rules.find((r: any) => r.id === 'sagemaker-notebook-kms-key');
    expect(kms.help.markdown).toBe(ruleHelp(ruleById('sagemaker-notebook-kms-key')!));
    expect(kms.helpUri).toBe(ruleHelpUri('sagemaker-notebook-kms-key'));
    expect(kms.helpUri).toMatch(/docs\/rules\/sagemaker-notebook-kms-key\.md$/);

    const json = await cli(['check-template', TEMPLATES, '--format', 'json']);
    const nonCompliant = JSON.parse(json.stdout).filter((f: any) => f.ComplianceType === 'NON_COMPLIANT');
    expect(run.results).toHaveLength(nonCompliant.length);
    const uri = (file: string) => relative(process.cwd(), join(TEMPLATES, file));
    // JSON (CDK output): the resource's key, line 115; the property a verdict names, its own line.
    const notebook = resultOf(run, 'sagemaker-notebook-kms-key', 'ScoringNotebook');
    expect(notebook.level).toBe('warning');
    expect(notebook.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: uri('FraudDetectionStack.template.json') },
      region: { startLine: 115 },
    });
    const platform = resultOf(run, 'sagemaker-notebook-platform-supported', 'ScoringNotebook');
    expect(platform.locations[0].physicalLocation.region.startLine).toBe(120);
    // YAML: the property PublicAccessBlockConfiguration of AccessLogBucket (line 68) is on line 71.
    const bucket = resultOf(run, 's3-bucket-public-access-blocked', 'AccessLogBucket');
    expect(bucket.level).toBe('error');
    expect(bucket.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: uri('ml-platform.yaml') },
      region: { startLine: 71 },
    });
  });
});

describe('suppressions in a template', () => {
  const template = (suppress: unknown) =>
    [
      'Resources:',
      '  Sandbox:',
      '    Type: AWS::SageMaker::NotebookInstance',
      ...(suppress === undefined ? [] : ['    Metadata:', `      ml-config-rules: ${JSON.stringify({ suppress })}`]),
      '    Properties:',
      '      InstanceType: ml.t3.medium',
      '      RoleArn: arn:aws:iam::123456789012:role/nb',
      '      DirectInternetAccess: Enabled',
    ].join('\n');
  const write = (name: string, suppress: unknown) => {
    const file = join(scratch, name);
    writeFileSync(file, template(suppress));
    return file;
  };
  const rule = ['--rule', 'sagemaker-notebook-no-direct-internet'];
  const reason = 'sandbox account, no data; reviewed by security (SEC-142)';
  const suppressed = write('suppressed.yaml', [{ id: 'sagemaker-notebook-no-direct-internet', reason }]);

  it('shows SUPPRESSED with the reason in the table and in JSON; --fail-on does not count it', async () => {
    const table = await cli(['check-template', suppressed, ...rule, '--fail-on', 'non-compliant']);
    expect(table.code).toBe(0);
    const [, row] = table.stdout.trimEnd().split('\n');
    expect(row!.split('\t').slice(4)).toEqual([
      'SUPPRESSED',
      `${reason} (NON_COMPLIANT: DirectInternetAccess is Enabled)`,
    ]);
    const out = await cli(['check-template', suppressed, ...rule, '--format', 'json']);
    expect(JSON.parse(out.stdout)).toEqual([
      expect.objectContaining({
        logicalId: 'Sandbox',
        ComplianceType: 'SUPPRESSED',
        Annotation: 'DirectInternetAccess is Enabled',
        suppression: { reason },
        line: 9, // DirectInternetAccess, the property the verdict names
      }),
    ]);
  });

  it('stays a result in SARIF, marked suppressed in source with the reason', async () => {
    const run = expectValidSarif((await cli(['check-template', suppressed, ...rule, '--format', 'sarif'])).stdout);
    expect(run.results).toHaveLength(1);
    expect(run.results[0].suppressions).toEqual([{ kind: 'inSource', justification: reason }]);
    const plain = expectValidSarif(
      (await cli(['check-template', write('plain.yaml', undefined), ...rule, '--format', 'sarif'])).stdout,
    );
    expect(plain.results[0].suppressions).toBeUndefined();
  });

  it.each([
    [
      'reasonless',
      [{ id: 'sagemaker-notebook-no-direct-internet' }],
      /Sandbox: Metadata\.ml-config-rules\.suppress\[0\]: suppression of sagemaker-notebook-no-direct-internet has no reason/,
    ],
    [
      'expired',
      [{ id: 'sagemaker-notebook-no-direct-internet', reason, expires: '2020-06-30' }],
      /expired on 2020-06-30/,
    ],
    [
      'misspelt',
      [{ id: 'sagemaker-notebook-no-direct-internt', reason }],
      /did you mean sagemaker-notebook-no-direct-internet\?/,
    ],
  ])('refuses a %s suppression: exit 2, one line', async (name, suppress, message) => {
    const out = await cli(['check-template', write(`${name}.yaml`, suppress), ...rule]);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr.split('\n')).toHaveLength(2);
    expect(out.stderr).toMatch(message);
  });
});

describe('scan --format sarif, with --suppressions', () => {
  let aws: FakeAws;
  const arn = (name: string) => `arn:aws:sagemaker:us-east-1:${ACCOUNT}:endpoint/${name}`;
  const endpoints = ['fraud-scorer-prod', 'churn-sandbox', 'churn-predictor'];
  beforeAll(async () => {
    aws = await startFakeAws({
      ListEndpoints: () =>
        json({
          Endpoints: endpoints.map((name) => ({
            EndpointName: name,
            EndpointArn: arn(name),
            EndpointStatus: 'InService',
            CreationTime: 1_763_985_600,
            LastModifiedTime: 1_763_985_600,
          })),
        }),
      // Only the first endpoint is tagged.
      GetResources: () =>
        json({ ResourceTagMappingList: [{ ResourceARN: arn(endpoints[0]!), Tags: [{ Key: 'team', Value: 'risk' }] }] }),
      ListTags: () => json({ Tags: [] }),
    });
  });
  afterAll(() => aws.close());

  const scan = (...args: string[]) =>
    cli(['scan', '--rule', 'sagemaker-endpoint-tagged', '--region', 'us-east-1', ...args], {
      AWS_ENDPOINT_URL: aws.url,
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    });
  const file = join(scratch, 'exceptions.yaml');
  writeFileSync(
    file,
    [
      'suppress:',
      '  - id: sagemaker-endpoint-tagged',
      `    resource: arn:aws:sagemaker:*:${ACCOUNT}:endpoint/*-sandbox`,
      '    reason: sandbox endpoints are torn down nightly',
      '    expires: 2099-12-31',
    ].join('\n'),
  );

  it('locates each NON_COMPLIANT resource by its ARN; the suppressed one is marked external', async () => {
    const out = await scan('--format', 'sarif', '--suppressions', file);
    expect(out.stderr).toBe('');
    const run = expectValidSarif(out.stdout);
    const byName = Object.fromEntries(run.results.map((r: any) => [r.locations[0].logicalLocations[0].name, r]));
    expect(Object.keys(byName).sort()).toEqual(['churn-predictor', 'churn-sandbox']);
    expect(byName['churn-predictor'].locations[0].logicalLocations[0]).toEqual({
      name: 'churn-predictor',
      fullyQualifiedName: arn('churn-predictor'),
      kind: 'resource',
    });
    expect(byName['churn-predictor'].level).toBe('note');
    expect(byName['churn-predictor'].suppressions).toBeUndefined();
    expect(byName['churn-sandbox'].suppressions).toEqual([
      { kind: 'external', justification: 'sandbox endpoints are torn down nightly' },
    ]);
  });

  it('table and JSON show SUPPRESSED with the reason', async () => {
    const out = await scan('--suppressions', file, '--format', 'json');
    const sandbox = JSON.parse(out.stdout).find((e: any) => e.ComplianceResourceId === 'churn-sandbox');
    expect(sandbox).toMatchObject({
      ComplianceType: 'SUPPRESSED',
      suppression: { reason: 'sandbox endpoints are torn down nightly', expires: '2099-12-31' },
    });
    const table = await scan('--suppressions', file);
    expect(table.stdout.split('\n').find((l) => l.includes('churn-sandbox'))).toContain(
      '\tSUPPRESSED\tsandbox endpoints are torn down nightly (NON_COMPLIANT: ',
    );
    expect(table.stderr).toMatch(/1 non-compliant, 1 compliant, 0 not applicable, 1 suppressed/);
  });

  it('refuses an expired suppressions file before any call: exit 2, one line', async () => {
    const expired = join(scratch, 'expired.json');
    writeFileSync(
      expired,
      JSON.stringify([{ id: 'sagemaker-endpoint-tagged', resource: '*', reason: 'r', expires: '2021-01-01' }]),
    );
    const before = aws.count('ListEndpoints');
    const out = await scan('--suppressions', expired);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(
      `ml-config-rules: --suppressions ${expired}[0]: suppression of sagemaker-endpoint-tagged expired on 2021-01-01: renew it with a reason, or remove it\n`,
    );
    expect(aws.count('ListEndpoints')).toBe(before);
  });
});
