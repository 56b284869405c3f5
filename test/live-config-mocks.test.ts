// The AWS Config paths of scan, record and history that the local emulator cannot serve (see the
// header of test/integration/scan.test.ts): a recorder that is on, BatchGetResourceConfig items,
// GetResourceConfigHistory over time in 7-day windows, and SelectResourceConfig. The SDK
// clients are real; their `send` is mocked with aws-sdk-client-mock.
import {
  BatchGetResourceConfigCommand,
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  GetResourceConfigHistoryCommand,
  ListDiscoveredResourcesCommand,
  SelectResourceConfigCommand,
} from '@aws-sdk/client-config-service';
import {
  DescribeModelCommand,
  ListModelsCommand,
  ListMonitoringSchedulesCommand,
  ListTagsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixturesOf, runFixture } from '../cli/local/fixtures.js';
import { ruleById } from '../rules/index.js';
import { isRecordable } from '../rules/_core/recording.js';
import { record } from '../cli/commands/record.js';
import { loadHistory, WINDOW_MS } from '../cli/commands/history.js';
import { scanJson } from '../cli/scan/output.js';
import { runScan } from '../cli/scan/run.js';
import { plainRegionClients } from './support/plain-clients.js';

const config = mockClient(ConfigServiceClient);
const sagemaker = mockClient(SageMakerClient);
const s3 = mockClient(S3Client);
const sts = mockClient(STSClient);
const tagging = mockClient(ResourceGroupsTaggingAPIClient);

const clientsFor = plainRegionClients;

const ACCOUNT = '555566667777';
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f`;

/** A configuration item as the SDK returns it from GetResourceConfigHistory / BatchGetResourceConfig. */
function apiItem(
  type: string,
  id: string,
  configuration: object,
  options: {
    time?: string;
    status?: string;
    tags?: Record<string, string>;
    supplementary?: Record<string, string>;
    arn?: string;
  } = {},
) {
  return {
    version: '1.3',
    accountId: ACCOUNT,
    configurationItemCaptureTime: new Date(options.time ?? '2026-11-20T09:14:03.512Z'),
    configurationItemStatus: (options.status ?? 'OK') as 'OK',
    configurationStateId: String(Date.parse(options.time ?? '2026-11-20T09:14:03.512Z')),
    configurationItemMD5Hash: '',
    arn: options.arn ?? `arn:aws:sagemaker:us-east-1:${ACCOUNT}:${type.split('::')[2]!.toLowerCase()}/${id}`,
    resourceType: type as never,
    resourceId: id,
    resourceName: id,
    awsRegion: 'us-east-1',
    availabilityZone: 'Not Applicable',
    resourceCreationTime: new Date('2026-11-01T08:00:00.000Z'),
    tags: options.tags ?? {},
    relatedEvents: [],
    relationships: [],
    configuration: JSON.stringify(configuration),
    supplementaryConfiguration: options.supplementary ?? {},
  };
}

const endpointConfig = (name: string, kms: boolean) =>
  apiItem('AWS::SageMaker::EndpointConfig', name, {
    EndpointConfigName: name,
    Id: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:endpoint-config/${name}`,
    ...(kms ? { KmsKeyId: KEY } : {}),
    ProductionVariants: [
      { VariantName: 'AllTraffic', ModelName: name, InstanceType: 'ml.m5.xlarge', InitialInstanceCount: 2 },
    ],
  });

const bucket = (name: string, versioning: string, time?: string) =>
  apiItem(
    'AWS::S3::Bucket',
    name,
    { name, owner: { displayName: null, id: 'c0ffee' }, creationDate: '2026-11-01T08:00:00.000Z' },
    {
      arn: `arn:aws:s3:::${name}`,
      ...(time ? { time } : {}),
      supplementary: {
        BucketVersioningConfiguration: JSON.stringify({ status: versioning, isMfaDeleteEnabled: null }),
      },
    },
  );

beforeEach(() => {
  config.reset();
  sagemaker.reset();
  s3.reset();
  sts.reset();
  tagging.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT });
});

afterAll(() => {
  config.restore();
  sagemaker.restore();
  s3.restore();
  sts.restore();
  tagging.restore();
});

