// `doctor`'s tracking checks, with the clients mocked (the local emulator implements neither the
// CloudFormation registry nor Lambda's metrics): each type registered, the capture's EventBridge
// rules enabled and aimed at the function, the function runnable and its last runs successful,
// and the account's custom items against Config's 100,000.
import { CloudFormationClient, DescribeTypeCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  ConfigServiceClient,
  DescribeConfigRulesCommand,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  GetDiscoveredResourceCountsCommand,
  type ResourceType,
} from '@aws-sdk/client-config-service';
import { DescribeRuleCommand, EventBridgeClient, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { runDoctor } from '../cli/commands/doctor.js';
import { type TrackingClients, trackingRows } from '../cli/doctor/tracking-checks.js';
import { ruleById } from '../rules/index.js';

const ACCOUNT = '123456789012';
const NOW = new Date('2026-11-28T12:00:00Z');
const FUNCTION_ARN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:ml-config-tracking-capture`;
const HOUR = 3_600_000;

const m = {
  cloudformation: mockClient(CloudFormationClient),
  events: mockClient(EventBridgeClient),
  lambda: mockClient(LambdaClient),
  cloudwatch: mockClient(CloudWatchClient),
  config: mockClient(ConfigServiceClient),
};
afterAll(() => {
  for (const mock of Object.values(m)) mock.restore();
});

const clients = (): TrackingClients => ({
  cloudformation: new CloudFormationClient({ region: 'us-east-1' }),
  events: new EventBridgeClient({ region: 'us-east-1' }),
  lambda: new LambdaClient({ region: 'us-east-1' }),
  cloudwatch: new CloudWatchClient({ region: 'us-east-1' }),
});
const config = () => new ConfigServiceClient({ region: 'us-east-1' });
const check = (organization = false) =>
  trackingRows(clients(), config(), {
    prefix: 'ml-config-',
    namespace: 'MLConfigRules',
    organization,
    now: NOW,
    target: (n) => n,
  });
/** A ResourceCount: the SDK's type lists AWS's own types, and Config answers third-party ones too. */
const counted = (resourceType: string, count: number) => ({ resourceType: resourceType as ResourceType, count });
const error = (name: string, message: string) => Object.assign(new Error(message), { name });

/** GetMetricData's answer: hourly sums, newest first. */
const metrics = (hours: { ago: number; invocations: number; errors: number }[]) => ({
  MetricDataResults: [
    {
      Id: 'invocations',
      Timestamps: hours.map((h) => new Date(NOW.getTime() - h.ago * HOUR)),
      Values: hours.map((h) => h.invocations),
    },
    {
      Id: 'errors',
      Timestamps: hours.map((h) => new Date(NOW.getTime() - h.ago * HOUR)),
      Values: hours.map((h) => h.errors),
    },
  ],
});

beforeEach(() => {
  for (const mock of Object.values(m)) mock.reset();
  m.cloudformation.on(DescribeTypeCommand).resolves({ DefaultVersionId: '00000002', DeprecatedStatus: 'LIVE' });
  m.lambda.on(GetFunctionCommand).resolves({
    Configuration: { FunctionName: 'ml-config-tracking-capture', FunctionArn: FUNCTION_ARN, State: 'Active' },
  });
  m.cloudwatch.on(GetMetricDataCommand).resolves(
    metrics([
      { ago: 3, invocations: 14, errors: 0 },
      { ago: 20, invocations: 1, errors: 1 },
    ]),
  );
  m.events.on(DescribeRuleCommand).resolves({ State: 'ENABLED' });
  m.events.on(ListTargetsByRuleCommand).resolves({ Targets: [{ Id: 'capture', Arn: FUNCTION_ARN }] });
  m.config.on(GetDiscoveredResourceCountsCommand).resolves({
    resourceCounts: [
      counted('AWS::S3::Bucket', 40_000),
      counted('MLConfigRules::SageMaker::TrainingJob', 1_100),
      counted('MLConfigRules::SageMaker::Endpoint', 100),
      counted('Acme::Billing::Invoice', 300),
    ],
  });
});

const statusOf = (rows: { check: string; target: string; status: string }[]) =>
  rows.map((r) => `${r.check} ${r.target} ${r.status}`);

describe('tracking checks', () => {
  it('passes a healthy deploy, one row per type, rule, the function and the item count', async () => {
    const rows = await check();
    expect(statusOf(rows)).toEqual([
      'tracked-type MLConfigRules::SageMaker::TrainingJob ok',
      'tracked-type MLConfigRules::SageMaker::ProcessingJob ok',
      'tracked-type MLConfigRules::SageMaker::Endpoint ok',
      'tracked-type MLConfigRules::SageMaker::Pipeline ok',
      'tracked-type MLConfigRules::SageMaker::PipelineExecution ok',
      'tracked-type MLConfigRules::SageMaker::ModelPackage ok',
      'tracked-type MLConfigRules::SageMaker::ModelPackageGroup ok',
      'capture-function ml-config-tracking-capture ok',
      'capture-rule ml-config-tracking-state-changes ok',
      'capture-rule ml-config-tracking-api-calls ok',
      'capture-rule ml-config-tracking-reconcile ok',
      'tracked-items active custom resources ok',
    ]);
    expect(rows[0]!.detail).toBe('registered, default version 00000002');
    // The newest hour with runs decides, not an older failure.
    expect(rows[7]!.detail).toBe('last ran in the hour from 2026-11-28T09:00:00.000Z: 14 runs, none failed');
    // Every custom type counts against the cap, AWS's own types do not.
    expect(rows[11]!.detail).toBe(
      '1,500 active custom resources (1,200 of them tracked by the pack) of the 100,000 an account may have',
    );
    expect(m.cloudformation.commandCalls(DescribeTypeCommand)[0]!.args[0].input).toEqual({
      Type: 'RESOURCE',
      TypeName: 'MLConfigRules::SageMaker::TrainingJob',
    });
    const query = m.cloudwatch.commandCalls(GetMetricDataCommand)[0]!.args[0].input;
    expect(query.StartTime).toEqual(new Date(NOW.getTime() - 25 * HOUR));
    expect(query.MetricDataQueries!.map((q) => q.MetricStat!.Metric!.MetricName)).toEqual(['Invocations', 'Errors']);
    expect(query.MetricDataQueries![0]!.MetricStat!.Metric!.Dimensions).toEqual([
      { Name: 'FunctionName', Value: 'ml-config-tracking-capture' },
    ]);
  });

  it('fails a type not registered here, or deregistered', async () => {
    m.cloudformation
      .on(DescribeTypeCommand, { TypeName: 'MLConfigRules::SageMaker::Pipeline' })
      .rejects(error('TypeNotFoundException', 'The type MLConfigRules::SageMaker::Pipeline cannot be found.'));
    m.cloudformation
      .on(DescribeTypeCommand, { TypeName: 'MLConfigRules::SageMaker::Endpoint' })
      .resolves({ DeprecatedStatus: 'DEPRECATED' });
    const rows = (await check()).filter((r) => r.status !== 'ok');
    expect(rows).toEqual([
      {
        check: 'tracked-type',
        target: 'MLConfigRules::SageMaker::Endpoint',
        status: 'fail',
        detail: 'the type is deregistered: Config refuses its items; run pulumi up with tracking on',
      },
      {
        check: 'tracked-type',
        target: 'MLConfigRules::SageMaker::Pipeline',
        status: 'fail',
        detail:
          "not registered here: Config refuses its items (PutResourceConfig); run pulumi up with tracking on, or pass the stack's --namespace",
      },
    ]);
  });

  it('warns, naming the call, when the registry cannot be read', async () => {
    m.cloudformation
      .on(DescribeTypeCommand)
      .rejects(error('AccessDeniedException', 'not authorized to perform: cloudformation:DescribeType'));
    const [row] = await check();
    expect(row!.check).toBe('tracked-type');
    expect(row!.status).toBe('warn');
    expect(row!.detail).toContain('cloudformation:DescribeType');
  });

  it('fails a missing, disabled or misdirected capture rule', async () => {
    m.events
      .on(DescribeRuleCommand, { Name: 'ml-config-tracking-state-changes' })
      .rejects(error('ResourceNotFoundException', 'Rule ml-config-tracking-state-changes does not exist.'));
    m.events.on(DescribeRuleCommand, { Name: 'ml-config-tracking-api-calls' }).resolves({ State: 'DISABLED' });
    m.events
      .on(ListTargetsByRuleCommand, { Rule: 'ml-config-tracking-reconcile' })
      .resolves({ Targets: [{ Id: 'other', Arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:someone-else` }] });
    const rows = (await check()).filter((r) => r.check === 'capture-rule');
    expect(rows.map((r) => [r.status, r.detail])).toEqual([
      ['fail', 'no EventBridge rule ml-config-tracking-state-changes: run pulumi up with tracking on'],
      ['fail', 'the rule is DISABLED: enable it (aws events enable-rule --name ml-config-tracking-api-calls)'],
      ['fail', 'the rule does not target ml-config-tracking-capture: run pulumi up to restore its target'],
    ]);
  });

  it('in organization mode, checks the central bus rules as well', async () => {
    const rows = (await check(true)).filter((r) => r.check === 'capture-rule');
    expect(rows.map((r) => r.target)).toEqual([
      'ml-config-tracking-state-changes',
      'ml-config-tracking-api-calls',
      'ml-config-tracking-reconcile',
      'ml-config-tracking/ml-config-tracking-state-changes',
      'ml-config-tracking/ml-config-tracking-api-calls',
      'ml-config-tracking/ml-config-tracking-reconcile',
    ]);
    const onBus = m.events.commandCalls(DescribeRuleCommand).filter((c) => c.args[0].input.EventBusName);
    expect(onBus.map((c) => c.args[0].input.EventBusName)).toEqual(Array(3).fill('ml-config-tracking'));
  });

  it('fails a missing or failed function, and its last runs when they all failed', async () => {
    const functionRow = async () => (await check()).find((r) => r.check === 'capture-function')!;
    m.cloudwatch.on(GetMetricDataCommand).resolves(
      metrics([
        { ago: 1, invocations: 3, errors: 3 },
        { ago: 6, invocations: 9, errors: 0 },
      ]),
    );
    expect(await functionRow()).toMatchObject({
      status: 'fail',
      detail:
        'every run in the hour from 2026-11-28T11:00:00.000Z failed (3): read the log group /aws/lambda/ml-config-tracking-capture',
    });
    m.cloudwatch.on(GetMetricDataCommand).resolves(metrics([{ ago: 1, invocations: 10, errors: 2 }]));
    expect(await functionRow()).toMatchObject({ status: 'warn', detail: expect.stringMatching(/^2 of 10 runs/) });
    m.cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    expect(await functionRow()).toMatchObject({
      status: 'warn',
      detail: expect.stringMatching(/^no run in the last 25 hours, though the reconcile runs daily/),
    });
    m.lambda.on(GetFunctionCommand).resolves({
      Configuration: {
        FunctionArn: FUNCTION_ARN,
        State: 'Failed',
        StateReasonCode: 'InvalidZipFileException',
        StateReason: 'Could not unzip uploaded file.',
      },
    });
    expect(await functionRow()).toMatchObject({
      status: 'fail',
      detail: 'the function is not runnable (InvalidZipFileException): Could not unzip uploaded file.',
    });
    m.lambda
      .on(GetFunctionCommand)
      .rejects(error('ResourceNotFoundException', 'Function not found: ml-config-tracking-capture'));
    expect(await functionRow()).toMatchObject({
      status: 'fail',
      detail: "no function ml-config-tracking-capture: run pulumi up with tracking on, or pass the stack's --prefix",
    });
  });

  it('warns above 80,000 custom items and fails at the 100,000 cap', async () => {
    const itemsRow = async () => (await check()).find((r) => r.check === 'tracked-items')!;
    m.config.on(GetDiscoveredResourceCountsCommand).resolves({
      resourceCounts: [counted('MLConfigRules::SageMaker::TrainingJob', 85_000)],
    });
    expect(await itemsRow()).toMatchObject({
      status: 'warn',
      detail:
        '85,000 active custom resources (85,000 of them tracked by the pack) of the 100,000 an account may have: over 80,000; lower trackingRetentionDays',
    });
    // Counted over every page (a mock's once-answers count its calls from its last reset).
    m.config.reset();
    m.config
      .on(GetDiscoveredResourceCountsCommand)
      .resolvesOnce({
        resourceCounts: [counted('MLConfigRules::SageMaker::TrainingJob', 99_000)],
        nextToken: 'p2',
      })
      .resolvesOnce({ resourceCounts: [counted('Acme::Billing::Invoice', 1_000)] });
    expect(await itemsRow()).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('Config refuses new items (MaxActiveResourcesExceededException)'),
    });
  });
});

