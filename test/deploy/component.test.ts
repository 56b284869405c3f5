// MlConfigRules, the component a stack adds with `new MlConfigRules(...)`, under Pulumi's mocks:
// two instances in one stack (two Regions through two providers, with two name prefixes) register
// no two resources of the same type and name, every resource is named under its component's name,
// and the arguments are validated as the stack configuration is.
import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
  ListConfigurationRecordersCommand,
} from '@aws-sdk/client-config-service';
import * as aws from '@pulumi/aws';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replaceCodeWhenNoneGiven } from '../../deploy/bundles.js';
import { MlConfigRules, stackValuesOf } from '../../deploy/component.js';
import { parseStackConfig } from '../../deploy/config.js';
import { installMocks, settle, resolved, stubCode, stubTrackerCode, type MockResource } from './harness.js';

// An account with no recorder yet, as DescribeConfigurationRecorders and the rest answer for one.
const configApi = mockClient(ConfigServiceClient);
// Placeholders for the functions' code: this file is about resources and names, and the bundles
// are built and run in the integration tier (test/deploy/bundles.test.ts).
const built = replaceCodeWhenNoneGiven({ rules: () => stubCode!, tracker: () => stubTrackerCode! });
afterAll(() => replaceCodeWhenNoneGiven(built));
beforeAll(() => {
  configApi.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [] });
  configApi.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [] });
  configApi.on(DescribeDeliveryChannelsCommand).resolves({ DeliveryChannels: [] });
  configApi.on(ListConfigurationRecordersCommand).resolves({ ConfigurationRecorderSummaries: [] });
});
afterAll(() => configApi.restore());

const RULES = ['sagemaker-notebook-kms-key', 'sagemaker-endpoint-tagged', 's3-bucket-versioning-enabled'];

describe('two MlConfigRules in one stack', () => {
  let resources: MockResource[];
  let east: MlConfigRules;
  let west: MlConfigRules;

  beforeAll(async () => {
    resources = await installMocks({});
    const usEast = new aws.Provider('us-east-1', { region: 'us-east-1' });
    const euWest = new aws.Provider('eu-west-1', { region: 'eu-west-1' });
    east = new MlConfigRules('ml-east', { rules: RULES, namePrefix: 'mlea-' }, { provider: usEast });
    west = new MlConfigRules(
      'ml-west',
      { rules: RULES, namePrefix: 'mlwe-', tracking: 'off', notifications: 'off' },
      { provider: euWest },
    );
    await resolved(east.configRules);
    await resolved(west.configRules);
    await settle();
  }, 60_000);

  it('registers no two resources of the same type and name', () => {
    const keys = resources.map((r) => `${r.type} ${r.name}`);
    const twice = keys.filter((k, i) => keys.indexOf(k) !== i);
    expect(twice).toEqual([]);
    expect(resources.filter((r) => r.type === 'aws:cfg/rule:Rule')).toHaveLength(2 * RULES.length);
  });

  it('names every resource under its component, as a descendant of it', () => {
    const byName = new Map(resources.map((r) => [r.name, r]));
    const rootOf = (r: MockResource): MockResource => (r.parent ? rootOf(byName.get(r.parent)!) : r);
    for (const r of resources) {
      if (r.type === 'pulumi:providers:aws') continue;
      const root = rootOf(r);
      expect(root.type, r.name).toBe('ml-config-rules:index:MlConfigRules');
      expect(r.name.startsWith(root.name), `${r.type} ${r.name} under ${root.name}`).toBe(true);
    }
  });

  it('gives each its own AWS names and outputs', async () => {
    expect(await resolved(east.configRules)).toEqual(RULES.map((id) => `mlea-${id}`).sort());
    expect(await resolved(west.configRules)).toEqual(RULES.map((id) => `mlwe-${id}`).sort());
    expect(Object.keys(await resolved(east.functions)).sort()).toEqual([...RULES].sort());
    expect(await resolved(east.deliveryBucket)).toMatch(/^mlea-/);
    expect(await resolved(east.captureFunction)).toBe('mlea-tracking-capture');
    expect(await resolved(west.captureFunction)).toBe('');
    expect(await resolved(west.notificationTopicArn)).toBe('');
    expect(await resolved(east.notificationTopicArn)).toMatch(/^arn:aws:sns:/);
  });
});

describe('MlConfigRules arguments', () => {
  it('take the stack configuration keys, and only those', () => {
    expect(Object.keys(stackValuesOf({ rules: ['a'], organization: true, remediationAttempts: 3 }))).toEqual([
      'rules',
      'organization',
      'remediationAttempts',
    ]);
  });

  it('turn typed values into the strings the stack file would hold, which validate the same way', () => {
    const config = parseStackConfig(
      stackValuesOf({
        rules: ['sagemaker-notebook-kms-key'],
        parameters: {
          'sagemaker-notebook-kms-key': {
            kmsKeyArns: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
          },
        },
        retainDeliveryBucket: false,
        logRetentionDays: 90,
        tracking: 'off',
      }),
    );
    expect(config.rules.map((r) => r.id)).toEqual(['sagemaker-notebook-kms-key']);
    expect(config.retainDeliveryBucket).toBe(false);
    expect(config.logRetentionDays).toBe(90);
    expect(config.tracking).toBe(false);
  });

  it('refuse a wrong value with the stack configuration message, before any resource', async () => {
    await installMocks({});
    expect(() => new MlConfigRules('bad', { rules: ['sagemaker-notebok-kms-key'] })).toThrow(
      /ml-config-rules:rules: unknown rule id "sagemaker-notebok-kms-key"/,
    );
    expect(() => new MlConfigRules('bad', { logRetentionDays: 17 })).toThrow(/logRetentionDays/);
    expect(() => new MlConfigRules('bad', { unknownKey: 'x' } as never)).toThrow(/unknownKey: unknown key/);
  });
});
