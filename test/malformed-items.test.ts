// A malformed configuration item is not a resource state: it fails the evaluation with a typed
// error naming the field and what was expected, and the Lambda reports nothing for it.
import { ConfigServiceClient, PutEvaluationsCommand } from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { evaluateEvent } from '../rules/_core/engine.js';
import { InvalidConfigurationError } from '../rules/_core/errors.js';
import { makeHandler } from '../rules/_core/handler.js';
import { inputToEvent } from '../cli/local/input.js';
import { localSources } from '../cli/local/sources.js';
import { ruleById, rules } from '../rules/index.js';
import { cli as runCli } from './support/run-cli.js';

const NOTEBOOK = 'AWS::SageMaker::NotebookInstance';

/** A configuration item as Config puts it in a change event (trimmed to what matters here). */
const item = (resourceType: string, configuration: unknown, extra: Record<string, unknown> = {}) => ({
  configurationItemVersion: '1.3',
  configurationItemCaptureTime: '2026-11-20T09:14:03.512Z',
  configurationItemStatus: 'OK',
  awsAccountId: '123456789012',
  awsRegion: 'us-east-1',
  resourceType,
  resourceId: 'churn-explore',
  resourceName: 'churn-explore',
  tags: {},
  configuration,
  supplementaryConfiguration: {},
  ...extra,
});

const evaluate = (ruleId: string, raw: unknown) =>
  evaluateEvent(ruleById(ruleId)!, inputToEvent(raw), localSources([]));

describe('a configuration that is not an object', () => {
  it.each([
    ['a string', '"garbage"', 'got a string'],
    ['a number', 42, 'got number 42'],
    ['a list', [{ DirectInternetAccess: 'Disabled' }], 'got a list'],
    ['null on a live resource', null, 'got null'],
    ['true', true, 'got boolean true'],
  ])('fails as %s, never NON_COMPLIANT', async (_case, configuration, got) => {
    await expect(evaluate('sagemaker-notebook-no-direct-internet', item(NOTEBOOK, configuration))).rejects.toThrow(
      new InvalidConfigurationError(`${NOTEBOOK} churn-explore: configuration must be an object, ${got}`),
    );
  });

  it('fails as the string "garbage" in API form too (configuration as text that is not JSON)', async () => {
    const api = { ...item('AWS::SageMaker::NotebookInstanceLifecycleConfig', 'garbage'), accountId: '123456789012' };
    await expect(evaluate('sagemaker-notebook-lifecycle-no-secrets', api)).rejects.toThrow(InvalidConfigurationError);
  });

  it('stays NOT_APPLICABLE on a deleted resource, whose configuration Config sends as null', async () => {
    const deleted = item(NOTEBOOK, null, { configurationItemStatus: 'ResourceDeleted' });
    const { evaluations } = await evaluate('sagemaker-notebook-no-direct-internet', deleted);
    expect(evaluations.map((e) => [e.ComplianceType, e.Annotation])).toEqual([
      ['NOT_APPLICABLE', 'configurationItemStatus is ResourceDeleted'],
    ]);
  });

  it('is refused for every rule, with no verdict', async () => {
    for (const rule of rules.filter((r) => r.source === 'config')) {
      const event = inputToEvent(item(rule.resourceTypes[0]!, 'garbage'));
      await expect(evaluateEvent(rule, event, localSources([])), rule.id).rejects.toThrow(InvalidConfigurationError);
    }
  });
});

