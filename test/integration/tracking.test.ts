// Tracking end to end: the capture function's Lambda bundle, built as the deploy builds it and run
// in a fresh Node process per event (as a cold Lambda container runs it), against the local AWS
// emulator (moto) behind a loopback proxy that fills in what moto lacks (test/support/tracking-proxy.ts:
// Config's read-back of custom types, a training job's status over time and its Environment, and
// ListMonitoringSchedules). The events are the documented EventBridge events
// (fixtures/_tracking/events/) with the names changed to the seeded resources.
//
// A training job goes from InProgress to Completed to deleted, and an endpoint is updated to a
// configuration without a KMS key. Checked: the exact PutResourceConfig and DeleteResourceConfig
// requests Config received, that no planted secret reached Config (or the function's log), and the
// verdicts the pack's rules give on the recorded items, evaluated as Config hands an item to a rule.
import { DescribeTrainingJobCommand, ListTagsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directLoaders } from '../../cli/direct/index.js';
import { changeEventFor, readJsonFile } from '../../cli/local/fixtures.js';
import { FIXTURES_DIR } from '../../cli/paths.js';
import { evaluateEvent } from '../../rules/_core/engine.js';
import { parseEvent } from '../../rules/_core/event.js';
import type { ConfigItem } from '../../rules/_core/items.js';
import { TRACKING_ENV } from '../../rules/_tracking/handler.js';
import type { EventBridgeEvent } from '../../rules/_tracking/targets.js';
import { ruleById } from '../../rules/index.js';
import { buildTracker } from '../../scripts/build.js';
import { motoInstalled, startMoto, type Moto } from '../support/moto.js';
import { runCli } from '../support/run-cli.js';
import {
  startTrackingProxy,
  type ConfigRequest,
  type StoredItem,
  type TrackingProxy,
} from '../support/tracking-proxy.js';
import {
  arnOf,
  ENDPOINT_TAGS,
  KMS_KEY,
  moveEndpointToPlainConfig,
  SEEDED_SECRETS,
  seedEndpoint,
  seedTrainingJob,
  TRACKED,
} from '../support/tracking-seed.js';
import { ACCOUNT, REGION } from '../support/tracking.js';

