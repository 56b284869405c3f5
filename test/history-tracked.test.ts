// `history` on the types the pack records itself (`MLConfigRules::SageMaker::TrainingJob`...):
// saved items of the fraud-detection pipeline (fixtures/_history/fraud-detection: a training job
// InProgress → Completed → deleted, an endpoint whose monitoring schedule goes away and comes
// back), read by AWS type or by recorded type, with the rules of the AWS type; and, against a
// mocked Config, the pipeline's tracked resources found without the advanced query.
import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  GetResourceConfigHistoryCommand,
  ListDiscoveredResourcesCommand,
  SelectResourceConfigCommand,
} from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { loadHistory } from '../cli/commands/history.js';
import { recordedTypeOf } from '../cli/history-tracked.js';
import { UsageError } from '../cli/output.js';
import { fixturePath } from './support/fixtures.js';
import { cli as runCli } from './support/run-cli.js';
import { fileText, TRACKED_HISTORY_DIR, trackedHistoryFiles } from './support/tracked-history.js';
import { PLANTED } from './support/tracking.js';

const DIR = fixturePath('_history', 'fraud-detection');
const JOB = 'fraud-train-2026-11-30';
const fromSaved = (type: string | undefined, id: string | undefined, extra: object = {}) =>
  loadHistory(type, id, { tagKey: 'ml-pipeline', from: DIR, format: 'json', ...extra });

describe('saved items of tracked types', () => {
  it('are what the capture records from the Describe outputs, in API form, with no planted secret', async () => {
    const files = await trackedHistoryFiles();
    expect(readdirSync(TRACKED_HISTORY_DIR).sort()).toEqual(Object.keys(files).sort());
    for (const [name, value] of Object.entries(files))
      expect(
        readFileSync(join(TRACKED_HISTORY_DIR, name), 'utf8'),
        `${name}: npx tsx test/support/tracked-history.ts`,
      ).toBe(fileText(value));
    const text = readdirSync(DIR)
      .map((f) => readFileSync(join(DIR, f), 'utf8'))
      .join('\n');
    for (const secret of Object.values(PLANTED)) expect(text).not.toContain(secret);
    const first = JSON.parse(readFileSync(join(DIR, `MLConfigRules-SageMaker-TrainingJob.${JOB}.json`), 'utf8'))
      .configurationItems[0];
    expect(typeof first.configuration).toBe('string');
    expect(JSON.parse(first.configuration).TrainingJobStatus).toBe('InProgress');
  });
});