describe('runDoctor', () => {
  const run = (tracking?: { namespace: string }) =>
    runDoctor({
      regions: ['us-east-1'],
      prefix: 'ml-config-',
      rules: [ruleById('sagemaker-training-job-volume-kms')!],
      named: false,
      organization: false,
      now: NOW,
      ...(tracking ? { tracking } : {}),
      clientsFor: () => ({
        config: config(),
        ssm: new SSMClient({ region: 'us-east-1' }),
        sagemaker: new SageMakerClient({ region: 'us-east-1' }),
        tagging: new ResourceGroupsTaggingAPIClient({ region: 'us-east-1' }),
      }),
      trackingClientsFor: clients,
    });

  beforeEach(() => {
    m.config.on(DescribeConfigRulesCommand).resolves({ ConfigRules: [] });
    m.config
      .on(DescribeConfigurationRecordersCommand)
      .resolves({ ConfigurationRecorders: [{ name: 'default', recordingGroup: { allSupported: true } }] });
    m.config
      .on(DescribeConfigurationRecorderStatusCommand)
      .resolves({ ConfigurationRecordersStatus: [{ name: 'default', recording: true, lastStatus: 'Success' }] });
  });

  it("adds tracking's rows with tracking on, in the stack's namespace, and none with it off", async () => {
    const on = await run({ namespace: 'AcmeML' });
    expect(on.filter((r) => r.check === 'tracked-type').map((r) => r.target)).toContain('AcmeML::SageMaker::Pipeline');
    expect(on.filter((r) => r.check === 'tracked-items')).toHaveLength(1);
    const off = await run();
    expect(off.some((r) => /^(tracked-|capture-)/.test(r.check))).toBe(false);
    expect(off.length).toBeGreaterThan(0);
  });
});