describe('a field of the wrong type', () => {
  it.each([
    [
      'sagemaker-notebook-lifecycle-no-secrets',
      'AWS::SageMaker::NotebookInstanceLifecycleConfig',
      { OnStart: [{ Content: 12 }] },
      'configuration.OnStart[0].Content must be a string, got number 12',
    ],
    [
      'sagemaker-notebook-lifecycle-no-secrets',
      'AWS::SageMaker::NotebookInstanceLifecycleConfig',
      { OnCreate: 'not-a-list' },
      'configuration.OnCreate must be a list of hook objects, got a string',
    ],
    [
      'sagemaker-notebook-no-direct-internet',
      NOTEBOOK,
      { DirectInternetAccess: 5 },
      'configuration.DirectInternetAccess must be a string, got number 5',
    ],
    [
      'sagemaker-endpoint-config-network-isolation',
      'AWS::SageMaker::EndpointConfig',
      { EnableNetworkIsolation: 'yes' },
      'configuration.EnableNetworkIsolation must be true or false, got a string',
    ],
    [
      'sagemaker-endpoint-config-prod-instance-count',
      'AWS::SageMaker::EndpointConfig',
      { ProductionVariants: [{ InitialInstanceCount: 'two' }] },
      'configuration.ProductionVariants[0].InitialInstanceCount must be a number, got a string',
    ],
    [
      'sagemaker-model-in-vpc',
      'AWS::SageMaker::Model',
      { VpcConfig: { Subnets: 'subnet-0a1b2c3d' } },
      'configuration.VpcConfig.Subnets must be a list, got a string',
    ],
    [
      'sagemaker-training-job-volume-kms',
      'AWS::SageMaker::TrainingJob',
      { ResourceConfig: [] },
      'configuration.ResourceConfig must be an object, got a list',
    ],
    [
      'sagemaker-feature-group-online-kms',
      'AWS::SageMaker::FeatureGroup',
      { OnlineStoreConfig: { EnableOnlineStore: true, SecurityConfig: { KmsKeyId: {} } } },
      'configuration.OnlineStoreConfig.SecurityConfig.KmsKeyId must be a string, got an object',
    ],
    [
      'sagemaker-monitoring-job-kms-key',
      'AWS::SageMaker::ModelBiasJobDefinition',
      { ModelBiasJobOutputConfig: { KmsKeyId: 7 } },
      'configuration.ModelBiasJobOutputConfig.KmsKeyId must be a string, got number 7',
    ],
    [
      'sagemaker-model-package-group-approval',
      'AWS::SageMaker::ModelPackageGroup',
      { LatestModelPackage: { ModelApprovalStatus: ['Approved'] } },
      'configuration.LatestModelPackage.ModelApprovalStatus must be a string, got a list',
    ],
    [
      'sagemaker-domain-vpc-only',
      'AWS::SageMaker::Domain',
      { AppNetworkAccessType: false },
      'configuration.AppNetworkAccessType must be a string, got boolean false',
    ],
    [
      'sagemaker-endpoint-monitoring-scheduled',
      'AWS::SageMaker::Endpoint',
      { EndpointStatus: 'InService', MonitoringSchedules: {} },
      'configuration.MonitoringSchedules must be a list, got an object',
    ],
    [
      'sagemaker-inference-experiment-kms-key',
      'AWS::SageMaker::InferenceExperiment',
      { KmsKey: 1 },
      'configuration.KmsKey must be a string, got number 1',
    ],
  ])('%s: %j', async (ruleId, type, configuration, message) => {
    await expect(evaluate(ruleId, item(type, configuration))).rejects.toThrow(
      new InvalidConfigurationError(`${type} churn-explore: ${message}`),
    );
  });

  it('checks the S3 supplementary configuration the bucket rules read', async () => {
    const bucket = item(
      'AWS::S3::Bucket',
      {},
      { supplementaryConfiguration: { PublicAccessBlockConfiguration: { blockPublicAcls: 'sure' } } },
    );
    await expect(evaluate('s3-bucket-public-access-blocked', bucket)).rejects.toThrow(
      'AWS::S3::Bucket churn-explore: supplementaryConfiguration.PublicAccessBlockConfiguration.blockPublicAcls must be true or false, got a string',
    );
  });

  it('allows extra fields, null for unset ones and CloudFormation-style "true"', async () => {
    const configuration = {
      EnableNetworkIsolation: 'true',
      KmsKeyId: null,
      SomethingNew: { Nested: [1, 2] },
      ProductionVariants: [],
    };
    const { evaluations } = await evaluate(
      'sagemaker-endpoint-config-network-isolation',
      item('AWS::SageMaker::EndpointConfig', configuration),
    );
    expect(evaluations[0]!.ComplianceType).toBe('COMPLIANT');
  });
});

// Config's client, mocked for every Lambda run of this file: PutEvaluations must never be called.
const config = mockClient(ConfigServiceClient);
afterAll(() => config.restore());

/** A rule's Lambda handler on the change event Config would send for `configurationItem`. */
const invoke = (ruleId: string, configurationItem: unknown, ruleParameters = '{}') =>
  makeHandler(ruleById(ruleId)!, { config: new ConfigServiceClient({ region: 'us-east-1' }) })({
    invokingEvent: JSON.stringify({ messageType: 'ConfigurationItemChangeNotification', configurationItem }),
    ruleParameters,
    resultToken: 'token',
  });

describe('the Lambda and the command on a malformed item', () => {
  beforeEach(() => {
    config.reset();
    config.on(PutEvaluationsCommand).resolves({ FailedEvaluations: [] });
    vi.spyOn(console, 'log').mockImplementation(() => {});
  });
  afterEach(() => vi.restoreAllMocks());

  it('the invocation fails and nothing is reported', async () => {
    await expect(invoke('sagemaker-notebook-no-direct-internet', item(NOTEBOOK, 'garbage'))).rejects.toThrow(
      InvalidConfigurationError,
    );
    expect(config.commandCalls(PutEvaluationsCommand)).toHaveLength(0);
  });

  it('`evaluate` exits 2 with one line naming the field', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'malformed-')), 'item.json');
    writeFileSync(
      file,
      JSON.stringify(item('AWS::SageMaker::NotebookInstanceLifecycleConfig', { OnStart: [{ Content: 12 }] })),
    );
    const run = await runCli(['evaluate', file, '--rule', 'sagemaker-notebook-lifecycle-no-secrets']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'ml-config-rules: AWS::SageMaker::NotebookInstanceLifecycleConfig churn-explore: configuration.OnStart[0].Content must be a string, got number 12\n',
    );
  });
});