describe('history of tracked types from saved items', () => {
  it('reads an AWS type the pack tracks as its recorded type, checked by the rules of the AWS type', async () => {
    const t = await fromSaved('AWS::SageMaker::TrainingJob', JOB);
    expect(t.title).toBe(`MLConfigRules::SageMaker::TrainingJob ${JOB}`);
    expect(t.entries.map((e) => `${e.time} ${e.kind} ${e.status}`)).toEqual([
      '2026-11-30T08:03:14.726Z discovered ResourceDiscovered',
      '2026-11-30T09:42:13.381Z changed OK',
      '2026-12-02T03:00:41.556Z deleted ResourceDeleted',
    ]);
    // NON_COMPLIANT from the first item: the job never set a volume key.
    expect(t.entries[0]!.verdicts).toEqual({
      'sagemaker-training-job-in-vpc': { complianceType: 'COMPLIANT' },
      'sagemaker-training-job-inter-container-encryption': { complianceType: 'COMPLIANT' },
      'sagemaker-training-job-network-isolation': { complianceType: 'COMPLIANT' },
      'sagemaker-training-job-output-kms': { complianceType: 'COMPLIANT' },
      'sagemaker-training-job-volume-kms': {
        complianceType: 'NON_COMPLIANT',
        annotation: 'ResourceConfig.VolumeKmsKeyId is not set',
      },
    });
    expect(t.entries[1]!.changes.map((c) => c.path)).toEqual([
      'configuration.TrainingEndTime',
      'configuration.TrainingJobStatus',
    ]);
    expect(t.entries.flatMap((e) => e.flips)).toEqual([]);
    expect(t.until).toBe('2026-12-02T03:00:41.556Z');
    // The recorded name is taken as it is.
    const direct = await fromSaved('MLConfigRules::SageMaker::TrainingJob', JOB);
    expect(direct.entries).toEqual(t.entries);
  });

  it("names the flips of the endpoint's monitoring schedule going away and coming back", async () => {
    const t = await fromSaved(undefined, undefined, { pipeline: 'fraud-detection' });
    expect(t.resources.map((r) => `${r.resourceType} ${r.resourceId} ${r.items}`)).toEqual([
      'MLConfigRules::SageMaker::Endpoint fraud-scorer 4',
      `MLConfigRules::SageMaker::TrainingJob ${JOB} 3`,
    ]);
    expect(
      t.entries.flatMap((e) => e.flips.map((f) => `${e.time} ${e.resourceId}: ${f.rule} ${f.from} → ${f.to}`)),
    ).toEqual([
      '2026-12-01T14:05:31.220Z fraud-scorer: sagemaker-endpoint-monitoring-scheduled COMPLIANT → NOT_APPLICABLE',
      '2026-12-01T14:13:47.902Z fraud-scorer: sagemaker-endpoint-monitoring-scheduled NOT_APPLICABLE → NON_COMPLIANT',
      '2026-12-02T02:30:12.004Z fraud-scorer: sagemaker-endpoint-monitoring-scheduled NON_COMPLIANT → COMPLIANT',
    ]);
    const none = t.entries.find((e) => e.time === '2026-12-01T14:13:47.902Z')!;
    expect(none.flips[0]!.annotation).toBe(
      'MonitoringSchedules is empty: no monitoring schedule targets this endpoint',
    );
    expect(none.changes).toContainEqual({
      op: 'changed',
      path: 'configuration.EndpointConfigName',
      old: 'fraud-scorer-config-v7',
      new: 'fraud-scorer-config-v8',
    });
  });

  it('maps to the namespace given, and refuses a reserved one', async () => {
    expect(recordedTypeOf('AWS::SageMaker::Endpoint', 'Acme')).toBe('Acme::SageMaker::Endpoint');
    expect(recordedTypeOf('AWS::SageMaker::EndpointConfig', 'Acme')).toBe('AWS::SageMaker::EndpointConfig');
    const error = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: unknown) => e as Error,
      );
    const elsewhere = await error(fromSaved('AWS::SageMaker::TrainingJob', JOB, { trackingNamespace: 'Acme' }));
    expect(elsewhere).toBeInstanceOf(UsageError);
    expect(elsewhere!.message).toMatch(
      /^no saved items in .* for Acme::SageMaker::TrainingJob fraud-train-2026-11-30$/,
    );
    const reserved = await error(fromSaved('AWS::SageMaker::TrainingJob', JOB, { trackingNamespace: 'aws' }));
    expect(reserved).toBeInstanceOf(UsageError);
    expect(reserved!.message).toBe(
      '--tracking-namespace "aws" is reserved by AWS (AWS, Amazon, AMZN, Alexa, Custom, Dev are)',
    );
  });

  it('prints the tracked timeline with its flips', async () => {
    const run = await runCli(
      ['history', 'AWS::SageMaker::Endpoint', 'fraud-scorer', '--from', fixturePath('_history'), '--format', 'table'],
      { COLUMNS: '220' },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('MLConfigRules::SageMaker::Endpoint fraud-scorer');
    const row = lines.findIndex((l) => l.includes('2026-12-01 14:13'));
    expect(lines[row]).toMatch(
      /│ SageMaker::Endpoint\s+│ ~ configuration\.EndpointConfigName: "fraud-scorer-config-v7" → "fraud-scorer-config-v8"\s+│ sagemaker-endpoint-monitoring-scheduled became\s/,
    );
    // The type is shown as the AWS type it stands for, marked as recorded by the pack.
    expect(lines[row + 1]).toMatch(/^│\s+│ \(tracked\)\s+│/);
    expect(run.stdout.trimEnd().split('\n').pop()).toBe('1 resource, 4 entries, 3 verdict flips');
  });

  it('answers a reserved namespace with one usage line', async () => {
    const bad = await runCli([
      'history',
      'AWS::SageMaker::Endpoint',
      'fraud-scorer',
      '--from',
      DIR,
      '--tracking-namespace',
      'Custom',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'ml-config-rules: --tracking-namespace "Custom" is reserved by AWS (AWS, Amazon, AMZN, Alexa, Custom, Dev are)\n',
    );
  });
});