describe('scan with a configuration recorder on', () => {
  const recorderOn = (recordingGroup: object) => {
    config
      .on(DescribeConfigurationRecorderStatusCommand)
      .resolves({ ConfigurationRecordersStatus: [{ name: 'default', recording: true }] });
    config
      .on(DescribeConfigurationRecordersCommand)
      .resolves({ ConfigurationRecorders: [{ name: 'default', recordingGroup }] });
  };

  it('reads recorded types from Config: ListDiscoveredResources, then BatchGetResourceConfig', async () => {
    recorderOn({ allSupported: true });
    config
      .on(ListDiscoveredResourcesCommand, { resourceType: 'AWS::SageMaker::EndpointConfig' as never })
      .resolves({ resourceIdentifiers: [{ resourceId: 'churn-v3' }, { resourceId: 'churn-legacy' }] });
    config
      .on(BatchGetResourceConfigCommand)
      .resolves({ baseConfigurationItems: [endpointConfig('churn-v3', true), endpointConfig('churn-legacy', false)] });

    const run = await runScan({
      rules: [ruleById('sagemaker-endpoint-config-kms-key')!],
      regions: ['us-east-1'],
      clientsFor,
    });
    expect(run.accountId).toBe(ACCOUNT);
    expect(run.results[0]!.sources).toEqual(['Config']);
    expect(scanJson(run)).toEqual([
      {
        rule: 'sagemaker-endpoint-config-kms-key',
        account: ACCOUNT,
        ComplianceResourceType: 'AWS::SageMaker::EndpointConfig',
        ComplianceResourceId: 'churn-legacy',
        ComplianceType: 'NON_COMPLIANT',
        Annotation: 'KmsKeyId is not set',
      },
      {
        rule: 'sagemaker-endpoint-config-kms-key',
        account: ACCOUNT,
        ComplianceResourceType: 'AWS::SageMaker::EndpointConfig',
        ComplianceResourceId: 'churn-v3',
        ComplianceType: 'COMPLIANT',
      },
    ]);
    expect(config.commandCalls(BatchGetResourceConfigCommand)[0]!.args[0].input.resourceKeys).toHaveLength(2);
    expect(sagemaker.calls()).toHaveLength(0);
  });

  it('reads a type the recorder leaves out through its direct adapter, and a lookup of a recorded type from Config', async () => {
    // Only buckets are recorded: models come from the SageMaker API, their artifact bucket from Config.
    recorderOn({
      allSupported: false,
      resourceTypes: ['AWS::S3::Bucket'],
      recordingStrategy: { useOnly: 'INCLUSION_BY_RESOURCE_TYPES' },
    });
    sagemaker.on(ListModelsCommand).resolves({
      Models: [
        {
          ModelName: 'churn-v3',
          ModelArn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:model/churn-v3`,
          CreationTime: new Date(),
        },
      ],
    });
    sagemaker.on(DescribeModelCommand).resolves({
      ModelName: 'churn-v3',
      ModelArn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:model/churn-v3`,
      PrimaryContainer: {
        Image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/churn:3`,
        ModelDataUrl: 's3://churn-artifacts/v3/model.tar.gz',
      },
      ExecutionRoleArn: `arn:aws:iam::${ACCOUNT}:role/SageMakerExecution`,
      CreationTime: new Date(),
    });
    sagemaker.on(ListTagsCommand).resolves({ Tags: [] });
    config
      .on(BatchGetResourceConfigCommand)
      .resolves({ baseConfigurationItems: [bucket('churn-artifacts', 'Suspended')] });

    const run = await runScan({
      rules: [ruleById('sagemaker-model-artifact-versioned-bucket')!],
      regions: ['us-east-1'],
      clientsFor,
    });
    expect(run.results[0]!.sources).toEqual(['SageMaker API']);
    expect(scanJson(run)).toEqual([
      expect.objectContaining({
        ComplianceResourceId: 'churn-v3',
        ComplianceType: 'NON_COMPLIANT',
        Annotation:
          'PrimaryContainer.ModelDataUrl bucket churn-artifacts has BucketVersioningConfiguration.status Suspended',
      }),
    ]);
    expect(config.commandCalls(BatchGetResourceConfigCommand)[0]!.args[0].input.resourceKeys).toEqual([
      { resourceType: 'AWS::S3::Bucket', resourceId: 'churn-artifacts' },
    ]);
    expect(config.commandCalls(ListDiscoveredResourcesCommand)).toHaveLength(0);
  });

  it('says which types neither Config nor a direct adapter can read, and evaluates nothing for them', async () => {
    recorderOn({
      allSupported: false,
      resourceTypes: [],
      recordingStrategy: { useOnly: 'INCLUSION_BY_RESOURCE_TYPES' },
    });
    // Without direct adapters every recorded type is skipped, by name; monitoring schedules come
    // from their inventory adapter (none in this account).
    sagemaker.on(ListMonitoringSchedulesCommand).resolves({ MonitoringScheduleSummaries: [] });
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [] });
    const scanned = await runScan({
      rules: [ruleById('sagemaker-resource-tagged')!],
      regions: ['us-east-1'],
      clientsFor,
      sourceOptions: { direct: {} },
    });
    expect(scanned.results[0]!.evaluations).toEqual([]);
    expect(scanned.results[0]!.skipped).toContain(
      'AWS::SageMaker::Workteam: not recorded by Config in us-east-1, and no direct API adapter',
    );
    // Every type but the one the pack lists through its inventory adapter (monitoring schedules).
    const recordable = ruleById('sagemaker-resource-tagged')!.resourceTypes.filter(isRecordable);
    expect(scanned.results[0]!.skipped).toHaveLength(recordable.length);
    expect(scanned.results[0]!.skipped.join('\n')).not.toContain('AWS::SageMaker::MonitoringSchedule');
    expect(scanned.results[0]!.error).toBeUndefined();
  });
});

describe('record from AWS Config', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('writes the API-form item and its lookup, scrubbed, and the fixture passes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'record-config-'));
    dirs.push(dir);
    const artifacts = `churn-artifacts-${ACCOUNT}`;
    const model = apiItem(
      'AWS::SageMaker::Model',
      'churn-v3',
      {
        ModelName: 'churn-v3',
        ExecutionRoleArn: `arn:aws:iam::${ACCOUNT}:role/SageMakerExecution`,
        PrimaryContainer: {
          Image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/churn:3`,
          ModelDataUrl: `s3://${artifacts}/v3/model.tar.gz`,
        },
      },
      { tags: { 'ml-pipeline': 'churn', owner: 'priya.raman@corp.example.net' } },
    );
    config
      .on(GetResourceConfigHistoryCommand, { resourceType: 'AWS::SageMaker::Model' as never })
      .resolves({ configurationItems: [model] });
    config
      .on(GetResourceConfigHistoryCommand, { resourceType: 'AWS::S3::Bucket' as never })
      .resolves({ configurationItems: [bucket(artifacts, 'Enabled')] });

    const result = await record(
      'AWS::SageMaker::Model',
      'churn-v3',
      {
        rule: 'sagemaker-model-artifact-versioned-bucket',
        as: 'compliant.versioned-artifacts',
        dir,
        region: 'us-east-1',
      },
      clientsFor,
    );
    expect(result.verdict).toBe('COMPLIANT');
    expect(result.source).toBe('AWS Config');
    expect(result.scrubbed).toEqual({ accounts: { [ACCOUNT]: '123456789012' }, emails: 1, redacted: 0 });

    const ruleDir = join(dir, 'sagemaker-model-artifact-versioned-bucket');
    const written = readFileSync(join(ruleDir, 'compliant.versioned-artifacts.json'), 'utf8');
    expect(written).not.toContain(ACCOUNT);
    const fixture = JSON.parse(written);
    // API form, as GetResourceConfigHistory returns it: configuration is a JSON string, dates ISO.
    expect(Object.keys(fixture)).toEqual(['configurationItems']);
    const item = fixture.configurationItems[0];
    expect(item.accountId).toBe('123456789012');
    expect(item.configurationItemCaptureTime).toBe('2026-11-20T09:14:03.512Z');
    expect(JSON.parse(item.configuration).PrimaryContainer.ModelDataUrl).toBe(
      's3://churn-artifacts-123456789012/v3/model.tar.gz',
    );
    expect(item.tags.owner).toBe('user1@example.com');
    expect(readdirSync(join(ruleDir, '_lookup'))).toEqual(['s3-bucket.churn-artifacts-123456789012.json']);

    const rule = ruleById('sagemaker-model-artifact-versioned-bucket')!;
    const results = await Promise.all(fixturesOf(dir, rule.id).map((f) => runFixture(rule, f)));
    expect(results.map((r) => [r.fixture.file, r.ok, r.actual])).toEqual([
      ['compliant.versioned-artifacts.json', true, 'COMPLIANT'],
    ]);
  });
});

describe('history from AWS Config', () => {
  const NOW = new Date('2026-11-26T12:00:00.000Z');
  const SINCE = '2026-11-05T00:00:00.000Z';

  it('finds the pipeline with SelectResourceConfig and pages GetResourceConfigHistory in 7-day windows', async () => {
    config
      .on(SelectResourceConfigCommand)
      .resolvesOnce({
        Results: [JSON.stringify({ resourceType: 'AWS::SageMaker::EndpointConfig', resourceId: 'churn-ec' })],
        NextToken: 'page-2',
      })
      .resolvesOnce({ Results: [JSON.stringify({ resourceType: 'AWS::S3::Bucket', resourceId: 'churn-artifacts' })] });
    // The types the pack records itself are listed (the advanced query does not cover them): none here.
    config.on(ListDiscoveredResourcesCommand).resolves({ resourceIdentifiers: [] });
    const ec = (time: string, kms: boolean) => ({
      ...endpointConfig('churn-ec', kms),
      configurationItemCaptureTime: new Date(time),
    });
    config.on(GetResourceConfigHistoryCommand).callsFake((input) => {
      const start = input.earlierTime?.getTime();
      const inWindow = (t: string) =>
        start !== undefined && Date.parse(t) >= start && Date.parse(t) < input.laterTime.getTime();
      if (input.resourceType === 'AWS::SageMaker::EndpointConfig') {
        if (start === undefined) return { configurationItems: [ec('2026-11-02T10:00:00.000Z', true)] }; // in force at --since
        if (inWindow('2026-11-13T08:30:00.000Z')) {
          // Two pages in this window.
          return input.nextToken
            ? { configurationItems: [ec('2026-11-13T08:30:00.000Z', false)] }
            : { configurationItems: [ec('2026-11-12T16:00:00.000Z', true)], nextToken: 'more' };
        }
        return { configurationItems: [] };
      }
      if (start === undefined)
        return { configurationItems: [bucket('churn-artifacts', 'Enabled', '2026-11-01T07:00:00.000Z')] };
      return {
        configurationItems: inWindow('2026-11-20T11:00:00.000Z')
          ? [bucket('churn-artifacts', 'Suspended', '2026-11-20T11:00:00.000Z')]
          : [],
      };
    });

    const timeline = await loadHistory(
      undefined,
      undefined,
      { pipeline: 'churn', tagKey: 'ml-pipeline', since: SINCE, format: 'json' },
      { config: new ConfigServiceClient({ region: 'us-east-1' }), now: NOW },
    );

    // Both pages of the advanced query (the paginator reuses one input object, so only the last token shows).
    const select = config.commandCalls(SelectResourceConfigCommand).map((c) => c.args[0].input);
    expect(select).toHaveLength(2);
    expect(select[1]).toEqual({
      Expression: "SELECT resourceType, resourceId WHERE tags.tag = 'ml-pipeline=churn'",
      Limit: 100,
      NextToken: 'page-2',
    });
    const windows = config
      .commandCalls(GetResourceConfigHistoryCommand)
      .map((c) => c.args[0].input)
      .filter((i) => i.resourceType === 'AWS::S3::Bucket' && i.earlierTime);
    // 2026-11-05 → 2026-11-26 12:00: 7-day windows end to end, the last one cut at now.
    expect(windows.map((w) => [w.earlierTime!.toISOString(), w.laterTime!.toISOString()])).toEqual([
      ['2026-11-05T00:00:00.000Z', '2026-11-12T00:00:00.000Z'],
      ['2026-11-12T00:00:00.000Z', '2026-11-19T00:00:00.000Z'],
      ['2026-11-19T00:00:00.000Z', '2026-11-26T00:00:00.000Z'],
      ['2026-11-26T00:00:00.000Z', '2026-11-26T12:00:00.000Z'],
    ]);
    expect(
      windows.every(
        (w) => w.laterTime!.getTime() - w.earlierTime!.getTime() <= WINDOW_MS && w.chronologicalOrder === 'Forward',
      ),
    ).toBe(true);

    expect(timeline.resources.map((r) => r.resourceId)).toEqual(['churn-artifacts', 'churn-ec']);
    const flips = timeline.entries.flatMap((e) =>
      e.flips.map((f) => `${e.time} ${e.resourceId} ${f.rule} ${f.from}→${f.to}`),
    );
    expect(flips).toEqual([
      '2026-11-13T08:30:00.000Z churn-ec sagemaker-endpoint-config-kms-key COMPLIANT→NON_COMPLIANT',
      '2026-11-20T11:00:00.000Z churn-artifacts s3-bucket-versioning-enabled COMPLIANT→NON_COMPLIANT',
    ]);
    const kmsRemoved = timeline.entries.find((e) => e.time === '2026-11-13T08:30:00.000Z')!;
    expect(kmsRemoved.changes).toEqual([{ op: 'removed', path: 'configuration.KmsKeyId', old: KEY }]);
  });
});