// Config's own limits on an item (API_ConfigurationItem.html, API_Evaluation.html): what Config
// would never send is refused naming the field, in the command and in Lambda, never judged.
describe("an item outside Config's own limits", () => {
  const notebook = (extra: Record<string, unknown>) => item(NOTEBOOK, { DirectInternetAccess: 'Disabled' }, extra);
  const cases: [string, Record<string, unknown>, string][] = [
    ['a tag value that is an object', { tags: { team: { name: 'x' } } }, 'tags.team must be a string, got an object'],
    [
      'a tag value that is a number',
      { tags: { 'cost-center': 4410 } },
      'tags.cost-center must be a string, got number 4410',
    ],
    [
      'a {Key, Value} tag whose value is a list',
      { tags: [{ Key: 'team', Value: ['growth'] }] },
      'tags.team must be a string, got a list',
    ],
    [
      'supplementaryConfiguration that is a number',
      { supplementaryConfiguration: 5 },
      'supplementaryConfiguration must be an object of named values, got number',
    ],
    [
      'supplementaryConfiguration that is a list',
      { supplementaryConfiguration: [] },
      'supplementaryConfiguration must be an object of named values, got a list',
    ],
    [
      'a resourceId of 1 MB',
      { resourceId: 'n'.repeat(1 << 20) },
      `resourceId is ${1 << 20} characters long; Config allows at most 768`,
    ],
    [
      'a resourceType of 300 characters',
      { resourceType: `AWS::SageMaker::${'N'.repeat(284)}` },
      'resourceType is 300 characters long; Config allows at most 256',
    ],
    [
      'a capture time in year 0001',
      { configurationItemCaptureTime: '0001-01-01T00:00:00.000Z' },
      'configurationItemCaptureTime 0001-01-01T00:00:00.000Z is outside the range Config records (2006 to now plus 15 minutes)',
    ],
    [
      'a capture time in year 2999',
      { configurationItemCaptureTime: '2999-06-01T00:00:00.000Z' },
      'configurationItemCaptureTime 2999-06-01T00:00:00.000Z is outside the range Config records (2006 to now plus 15 minutes)',
    ],
  ];

  it.each(cases)('refuses %s with InvalidConfigurationError naming the field', async (_case, extra, message) => {
    // Refused while the item is read, before the rule's applicability looks at its tags.
    await expect(async () => evaluate('sagemaker-notebook-no-direct-internet', notebook(extra))).rejects.toThrow(
      new InvalidConfigurationError(message),
    );
  });

  it('accepts a resourceId of exactly 768 characters and a capture time of now', async () => {
    const extra = { resourceId: 'n'.repeat(768), configurationItemCaptureTime: new Date().toISOString() };
    const { evaluations } = await evaluate('sagemaker-notebook-no-direct-internet', notebook(extra));
    expect(evaluations.map((e) => e.ComplianceType)).toEqual(['COMPLIANT']);
  });

  describe('in Lambda', () => {
    beforeEach(() => {
      config.reset();
      config.on(PutEvaluationsCommand).resolves({ FailedEvaluations: [] });
      vi.spyOn(console, 'log').mockImplementation(() => {});
    });
    afterEach(() => vi.restoreAllMocks());

    it.each(cases)('%s: the invocation fails and nothing is reported', async (_case, extra) => {
      await expect(invoke('sagemaker-resource-tagged', notebook(extra))).rejects.toThrow(InvalidConfigurationError);
      expect(config.commandCalls(PutEvaluationsCommand)).toHaveLength(0);
    });

    it('refuses a rule parameter that is not a string, as InputParameters never holds one', async () => {
      await expect(
        invoke('sagemaker-notebook-kms-key', notebook({}), '{"kmsKeyArns":{"toString":"x"}}'),
      ).rejects.toThrow(
        'rule sagemaker-notebook-kms-key: parameter "kmsKeyArns" must be comma-separated KMS key ARNs, key ids or alias ARNs as a string, got an object',
      );
      expect(config.commandCalls(PutEvaluationsCommand)).toHaveLength(0);
    });
  });

  it('`evaluate` exits 2 with one line for each, and for a parameter that is an object', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'limits-'));
    const file = join(dir, 'item.json');
    writeFileSync(file, JSON.stringify(notebook({ tags: { team: { name: 'x' } } })));
    const run = await runCli(['evaluate', file, '--rule', 'sagemaker-resource-tagged']);
    expect([run.code, run.stdout, run.stderr]).toEqual([
      2,
      '',
      'ml-config-rules: tags.team must be a string, got an object\n',
    ]);
    writeFileSync(file, JSON.stringify(notebook({})));
    const params = await runCli([
      'evaluate',
      file,
      '--rule',
      'sagemaker-notebook-kms-key',
      '--params',
      '{"kmsKeyArns":{"toString":"x"}}',
    ]);
    expect([params.code, params.stdout, params.stderr]).toEqual([
      2,
      '',
      'ml-config-rules: --params: rule sagemaker-notebook-kms-key: parameter "kmsKeyArns" must be a string, number, boolean or list of strings\n',
    ]);
  });
});