describe('history of tracked types from AWS Config', () => {
  const config = mockClient(ConfigServiceClient);
  const client = () => new ConfigServiceClient({ region: 'us-east-1' });
  const NOW = new Date('2026-12-08T00:00:00.000Z');
  const SINCE = '2026-11-29';
  beforeEach(() => config.reset());
  afterAll(() => config.restore());

  /** The saved items as the SDK returns them (dates as Date). */
  const saved = (file: string) =>
    JSON.parse(readFileSync(join(DIR, file), 'utf8')).configurationItems.map((i: any) => ({
      ...i,
      configurationItemCaptureTime: new Date(i.configurationItemCaptureTime),
    }));
  const endpointItems = saved('MLConfigRules-SageMaker-Endpoint.fraud-scorer.json');
  const jobItems = saved(`MLConfigRules-SageMaker-TrainingJob.${JOB}.json`);
  const untagged = { ...jobItems[1], resourceId: 'scratch-train-1', resourceName: 'scratch-train-1', tags: {} };

  /** Items of one resource as GetResourceConfigHistory answers: newest first by default, a window when asked. */
  function historyOf(items: any[], input: any) {
    const later = input.laterTime?.getTime() ?? Number.POSITIVE_INFINITY;
    const earlier = input.earlierTime?.getTime();
    const inRange = items.filter(
      (i) =>
        i.configurationItemCaptureTime.getTime() <= later &&
        (earlier === undefined || i.configurationItemCaptureTime.getTime() >= earlier),
    );
    const ordered = input.chronologicalOrder === 'Forward' ? inRange : [...inRange].reverse();
    return { configurationItems: input.limit === 1 ? ordered.slice(0, 1) : ordered };
  }

  it('lists each tracked type, keeps the resources whose items carry the tag, and reads their history', async () => {
    // The advanced query covers no third-party type: it finds nothing of them.
    config.on(SelectResourceConfigCommand).resolves({ Results: [] });
    config.on(ListDiscoveredResourcesCommand).callsFake((input) => {
      if (input.resourceType === 'MLConfigRules::SageMaker::Endpoint')
        return { resourceIdentifiers: [{ resourceType: input.resourceType, resourceId: 'fraud-scorer' }] };
      if (input.resourceType === 'MLConfigRules::SageMaker::TrainingJob')
        return {
          resourceIdentifiers: [
            {
              resourceType: input.resourceType,
              resourceId: JOB,
              resourceDeletionTime: new Date('2026-12-02T03:00:41.556Z'),
            },
            { resourceType: input.resourceType, resourceId: 'scratch-train-1' },
            // Deleted before --since: never read.
            {
              resourceType: input.resourceType,
              resourceId: 'old-train',
              resourceDeletionTime: new Date('2026-11-20T00:00:00Z'),
            },
          ],
        };
      return { resourceIdentifiers: [] };
    });
    config.on(GetResourceConfigHistoryCommand).callsFake((input) => {
      if (input.resourceId === 'fraud-scorer') return historyOf(endpointItems, input);
      if (input.resourceId === JOB) return historyOf(jobItems, input);
      if (input.resourceId === 'scratch-train-1') return historyOf([untagged], input);
      throw new Error(`unexpected read of ${input.resourceId}`);
    });

    const t = await loadHistory(
      undefined,
      undefined,
      { pipeline: 'fraud-detection', tagKey: 'ml-pipeline', since: SINCE, format: 'json' },
      { config: client(), now: NOW },
    );
    const listed = config.commandCalls(ListDiscoveredResourcesCommand).map((c) => c.args[0].input);
    expect(listed.map((i) => i.resourceType)).toEqual([
      'MLConfigRules::SageMaker::TrainingJob',
      'MLConfigRules::SageMaker::ProcessingJob',
      'MLConfigRules::SageMaker::Endpoint',
      'MLConfigRules::SageMaker::Pipeline',
      'MLConfigRules::SageMaker::PipelineExecution',
      'MLConfigRules::SageMaker::ModelPackage',
      'MLConfigRules::SageMaker::ModelPackageGroup',
    ]);
    expect(listed.every((i) => i.includeDeletedResources === true)).toBe(true);
    const reads = config.commandCalls(GetResourceConfigHistoryCommand).map((c) => c.args[0].input);
    // The deleted job's tags are read from its last item before the deletion.
    expect(reads).toContainEqual({
      resourceType: 'MLConfigRules::SageMaker::TrainingJob',
      resourceId: JOB,
      laterTime: new Date('2026-12-02T03:00:41.555Z'),
      limit: 1,
    });
    expect(reads.some((r) => r.resourceId === 'old-train')).toBe(false);
    // The untagged job was looked at once, and left out.
    expect(reads.filter((r) => r.resourceId === 'scratch-train-1')).toHaveLength(1);

    expect(t.resources.map((r) => r.resourceId)).toEqual(['fraud-scorer', JOB]);
    expect(t.until).toBe(NOW.toISOString());
    expect(t.entries.map((e) => `${e.time} ${e.resourceId} ${e.kind}`)).toEqual([
      `2026-11-30T08:03:14.726Z ${JOB} discovered`,
      `2026-11-30T09:42:13.381Z ${JOB} changed`,
      '2026-11-30T10:16:04.517Z fraud-scorer discovered',
      '2026-12-01T14:05:31.220Z fraud-scorer changed',
      '2026-12-01T14:13:47.902Z fraud-scorer changed',
      '2026-12-02T02:30:12.004Z fraud-scorer changed',
      `2026-12-02T03:00:41.556Z ${JOB} deleted`,
    ]);
    expect(t.entries.reduce((n, e) => n + e.flips.length, 0)).toBe(3);
  });

  it('says in one line why Config has no item of a tracked resource', async () => {
    config
      .on(GetResourceConfigHistoryCommand)
      .rejects(Object.assign(new Error('not discovered'), { name: 'ResourceNotDiscoveredException' }));
    config
      .on(DescribeConfigurationRecorderStatusCommand)
      .resolves({ ConfigurationRecordersStatus: [{ name: 'default', recording: true }] });
    config.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [{ name: 'default' }] });
    const error = await loadHistory(
      'AWS::SageMaker::ModelPackageGroup',
      'fraud-models',
      { tagKey: 'ml-pipeline', format: 'json', trackingNamespace: 'Acme' },
      { config: client(), now: NOW },
    ).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(UsageError);
    expect(error!.message).toBe(
      'AWS Config has no history of Acme::SageMaker::ModelPackageGroup fraud-models: the pack records AWS::SageMaker::ModelPackageGroup as Acme::SageMaker::ModelPackageGroup only where tracking is on (stack key tracking), from when it was turned on; another namespace needs --tracking-namespace',
    );
    const read = config.commandCalls(GetResourceConfigHistoryCommand)[0]!.args[0].input;
    expect(read.resourceType).toBe('Acme::SageMaker::ModelPackageGroup');
  });
});
