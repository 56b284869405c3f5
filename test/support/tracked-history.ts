// The saved history of the fraud-detection pipeline's tracked resources
// (fixtures/_history/fraud-detection), built by the capture itself: each stage's Describe output
// (test/support/tracking.ts) goes through `planRequest`, and its PutResourceConfig request becomes
// the item GetResourceConfigHistory would return, in API form (configuration a JSON string, as
// `history --save` writes it). PutResourceConfig carries no ARN and no creation time, so the items
// have neither. test/history-tracked.test.ts checks the files are what this builds; after a
// change to a spec, rewrite them with `npx tsx test/support/tracked-history.ts`.
//
// - Training job fraud-train-2026-11-30: InProgress, then Completed, then its items deleted by
//   the reconcile's retention. It never sets ResourceConfig.VolumeKmsKeyId, so
//   sagemaker-training-job-volume-kms is NON_COMPLIANT from its first item.
// - Endpoint fraud-scorer: recorded InService with a Scheduled data-quality schedule; updated to a
//   new endpoint config after its schedule was deleted (Updating, then InService with none, which
//   flips sagemaker-endpoint-monitoring-scheduled); a new schedule the next day.
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FIXTURES_DIR } from '../../cli/paths.js';
import { planRequest } from '../../rules/_tracking/capture.js';
import type { TrackedResource } from '../../rules/_tracking/names.js';
import { ACCOUNT, endpoint, REGION, TAGS, trainingJob } from './tracking.js';

export const TRACKED_HISTORY_DIR = join(FIXTURES_DIR, '_history', 'fraud-detection');
const NAMESPACE = 'MLConfigRules';
const JOB = 'fraud-train-2026-11-30';
const ENDPOINT = 'fraud-scorer';

type Answers = Record<string, unknown>;

/** A SageMaker client that answers each command by its name from `answers` (paginators need a real client). */
function sagemakerAnswering(answers: Answers): SageMakerClient {
  const client = new SageMakerClient({ region: REGION });
  client.send = (async (command: { constructor: { name: string } }) => {
    const name = command.constructor.name.replace(/Command$/, '');
    if (!(name in answers)) throw new Error(`unexpected SageMaker call ${name}`);
    return answers[name];
  }) as never;
  return client;
}

/** A Config client with no item of anything: every stage becomes a PutResourceConfig. */
function configKnowingNothing(): ConfigServiceClient {
  const client = new ConfigServiceClient({ region: REGION });
  client.send = (async () => {
    throw Object.assign(new Error('not discovered'), { name: 'ResourceNotDiscoveredException' });
  }) as never;
  return client;
}