const run = promisify(execFile);
const NS = 'MLConfigRules';
const TRAINING_JOB_TYPE = `${NS}::SageMaker::TrainingJob`;
const ENDPOINT_TYPE = `${NS}::SageMaker::Endpoint`;
const SCHEMA_VERSION = '00000001';
const FUNCTION_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:ml-config-rules-tracking-capture`;
const REDACTED = 'REDACTED';

let moto: Moto;
let proxy: TrackingProxy;
let sagemaker: SageMakerClient;
let workDir: string;
let bundle: string;
let env: Record<string, string>;

beforeAll(async () => {
  if (!motoInstalled()) throw new Error('moto_server is not installed (pip install "moto[server]")');
  workDir = mkdtempSync(join(tmpdir(), 'ml-config-rules-tracking-'));
  const [started, built] = await Promise.all([startMoto({ accountId: ACCOUNT }), buildTracker({ outDir: workDir })]);
  moto = started;
  bundle = built.file;
  proxy = await startTrackingProxy(moto.url);
  env = { ...moto.env, AWS_ENDPOINT_URL: proxy.url };
  // Seeded through the proxy: it keeps the training job's Environment, which moto drops.
  sagemaker = new SageMakerClient({
    region: REGION,
    endpoint: proxy.url,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! },
  });
  await Promise.all([seedTrainingJob(sagemaker), seedEndpoint(sagemaker)]);
});

afterAll(async () => {
  await proxy?.close();
  await moto?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

// --- The EventBridge events, from the documented fixtures ---------------------------------------

const fixture = (name: string) =>
  readJsonFile(join(FIXTURES_DIR, '_tracking', 'events', name)) as EventBridgeEvent & { detail: Record<string, any> };

function trainingJobStateChange(status: 'InProgress' | 'Completed'): EventBridgeEvent {
  const event = fixture('training-job-state-change.json');
  const arn = arnOf('training-job', TRACKED.trainingJob);
  return {
    ...event,
    resources: [arn],
    detail: {
      ...event.detail,
      TrainingJobName: TRACKED.trainingJob,
      TrainingJobArn: arn,
      TrainingJobStatus: status,
      SecondaryStatus: status === 'InProgress' ? 'Training' : status,
    },
  };
}

/** An "AWS API Call via CloudTrail" event, from the documented CreateEndpoint record. */
function apiCall(eventName: string, requestParameters: object, responseElements: object | null): EventBridgeEvent {
  const event = fixture('cloudtrail-create-endpoint.json');
  return {
    ...event,
    region: REGION,
    detail: {
      ...event.detail,
      eventName,
      awsRegion: REGION,
      recipientAccountId: ACCOUNT,
      requestParameters,
      responseElements,
    },
  };
}

const endpointCall = (eventName: 'CreateEndpoint' | 'UpdateEndpoint', endpointConfigName: string) =>
  apiCall(
    eventName,
    { endpointName: TRACKED.endpoint, endpointConfigName },
    { endpointArn: arnOf('endpoint', TRACKED.endpoint) },
  );

// --- The capture function, run as Lambda runs it --------------------------------------------------

// The Lambda runtime requires index.js and calls exports.handler(event, context).
const RUNNER = `
  const { handler } = require(process.argv[1]);
  const event = JSON.parse(require('node:fs').readFileSync(process.argv[2], 'utf8'));
  handler(event, { invokedFunctionArn: process.argv[3] })
    .then((r) => console.log('RESULT ' + JSON.stringify(r)))
    .catch((e) => { console.error(e); process.exit(1); });`;

let events = 0;
const eventFile = (event: EventBridgeEvent) => {
  const file = join(workDir, `event-${++events}.json`);
  writeFileSync(file, JSON.stringify(event));
  return file;
};

const functionEnv = () => ({
  PATH: process.env.PATH!,
  ...env,
  // What the deploy sets on the capture function: the namespace and each registered schema version.
  [TRACKING_ENV.namespace]: NS,
  [TRACKING_ENV.schemaVersions]: JSON.stringify({ TrainingJob: SCHEMA_VERSION, Endpoint: SCHEMA_VERSION }),
});

/**
 * One invocation in a fresh Node process: the handler's result, its log lines, and what Config
 * received. Nothing survives from one event to the next but what Config holds, so an event that
 * sends nothing was stopped by Config's read-back, not by a cache in the function.
 */
async function invoke(event: EventBridgeEvent) {
  const before = proxy.writes().length;
  const { stdout } = await run(process.execPath, ['-e', RUNNER, bundle, eventFile(event), FUNCTION_ARN], {
    cwd: workDir,
    env: functionEnv(),
  });
  const lines = stdout.trim().split('\n');
  const result = JSON.parse(lines.find((l) => l.startsWith('RESULT '))!.slice('RESULT '.length));
  const logs = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
  return { result, logs, stdout, sent: proxy.writes().slice(before) };
}

// --- Verdicts: a recorded item handed to a rule as Config hands it --------------------------------

/** The event form of an item Config served back: configuration as an object, times as ISO text. */
function eventForm(item: StoredItem): Record<string, unknown> {
  const { accountId, configuration, configurationItemCaptureTime, ...rest } = item;
  return {
    ...rest,
    awsAccountId: accountId,
    configurationItemCaptureTime: new Date(configurationItemCaptureTime * 1000).toISOString(),
    configuration: configuration === undefined ? null : JSON.parse(configuration),
  };
}

const noSources = { getItem: async () => undefined, listItems: async () => [], batchGet: async () => [] };

async function verdict(ruleId: string, item: Record<string, unknown>, params: Record<string, string> = {}) {
  const rule = ruleById(ruleId)!;
  const { evaluations } = await evaluateEvent(rule, parseEvent(changeEventFor(item, ruleId, params)), noSources);
  const [evaluation] = evaluations;
  return [evaluation!.ComplianceType, evaluation!.Annotation];
}

// --- Assertions on what Config received ------------------------------------------------------------

const configurationOf = (request: ConfigRequest) => JSON.parse(request.body.Configuration);

function expectNoSecretIn(text: string, where: string) {
  for (const [name, secret] of Object.entries(SEEDED_SECRETS))
    expect(text, `${name} in ${where}`).not.toContain(secret);
}

/** No planted secret in any Config request received since `from` (reads and writes alike). */
function expectNoSecretSentToConfig(from: number) {
  const requests = proxy.configRequests.slice(from);
  expect(requests.length).toBeGreaterThan(0);
  for (const request of requests) expectNoSecretIn(request.text, `the ${request.operation} request`);
}

describe('the capture bundle against the emulator', () => {
  it('plants the secrets where the capture reads them: the Describe and ListTags answers carry them', async () => {
    const job = await sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: TRACKED.trainingJob }));
    expect(job.HyperParameters?.hf_token).toBe(SEEDED_SECRETS.hfToken);
    expect(job.Environment?.DB_PASSWORD).toBe(SEEDED_SECRETS.dbPassword);
    expect(job.Environment?.MLFLOW_TRACKING_URI).toContain(SEEDED_SECRETS.urlPassword);
    expect(job.AlgorithmSpecification?.ContainerArguments).toContain(SEEDED_SECRETS.wandbKey);
    const tags = await sagemaker.send(new ListTagsCommand({ ResourceArn: job.TrainingJobArn }));
    expect(tags.Tags).toContainEqual({ Key: 'deploy-token', Value: SEEDED_SECRETS.githubToken });
  });

  it('records a training job InProgress, skips the same state again, records it Completed, and deletes its item once it is gone', async () => {
    const firstRequest = proxy.configRequests.length;
    const trainingJobItem = {
      operation: 'PutResourceConfig',
      body: {
        ResourceType: TRAINING_JOB_TYPE,
        SchemaVersionId: SCHEMA_VERSION,
        ResourceId: TRACKED.trainingJob,
        ResourceName: TRACKED.trainingJob,
        Configuration: expect.any(String),
        // The tag holding a token keeps its key; its value is replaced.
        Tags: { 'ml-pipeline': 'fraud-detection', 'deploy-token': REDACTED },
      },
    };

    proxy.scriptTrainingJob(TRACKED.trainingJob, 'InProgress');
    const started = await invoke(trainingJobStateChange('InProgress'));
    expect(started.result).toEqual({ requests: 1, unchanged: 0 });
    expect(started.sent).toEqual([expect.objectContaining(trainingJobItem)]);
    const inProgress = configurationOf(started.sent[0]!);
    expect(inProgress).toMatchObject({
      TrainingJobName: TRACKED.trainingJob,
      TrainingJobArn: arnOf('training-job', TRACKED.trainingJob),
      TrainingJobStatus: 'InProgress',
      // Names kept, values replaced: a rule (or a reader) still sees what is set.
      HyperParameters: { max_depth: REDACTED, eta: REDACTED, hf_token: REDACTED },
      Environment: { DB_PASSWORD: REDACTED, MLFLOW_TRACKING_URI: REDACTED },
      AlgorithmSpecification: { ContainerArguments: [REDACTED, REDACTED, REDACTED, REDACTED] },
      OutputDataConfig: { KmsKeyId: KMS_KEY },
      ResourceConfig: { InstanceType: 'ml.m5.2xlarge', InstanceCount: 2, VolumeSizeInGB: 50 },
      VpcConfig: { SecurityGroupIds: ['sg-0a1b2c3d4e5f60718'], Subnets: ['subnet-0f1e2d3c4b5a69788'] },
      EnableNetworkIsolation: true,
    });
    expect(inProgress.TrainingEndTime).toBeUndefined();
    // Fields that move while the job runs are left out: each change would be a billed item.
    expect(inProgress.SecondaryStatus).toBeUndefined();
    expect(inProgress.LastModifiedTime).toBeUndefined();
    expect(inProgress.ResourceConfig.VolumeKmsKeyId).toBeUndefined();
    expect(started.logs.at(-1)).toEqual({
      level: 'info',
      event: 'SageMaker Training Job State Change',
      recorded: 1,
      deleted: 0,
      unchanged: 0,
    });

    // SageMaker sends more than one event per state: the read-back finds the same item, nothing is sent.
    const again = await invoke(trainingJobStateChange('InProgress'));
    expect(again.result).toEqual({ requests: 0, unchanged: 1 });
    expect(again.sent).toEqual([]);

    proxy.scriptTrainingJob(TRACKED.trainingJob, 'Completed');
    const completed = await invoke(trainingJobStateChange('Completed'));
    expect(completed.result).toEqual({ requests: 1, unchanged: 0 });
    expect(completed.sent).toEqual([expect.objectContaining(trainingJobItem)]);
    const done = configurationOf(completed.sent[0]!);
    expect(done).toMatchObject({ TrainingJobStatus: 'Completed' });
    expect(Date.parse(done.TrainingEndTime)).toBeGreaterThanOrEqual(Date.parse(done.CreationTime));
    // Only the status fields changed between the two items.
    const { TrainingJobStatus: _a, TrainingEndTime: _c, ...restDone } = done;
    const { TrainingJobStatus: _d, ...restInProgress } = inProgress;
    expect(restDone).toEqual(restInProgress);

    // SageMaker's DeleteTrainingJob, as CloudTrail reports it; SageMaker no longer finds the job.
    proxy.scriptTrainingJob(TRACKED.trainingJob, 'Deleted');
    const deleted = await invoke(apiCall('DeleteTrainingJob', { trainingJobName: TRACKED.trainingJob }, null));
    expect(deleted.result).toEqual({ requests: 1, unchanged: 0 });
    expect(deleted.sent).toEqual([
      {
        operation: 'DeleteResourceConfig',
        text: expect.any(String),
        body: { ResourceType: TRAINING_JOB_TYPE, ResourceId: TRACKED.trainingJob },
      },
    ]);

    // Config now holds three items of the job: discovered, changed, deleted.
    const history = proxy.history(TRAINING_JOB_TYPE, TRACKED.trainingJob);
    expect(history.map((i) => i.configurationItemStatus)).toEqual(['ResourceDiscovered', 'OK', 'ResourceDeleted']);
    expectNoSecretSentToConfig(firstRequest);
    for (const { stdout } of [started, again, completed, deleted]) expectNoSecretIn(stdout, "the function's log");

    // Each item as Config hands it to the rules now change-triggered on the recorded type.
    const verdicts = async (ruleId: string) =>
      Promise.all(history.map((item) => verdict(ruleId, eventForm(item)).then(([compliance]) => compliance)));
    expect(await verdicts('sagemaker-training-job-volume-kms')).toEqual([
      'NON_COMPLIANT',
      'NON_COMPLIANT',
      'NOT_APPLICABLE',
    ]);
    expect(await verdicts('sagemaker-training-job-in-vpc')).toEqual(['COMPLIANT', 'COMPLIANT', 'NOT_APPLICABLE']);
    expect(await verdicts('sagemaker-training-job-network-isolation')).toEqual([
      'COMPLIANT',
      'COMPLIANT',
      'NOT_APPLICABLE',
    ]);
    expect(await verdict('sagemaker-training-job-volume-kms', eventForm(history[0]!))).toEqual([
      'NON_COMPLIANT',
      'ResourceConfig.VolumeKmsKeyId is not set',
    ]);
    expect(await verdict('sagemaker-training-job-volume-kms', eventForm(history[2]!))).toEqual([
      'NOT_APPLICABLE',
      'configurationItemStatus is ResourceDeleted',
    ]);
  });

  it('records an endpoint, and records it again once it is updated to a configuration without a KMS key; the dry run prints that request first', async () => {
    const firstRequest = proxy.configRequests.length;
    const created = await invoke(endpointCall('CreateEndpoint', TRACKED.encryptedConfig));
    expect(created.result).toEqual({ requests: 1, unchanged: 0 });
    const endpointItem = {
      ResourceType: ENDPOINT_TYPE,
      SchemaVersionId: SCHEMA_VERSION,
      ResourceId: TRACKED.endpoint,
      ResourceName: TRACKED.endpoint,
      Configuration: expect.any(String),
      Tags: Object.fromEntries(ENDPOINT_TAGS.map((t) => [t.Key, t.Value])),
    };
    expect(created.sent.map((r) => [r.operation, r.body])).toEqual([['PutResourceConfig', endpointItem]]);
    expect(configurationOf(created.sent[0]!)).toMatchObject({
      EndpointName: TRACKED.endpoint,
      EndpointArn: arnOf('endpoint', TRACKED.endpoint),
      EndpointConfigName: TRACKED.encryptedConfig,
      EndpointStatus: 'InService',
      MonitoringSchedules: [],
    });

    await moveEndpointToPlainConfig(sagemaker);
    const updateEvent = endpointCall('UpdateEndpoint', TRACKED.plainConfig);

    // The command, as a user runs it: the requests it would send, and nothing sent.
    const before = proxy.writes().length;
    const cli = await runCli(
      ['track', eventFile(updateEvent), '--dry-run', '--format', 'json', '--schema-version', SCHEMA_VERSION],
      env,
    );
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const printed = JSON.parse(cli.stdout);
    expect(printed).toEqual([{ operation: 'PutResourceConfig', ...endpointItem }]);
    expect(JSON.parse(printed[0].Configuration).EndpointConfigName).toBe(TRACKED.plainConfig);
    expect(proxy.writes()).toHaveLength(before);

    const updated = await invoke(updateEvent);
    expect(updated.result).toEqual({ requests: 1, unchanged: 0 });
    expect(updated.logs.at(-1)).toMatchObject({ event: 'AWS API Call via CloudTrail', recorded: 1 });
    // The function sends exactly what the dry run printed.
    const { operation, ...request } = printed[0];
    expect(updated.sent.map((r) => [r.operation, r.body])).toEqual([[operation, request]]);
    expect(configurationOf(updated.sent[0]!)).toMatchObject({
      EndpointName: TRACKED.endpoint,
      EndpointConfigName: TRACKED.plainConfig,
      EndpointStatus: 'InService',
    });

    expectNoSecretSentToConfig(firstRequest);

    const history = proxy.history(ENDPOINT_TYPE, TRACKED.endpoint);
    expect(history.map((i) => i.configurationItemStatus)).toEqual(['ResourceDiscovered', 'OK']);
    for (const item of history)
      expect(await verdict('sagemaker-endpoint-tagged', eventForm(item), { requiredTagKeys: 'ml-pipeline' })).toEqual([
        'COMPLIANT',
        undefined,
      ]);

    // The configuration each recorded item names, read from SageMaker as `scan` reads it when Config
    // does not record it (the direct adapter builds Config's item form): encrypted before, not after.
    const adapter = await directLoaders['AWS::SageMaker::EndpointConfig']!();
    const context = { params: {}, accountId: ACCOUNT, sagemaker };
    const configVerdicts = [];
    for (const item of history) {
      const name = JSON.parse(item.configuration!).EndpointConfigName;
      const config = (await adapter.get(context, name)) as ConfigItem;
      configVerdicts.push([name, ...(await verdict('sagemaker-endpoint-config-kms-key', config as never))]);
    }
    expect(configVerdicts).toEqual([
      [TRACKED.encryptedConfig, 'COMPLIANT', undefined],
      [TRACKED.plainConfig, 'NON_COMPLIANT', 'KmsKeyId is not set'],
    ]);
  });
});
