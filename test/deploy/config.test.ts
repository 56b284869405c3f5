// Stack configuration: a mistake fails before any resource exists, with a message naming the key
// (and the rule and parameter); the example stack of the repository is valid.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  CONFIG_KEYS,
  parseStackConfig,
  readStackConfig,
  StackConfigError,
  type RawStackConfig,
} from '../../deploy/config.js';
import { deployPack } from '../../deploy/program.js';
import { rules } from '../../rules/index.js';
import { installMocks, settle, stackFileConfig, stubCode } from './harness.js';

const DEPLOY = join(fileURLToPath(import.meta.url), '..', '..', '..', 'deploy');

const failsWith = (raw: RawStackConfig, message: string) => {
  expect(() => parseStackConfig(raw)).toThrow(StackConfigError);
  expect(() => parseStackConfig(raw)).toThrow(message);
};

describe('bad stack configuration', () => {
  it('names the rule and the parameter of an unknown parameter', () => {
    failsWith(
      {
        parameters: JSON.stringify({
          'sagemaker-notebook-kms-key': {
            kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/5f0c9a7e-2b61-4e3d-9a18-7c4e2d1b6f03',
          },
        }),
      },
      'ml-config-rules:parameters: rule sagemaker-notebook-kms-key: unknown parameter "kmsKeyArn" (this rule takes: scopeTagKey, scopeTagValue, kmsKeyArns)',
    );
  });

  it('names the rule, the parameter and the expected form of a malformed value', () => {
    failsWith(
      { parameters: JSON.stringify({ 'sagemaker-training-job-volume-kms': { lookbackDays: 'two weeks' } }) },
      'ml-config-rules:parameters: rule sagemaker-training-job-volume-kms: parameter "lookbackDays" must be a whole number from 1 to 3650, got "two weeks"',
    );
    failsWith(
      { parameters: JSON.stringify({ 'sagemaker-notebook-kms-key': { kmsKeyArns: 'my-key' } }) },
      'rule sagemaker-notebook-kms-key: parameter "kmsKeyArns" must be comma-separated KMS key ARNs',
    );
  });

  it('refuses unknown rule ids, in the selection and in parameters', () => {
    failsWith(
      { rules: '["sagemaker-notebook-kms-key","sagemaker-notebok-no-direct-internet"]' },
      'ml-config-rules:rules: unknown rule id "sagemaker-notebok-no-direct-internet"',
    );
    failsWith(
      { parameters: JSON.stringify({ 'sagemaker-notebook-kms': {} }) },
      'ml-config-rules:parameters: unknown rule id "sagemaker-notebook-kms"',
    );
    failsWith(
      {
        rules: 'sagemaker-notebook-kms-key',
        parameters: JSON.stringify({ 'sagemaker-endpoint-tagged': { requiredTagKeys: 'team' } }),
      },
      'rule sagemaker-endpoint-tagged is not selected in ml-config-rules:rules',
    );
  });

  it('refuses an unknown key, listing the known ones', () => {
    failsWith(
      { remediaton: 'automatic' },
      `ml-config-rules:remediaton: unknown key (known keys: ${Object.keys(CONFIG_KEYS).join(', ')})`,
    );
  });

  it('refuses malformed values, naming the key and what it takes', () => {
    failsWith(
      { remediation: 'auto' },
      'ml-config-rules:remediation: must be one of off, manual, automatic, got "auto"',
    );
    failsWith({ recordingFrequency: 'HOURLY' }, 'ml-config-rules:recordingFrequency: must be one of CONTINUOUS, DAILY');
    failsWith({ createRecorder: 'yes' }, 'ml-config-rules:createRecorder: must be one of auto, true, false, got "yes"');
    failsWith(
      { lambdaRuntime: 'nodejs20.x' },
      'ml-config-rules:lambdaRuntime: must be nodejs22.x or a later Node.js runtime',
    );
    failsWith({ logRetentionDays: '45' }, 'ml-config-rules:logRetentionDays: must be one of 1, 3, 5, 7, 14, 30');
    failsWith(
      { scopeTagValue: 'fraud-detection' },
      'ml-config-rules:scopeTagValue: needs ml-config-rules:scopeTagKey as well',
    );
    failsWith(
      { notifications: 'oncall' },
      'ml-config-rules:notifications: "oncall" is neither an SNS topic ARN, an e-mail address nor off',
    );
    failsWith(
      { namePrefix: 'ml config ' },
      `ml-config-rules:namePrefix: must hold only letters, digits and hyphens: the member-role stack set's name (<prefix>member-role) takes no " "`,
    );
  });

  it('refuses organization settings without organization mode, and bad account ids with it', () => {
    failsWith(
      { excludedAccounts: '["210987654321"]' },
      'ml-config-rules:excludedAccounts: only applies with ml-config-rules:organization true',
    );
    failsWith(
      { organization: 'true', memberRecorder: 'existing', excludedAccounts: '["2109-8765-4321"]' },
      'ml-config-rules:excludedAccounts: "2109-8765-4321" is not a 12-digit account id',
    );
    failsWith(
      {
        organization: 'true',
        memberRecorder: 'existing',
        namePrefix: 'ml-platform-compliance-',
        rules: 'sagemaker-training-job-inter-container-encryption',
      },
      'ml-config-rules:namePrefix: builds the organization Config rule name "ml-platform-compliance-sagemaker-training-job-inter-container-encryption", which AWS Config refuses: it is 72 characters, over the 64 AWS Config allows; use a shorter namePrefix',
    );
  });

  it('refuses tracking values AWS or the pack would refuse, each in one line naming the key', () => {
    failsWith({ tracking: 'yes' }, 'ml-config-rules:tracking: must be on or off, got "yes"');
    failsWith({ trackingNamespace: 'AWS' }, 'ml-config-rules:trackingNamespace: ');
    failsWith(
      { trackingNamespace: 'Custom' },
      'https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_RegisterType.html',
    );
    failsWith({ trackingNamespace: 'ml-rules' }, 'ml-config-rules:trackingNamespace: ');
    failsWith({ trackingRetentionDays: '0' }, 'ml-config-rules:trackingRetentionDays: ');
    failsWith({ trackingRetentionDays: '3651' }, 'ml-config-rules:trackingRetentionDays: ');
    failsWith({ trackingRetentionDays: 'ninety' }, 'ml-config-rules:trackingRetentionDays: ');
    failsWith(
      { tracking: 'off', trackingRetentionDays: '30' },
      'ml-config-rules:trackingRetentionDays: only applies with ml-config-rules:tracking on',
    );
    for (const raw of [{ trackingNamespace: 'AWS' }, { trackingRetentionDays: '0' }, { tracking: 'yes' }]) {
      const message = (() => {
        try {
          parseStackConfig(raw);
        } catch (error) {
          return (error as Error).message;
        }
      })();
      expect(message, JSON.stringify(raw)).not.toContain('\n');
    }
  });

  it('fails the program itself before it registers any resource', async () => {
    const resources = await installMocks({
      parameters: JSON.stringify({ 's3-bucket-versioning-enabled': { isMfaDeleteEnabled: 'maybe' } }),
    });
    expect(() => deployPack(readStackConfig(), { code: stubCode })).toThrow(
      'ml-config-rules:parameters: rule s3-bucket-versioning-enabled: parameter "isMfaDeleteEnabled" must be `true` or `false`, got "maybe"',
    );
    await settle();
    expect(resources).toHaveLength(0);
  });
});