const schedule = (name: string, status: string) => ({
  MonitoringScheduleName: name,
  MonitoringScheduleArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:monitoring-schedule/${name}`,
  CreationTime: new Date('2026-11-30T10:20:00Z'),
  LastModifiedTime: new Date('2026-11-30T10:20:00Z'),
  MonitoringScheduleStatus: status,
  EndpointName: ENDPOINT,
  MonitoringJobDefinitionName: `${name}-definition`,
  MonitoringType: 'DataQuality',
});

function item(
  resource: TrackedResource,
  time: string,
  status: 'ResourceDiscovered' | 'OK' | 'ResourceDeleted',
  request: { ResourceId: string; ResourceName: string; Configuration: string; Tags: Record<string, string> } | string,
) {
  const id = typeof request === 'string' ? request : request.ResourceId;
  return {
    version: '1.3',
    accountId: ACCOUNT,
    configurationItemCaptureTime: time,
    configurationItemStatus: status,
    configurationStateId: String(Date.parse(time)),
    configurationItemMD5Hash: '',
    resourceType: `${NAMESPACE}::SageMaker::${resource}`,
    resourceId: id,
    resourceName: typeof request === 'string' ? id : request.ResourceName,
    awsRegion: REGION,
    availabilityZone: 'Not Applicable',
    tags: typeof request === 'string' ? {} : request.Tags,
    relatedEvents: [],
    relationships: [],
    configuration: typeof request === 'string' ? null : request.Configuration,
    supplementaryConfiguration: {},
  };
}

/** What the capture records for one stage of a resource. */
async function captured(resource: TrackedResource, id: string, answers: Answers) {
  const request = await planRequest(
    { resource, id },
    {
      sagemaker: sagemakerAnswering({ ListTags: { Tags: TAGS }, ...answers }),
      config: configKnowingNothing(),
      namespace: NAMESPACE,
      schemaVersions: { [resource]: '00000001' },
    },
  );
  if (request?.operation !== 'PutResourceConfig') throw new Error(`expected a PutResourceConfig for ${id}`);
  return request;
}

const at = (iso: string) => new Date(iso);

/** The files of fixtures/_history/fraud-detection, by name. */
export async function trackedHistoryFiles(): Promise<Record<string, unknown>> {
  const job = (status: 'InProgress' | 'Completed') => ({ DescribeTrainingJob: trainingJob(JOB, status) });
  const scorer = (status: string, config: string, modified: string, schedules: unknown[]) => ({
    DescribeEndpoint: { ...endpoint(ENDPOINT, config, status), LastModifiedTime: at(modified) },
    ListMonitoringSchedules: { MonitoringScheduleSummaries: schedules },
  });
  const dataQuality = schedule('fraud-scorer-data-quality', 'Scheduled');
  const dataQualityV8 = {
    ...schedule('fraud-scorer-data-quality-v8', 'Scheduled'),
    CreationTime: at('2026-12-02T02:28:51Z'),
  };

  const trainingItems = [
    item(
      'TrainingJob',
      '2026-11-30T08:03:14.726Z',
      'ResourceDiscovered',
      await captured('TrainingJob', JOB, job('InProgress')),
    ),
    item('TrainingJob', '2026-11-30T09:42:13.381Z', 'OK', await captured('TrainingJob', JOB, job('Completed'))),
    item('TrainingJob', '2026-12-02T03:00:41.556Z', 'ResourceDeleted', JOB),
  ];
  const endpointItems = [
    item(
      'Endpoint',
      '2026-11-30T10:16:04.517Z',
      'ResourceDiscovered',
      await captured(
        'Endpoint',
        ENDPOINT,
        scorer('InService', 'fraud-scorer-config-v7', '2026-11-30T10:15:00Z', [dataQuality]),
      ),
    ),
    item(
      'Endpoint',
      '2026-12-01T14:05:31.220Z',
      'OK',
      await captured('Endpoint', ENDPOINT, scorer('Updating', 'fraud-scorer-config-v7', '2026-12-01T14:05:22Z', [])),
    ),
    item(
      'Endpoint',
      '2026-12-01T14:13:47.902Z',
      'OK',
      await captured('Endpoint', ENDPOINT, scorer('InService', 'fraud-scorer-config-v8', '2026-12-01T14:13:40Z', [])),
    ),
    item(
      'Endpoint',
      '2026-12-02T02:30:12.004Z',
      'OK',
      await captured(
        'Endpoint',
        ENDPOINT,
        scorer('InService', 'fraud-scorer-config-v8', '2026-12-01T14:13:40Z', [dataQualityV8]),
      ),
    ),
  ];
  return {
    [`${NAMESPACE}-SageMaker-TrainingJob.${JOB}.json`]: { configurationItems: trainingItems },
    [`${NAMESPACE}-SageMaker-Endpoint.${ENDPOINT}.json`]: { configurationItems: endpointItems },
  };
}

export const fileText = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

// `npx tsx test/support/tracked-history.ts` rewrites the files.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  mkdirSync(TRACKED_HISTORY_DIR, { recursive: true });
  for (const [name, value] of Object.entries(await trackedHistoryFiles()))
    writeFileSync(join(TRACKED_HISTORY_DIR, name), fileText(value));
}
