// Rule parameters for `scan` (and other commands that run many rules): --params JSON, --params-file
// (YAML or JSON, a Pulumi stack file's parameter block included) and --tag, validated as the
// deploy validates the stack's parameters.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseStackConfig } from '../deploy/config.js';
import { parseParamsJson, parseScopeTag, readParamsFile } from '../cli/rule-params.js';
import { cli as runCli } from './support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ml-config-rules-params-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('--params', () => {
  it("takes the stack's shape and turns values into the strings Config carries", () => {
    expect(
      parseParamsJson(
        '{"sagemaker-endpoint-tagged": {"requiredTagKeys": ["team", "cost-center"]}, "sagemaker-endpoint-config-data-capture": {"minSamplingPercentage": 20}}',
      ),
    ).toEqual({
      'sagemaker-endpoint-tagged': { requiredTagKeys: 'team,cost-center' },
      'sagemaker-endpoint-config-data-capture': { minSamplingPercentage: '20' },
    });
  });

  it('refuses what the deploy refuses, with the same rule and parameter named', () => {
    const bad = '{"sagemaker-endpoint-config-data-capture": {"minSamplingPercentage": 200}}';
    expect(() => parseParamsJson(bad)).toThrow(
      '--params: rule sagemaker-endpoint-config-data-capture: parameter "minSamplingPercentage" must be a whole number from 0 to 100, got "200"',
    );
    expect(() => parseStackConfig({ parameters: bad })).toThrow(
      'parameter "minSamplingPercentage" must be a whole number from 0 to 100, got "200"',
    );
    expect(() => parseParamsJson('{"no-such-rule": {}}')).toThrow('--params: unknown rule id "no-such-rule"');
    expect(() => parseParamsJson('{"sagemaker-endpoint-tagged": {"requiredTags": "team"}}')).toThrow(
      'unknown parameter "requiredTags"',
    );
    expect(() => parseParamsJson('[1]')).toThrow('--params: must be a map of rule id to a parameter map');
    expect(() => parseParamsJson('{oops')).toThrow('--params is not valid JSON');
  });
});

describe('--params-file', () => {
  it('reads the parameter block of a Pulumi stack file', () => {
    const path = file(
      'Pulumi.prod.yaml',
      [
        'config:',
        '  aws:region: eu-west-1',
        '  ml-config-rules:scopeTagKey: ml-pipeline',
        '  ml-config-rules:parameters:',
        '    sagemaker-endpoint-tagged:',
        '      requiredTagKeys: ml-pipeline,cost-center,model-owner',
        '    sagemaker-training-job-volume-kms:',
        '      kmsKeyArns: arn:aws:kms:eu-west-1:123456789012:key/3b9e8f7d-6c5a-4d2e-b1f0-a9c8d7e6f5a4',
        '      lookbackDays: 14',
      ].join('\n'),
    );
    expect(readParamsFile(path)).toEqual({
      'sagemaker-endpoint-tagged': { requiredTagKeys: 'ml-pipeline,cost-center,model-owner' },
      'sagemaker-training-job-volume-kms': {
        kmsKeyArns: 'arn:aws:kms:eu-west-1:123456789012:key/3b9e8f7d-6c5a-4d2e-b1f0-a9c8d7e6f5a4',
        lookbackDays: '14',
      },
    });
  });

  it('reads the shipped example stack file', () => {
    const params = readParamsFile(join(__dirname, '..', 'deploy', 'Pulumi.example.yaml'));
    expect(params['sagemaker-endpoint-config-prod-instance-count']).toEqual({ minInstanceCount: '2' });
  });

  it('reads a plain JSON or YAML map, and names the file in every refusal', () => {
    expect(
      readParamsFile(file('params.json', '{"s3-bucket-versioning-enabled": {"isMfaDeleteEnabled": true}}')),
    ).toEqual({ 's3-bucket-versioning-enabled': { isMfaDeleteEnabled: 'true' } });
    const stackWithout = file('Pulumi.dev.yaml', 'config:\n  aws:region: us-east-1\n');
    expect(() => readParamsFile(stackWithout)).toThrow(
      `--params-file ${stackWithout}: a stack file without ml-config-rules:parameters`,
    );
    expect(() => readParamsFile(join(dir, 'missing.yaml'))).toThrow(/missing\.yaml: cannot read it \(ENOENT\)/);
    expect(() => readParamsFile(file('broken.yaml', 'a: [1, 2'))).toThrow(/broken\.yaml: not YAML or JSON/);
  });
});

describe('--tag', () => {
  it('is the scope tag: a key, or a key and a value', () => {
    expect(parseScopeTag('ml-pipeline')).toEqual({ scopeTagKey: 'ml-pipeline' });
    expect(parseScopeTag('ml-pipeline=fraud-detection')).toEqual({
      scopeTagKey: 'ml-pipeline',
      scopeTagValue: 'fraud-detection',
    });
    expect(parseScopeTag('cost-center=a=b')).toEqual({ scopeTagKey: 'cost-center', scopeTagValue: 'a=b' });
    expect(() => parseScopeTag('=x')).toThrow('--tag must be KEY or KEY=VALUE');
  });
});

it('scan answers a parameter mistake with one line and exit 2, before any AWS call', async () => {
  const run = await runCli(
    [
      'scan',
      '--rule',
      'sagemaker-endpoint-tagged',
      '--params',
      '{"sagemaker-endpoint-tagged": {"requiredTagKeys": 3, "x": 1}}',
    ],
    {
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    },
  );
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.trimEnd().split('\n')).toEqual([
    expect.stringMatching(/^ml-config-rules: --params: rule sagemaker-endpoint-tagged: unknown parameter "x"/),
  ]);
});