describe('good stack configuration', () => {
  it('defaults to every rule and the documented defaults', () => {
    const config = parseStackConfig({});
    expect(config.rules.map((r) => r.id)).toEqual(rules.map((r) => r.id));
    expect(config).toMatchObject({
      namePrefix: 'ml-config-',
      createRecorder: 'auto',
      recordingFrequency: 'CONTINUOUS',
      snapshotFrequency: 'TwentyFour_Hours',
      remediation: 'manual',
      organization: false,
      lambdaRuntime: 'nodejs22.x',
      logRetentionDays: 30,
      memberRoleName: 'ml-config-rules-evaluator',
      notifications: { emails: [] },
    });
    expect(Object.values(config.inputParameters).every((p) => Object.keys(p).length === 0)).toBe(true);
  });

  it('tracks by default, in the MLConfigRules namespace for 90 days, and takes on, off, true and false', () => {
    expect(parseStackConfig({})).toMatchObject({
      tracking: true,
      trackingNamespace: 'MLConfigRules',
      trackingRetentionDays: 90,
    });
    expect(['on', 'off', 'true', 'false', ''].map((v) => parseStackConfig({ tracking: v }).tracking)).toEqual([
      true,
      false,
      true,
      false,
      true,
    ]);
    expect(parseStackConfig({ trackingNamespace: 'AcmeML', trackingRetentionDays: '365' })).toMatchObject({
      trackingNamespace: 'AcmeML',
      trackingRetentionDays: 365,
    });
  });

  it('takes createRecorder as auto (the default), true or false', () => {
    expect(['auto', 'true', 'false', ''].map((v) => parseStackConfig({ createRecorder: v }).createRecorder)).toEqual([
      'auto',
      true,
      false,
      'auto',
    ]);
  });

  it('accepts the example stack of the repository as Pulumi hands it over', () => {
    const config = parseStackConfig(stackFileConfig('Pulumi.example.yaml'));
    expect(config.namePrefix).toBe('mlplat-');
    expect(config.rules.length).toBeGreaterThan(10);
    expect(config.inputParameters['sagemaker-training-job-volume-kms']).toMatchObject({
      lookbackDays: '14',
      scopeTagKey: 'ml-pipeline',
      scopeTagValue: 'fraud-detection',
    });
    expect(config.notifications?.emails).toEqual(['ml-platform-oncall@example.com', 'fraud-detection-ml@example.com']);
    expect(config.logRetentionDays).toBe(90);
    expect(config.suppressions['s3-bucket-versioning-enabled']).toEqual([
      expect.objectContaining({ resource: 'mlplat-scratch-*', reason: expect.stringMatching(/^scratch buckets/) }),
    ]);
  });

  it('accepts lists as YAML lists or comma-separated strings, and list parameters as lists', () => {
    const a = parseStackConfig({ rules: 'sagemaker-notebook-kms-key, s3-bucket-versioning-enabled' });
    const b = parseStackConfig({ rules: '["s3-bucket-versioning-enabled","sagemaker-notebook-kms-key"]' });
    expect(a.rules.map((r) => r.id)).toEqual(b.rules.map((r) => r.id));
    const tags = parseStackConfig({
      rules: 'sagemaker-endpoint-tagged',
      parameters: JSON.stringify({ 'sagemaker-endpoint-tagged': { requiredTagKeys: ['team', 'cost-center'] } }),
    });
    expect(tags.inputParameters['sagemaker-endpoint-tagged']).toEqual({ requiredTagKeys: 'team,cost-center' });
  });
});

describe('the deploy documentation', () => {
  it('lists every configuration key with its default', () => {
    const docs = readFileSync(join(DEPLOY, '..', 'docs', 'deploy.md'), 'utf8');
    const documented = docs.includes('| `scopeTagKey` |') ? docs : undefined;
    expect(documented, 'a configuration table in docs/deploy.md').toBeDefined();
    for (const [key, { default: value }] of Object.entries(CONFIG_KEYS)) {
      const row = documented!.split('\n').find((line) => line.startsWith(`| \`${key}\` |`));
      expect(row, key).toBeDefined();
      expect(row!.split('|')[2]!.replaceAll('`', '').trim(), key).toBe(value);
    }
  });
});
