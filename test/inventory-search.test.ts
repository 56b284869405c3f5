// The Describe output through SageMaker's Search pages (rules/_inventory/search.ts), over mocked
// SageMaker answers: which resources Search serves and which are still described one by one
// (missing from the index, older than the listing, Search unavailable or denied), where the pages
// stop, how they follow the listing, and that an item is the same whichever call produced it.
import { GetResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import {
  DescribeEndpointCommand,
  DescribeTrainingJobCommand,
  ListEndpointsCommand,
  ListMonitoringSchedulesCommand,
  ListTrainingJobsCommand,
  SearchCommand,
  type DescribeEndpointCommandOutput,
  type DescribeTrainingJobCommandOutput,
  type SearchCommandInput,
  type SearchRecord,
} from '@aws-sdk/client-sagemaker';
import { describe, expect, it, vi } from 'vitest';
import endpoints from '../rules/_inventory/endpoints.js';
import trainingJobs from '../rules/_inventory/training-jobs.js';
import { ACCOUNT, inventoryTestbed, NOW } from './support/inventory.js';

const { sagemaker, tagging, context } = inventoryTestbed();
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const jobArn = (name: string) => `arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-job/${name}`;
const endpointArn = (name: string) => `arn:aws:sagemaker:us-east-1:${ACCOUNT}:endpoint/${name}`;
const at = (iso: string) => new Date(iso);
const METADATA = { httpStatusCode: 200, requestId: '5f0c2b7e-8d41-4c3a-9e6f-1a2b3c4d5e6f' };

/** A completed job as DescribeTrainingJob returns it; `modified` is its LastModifiedTime. */
function job(
  name: string,
  modified: string,
  volumeKey = true,
  created = '2026-11-18T22:04:51.330Z',
): DescribeTrainingJobCommandOutput {
  return {
    $metadata: METADATA,
    TrainingJobName: name,
    TrainingJobArn: jobArn(name),
    TrainingJobStatus: 'Completed',
    SecondaryStatus: 'Completed',
    ModelArtifacts: { S3ModelArtifacts: `s3://ml-artifacts-${ACCOUNT}-us-east-1/churn/${name}/output/model.tar.gz` },
    AlgorithmSpecification: {
      TrainingImage: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
      TrainingInputMode: 'File',
    },
    RoleArn: `arn:aws:iam::${ACCOUNT}:role/service-role/AmazonSageMaker-ExecutionRole-20261102T101500`,
    OutputDataConfig: { KmsKeyId: KEY, S3OutputPath: `s3://ml-artifacts-${ACCOUNT}-us-east-1/churn/` },
    ResourceConfig: {
      InstanceType: 'ml.m5.2xlarge',
      InstanceCount: 1,
      VolumeSizeInGB: 50,
      ...(volumeKey ? { VolumeKmsKeyId: KEY } : {}),
    },
    StoppingCondition: { MaxRuntimeInSeconds: 86_400 },
    CreationTime: at(created),
    TrainingEndTime: at('2026-11-18T23:41:38.877Z'),
    LastModifiedTime: at(modified),
    EnableNetworkIsolation: true,
    EnableInterContainerTrafficEncryption: true,
  };
}

/** The same job as a Search record: the Describe fields without SDK metadata, plus its Tags. */
function jobRecord(name: string, modified: string, volumeKey = true, created?: string): SearchRecord {
  const { $metadata: _m, ...fields } = job(name, modified, volumeKey, created);
  return { TrainingJob: { ...fields, Tags: [{ Key: 'ml-pipeline', Value: 'churn' }] } };
}

const LISTED_AT = '2026-11-18T23:42:05.119Z';

/** A job as ListTrainingJobs summarises it. */
const summaryOf = (TrainingJobName: string) => ({
  TrainingJobName,
  TrainingJobArn: jobArn(TrainingJobName),
  CreationTime: at('2026-11-18T22:04:51.330Z'),
  LastModifiedTime: at(LISTED_AT),
  TrainingJobStatus: 'Completed' as const,
});

/** ListTrainingJobs over `names` (one page), Describe behind it, Search answering `pages` in order. */
function serveJobs(names: string[], pages: SearchRecord[][]) {
  const searches: SearchCommandInput[] = [];
  sagemaker.on(ListTrainingJobsCommand).resolves({ TrainingJobSummaries: names.map(summaryOf) });
  sagemaker.on(DescribeTrainingJobCommand).callsFake(async (input) => job(input.TrainingJobName, LISTED_AT, false));
  sagemaker.on(SearchCommand).callsFake(async (input: SearchCommandInput) => {
    searches.push({ ...input });
    const index = input.NextToken ? Number(input.NextToken) : 0;
    return {
      Results: pages[index] ?? [],
      ...(index + 1 < pages.length ? { NextToken: String(index + 1) } : {}),
    };
  });
  tagging.serve(() => []);
  return searches;
}

const described = () => sagemaker.commandCalls(DescribeTrainingJobCommand).map((c) => c.args[0].input.TrainingJobName);

describe('training jobs through Search', () => {
  it('takes every listed job from the Search pages: no Describe call, and the same item a Describe call gives', async () => {
    const names = ['churn-xgb-001', 'churn-xgb-002', 'churn-xgb-003'];
    const searches = serveJobs(names, [
      [jobRecord('churn-xgb-001', LISTED_AT), jobRecord('churn-xgb-002', LISTED_AT)],
      [jobRecord('churn-xgb-003', LISTED_AT)],
    ]);
    const items = await trainingJobs.list(context({ reads: new Set(['describe']) }));
    expect(described()).toEqual([]);
    expect(searches).toEqual([
      { Resource: 'TrainingJob', SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: 100 },
      {
        Resource: 'TrainingJob',
        SortBy: 'CreationTime',
        SortOrder: 'Descending',
        MaxResults: 100,
        NextToken: '1',
      },
    ]);
    // The Search record's Tags are not part of the Describe output, so not of the configuration.
    const { $metadata: _m, ...describe } = job('churn-xgb-002', LISTED_AT);
    expect(items[1]!.configuration).toEqual(JSON.parse(JSON.stringify(describe)));
    expect(items.map((i) => i.configuration.ResourceConfig.VolumeKmsKeyId)).toEqual([KEY, KEY, KEY]);
  });

  it('describes a job the Search index has not caught up with: missing, or older than the listing', async () => {
    const names = ['churn-xgb-001', 'churn-xgb-002', 'churn-xgb-003'];
    serveJobs(names, [
      [
        jobRecord('churn-xgb-001', LISTED_AT),
        // Modified before the listing's LastModifiedTime: an older state of the job.
        jobRecord('churn-xgb-002', '2026-11-18T22:07:12.004Z'),
        // Not in the listing (older than the window, or deleted since): never an item.
        jobRecord('churn-xgb-legacy', LISTED_AT),
      ],
    ]);
    const items = await trainingJobs.list(context({ reads: new Set(['describe']) }));
    expect(described().sort()).toEqual(['churn-xgb-002', 'churn-xgb-003']);
    expect(items.map((i) => i.resourceId)).toEqual(names);
    // The described jobs carry the Describe output (no volume key in this mock), the searched one its record.
    expect(items.map((i) => i.configuration.ResourceConfig.VolumeKmsKeyId ?? null)).toEqual([KEY, null, null]);
  });

  it('stops at the first page that reaches jobs created before the listing window', async () => {
    // lookbackDays 30 from NOW: the window starts 2026-10-21T06:00:12.904Z. Records come newest
    // first by creation time, so one created before the window ends the search.
    const searches = serveJobs(
      ['churn-xgb-001', 'churn-xgb-002'],
      [
        [
          jobRecord('churn-xgb-001', LISTED_AT),
          jobRecord('churn-xgb-2026-09', '2026-11-02T10:00:00.000Z', true, '2026-09-30T10:00:00.000Z'),
        ],
        [jobRecord('churn-xgb-002', LISTED_AT)],
      ],
    );
    await trainingJobs.list(context({ reads: new Set(['describe']) }));
    expect(searches).toHaveLength(1);
    // The job the stopped pages would have had is described instead.
    expect(described()).toEqual(['churn-xgb-002']);
  });

  it('starts the tag pages with the listing, asks Search for what a listing page needs, and leaves nothing unhandled when the listing fails', async () => {
    const order: string[] = [];
    serveJobs(['churn-xgb-001'], [[jobRecord('churn-xgb-001', LISTED_AT)]]);
    sagemaker.on(ListTrainingJobsCommand).callsFake(async () => {
      order.push('list: asked');
      await new Promise((r) => setTimeout(r, 30));
      order.push('list: answered');
      return { TrainingJobSummaries: [summaryOf('churn-xgb-001')] };
    });
    sagemaker.on(SearchCommand).callsFake(async () => {
      order.push('search: asked');
      return { Results: [jobRecord('churn-xgb-001', LISTED_AT)] };
    });
    tagging.mock.on(GetResourcesCommand).callsFake(async () => {
      order.push('tags: asked');
      return { ResourceTagMappingList: [] };
    });
    await trainingJobs.list(context({ reads: new Set(['describe', 'tags']) }));
    // Search is read a page behind the listing: the records a listing page needs are those down to
    // its oldest creation time (search-window.ts), so a run holds a window of them, not the account's.
    expect(order).toEqual(['tags: asked', 'list: asked', 'list: answered', 'search: asked']);
    expect(described()).toEqual([]);
    // The listing fails while Search fails too: the listing's error is the one reported.
    sagemaker
      .on(ListTrainingJobsCommand)
      .rejects(Object.assign(new Error('listing refused'), { name: 'ValidationException' }));
    sagemaker.on(SearchCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(trainingJobs.list(context({ reads: new Set(['describe']) }))).rejects.toThrow('listing refused');
  });

  it('describes every job when Search is denied or the endpoint lacks it; other errors fail the listing', async () => {
    const names = ['churn-xgb-001', 'churn-xgb-002'];
    const denied = Object.assign(new Error(`User is not authorized to perform: sagemaker:Search`), {
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 400 },
    });
    const lacking = Object.assign(new Error('Not Implemented'), {
      name: 'NotImplemented',
      $metadata: { httpStatusCode: 501 },
    });
    for (const error of [denied, lacking]) {
      sagemaker.reset();
      serveJobs(names, []);
      sagemaker.on(SearchCommand).rejects(error);
      const items = await trainingJobs.list(context({ reads: new Set(['describe']) }));
      expect(described()).toEqual(names);
      expect(items).toHaveLength(2);
    }
    sagemaker.reset();
    serveJobs(names, []);
    const throttled = Object.assign(new Error('Rate exceeded'), {
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 400 },
    });
    sagemaker.on(SearchCommand).rejects(throttled);
    await expect(trainingJobs.list(context({ reads: new Set(['describe']) }))).rejects.toThrow('Rate exceeded');
  });

  it('makes no Search call for a rule that reads only the tags', async () => {
    serveJobs(['churn-xgb-001'], [[jobRecord('churn-xgb-001', LISTED_AT)]]);
    await trainingJobs.list(context({ reads: new Set(['tags']) }));
    expect(sagemaker.commandCalls(SearchCommand)).toHaveLength(0);
  });
});

describe('endpoints through Search', () => {
  const MODIFIED = '2026-11-01T09:21:47.903Z';
  const describeOutput = (name: string): DescribeEndpointCommandOutput => ({
    $metadata: METADATA,
    EndpointName: name,
    EndpointArn: endpointArn(name),
    EndpointConfigName: `${name}-config-v3`,
    EndpointStatus: 'InService',
    ProductionVariants: [
      {
        VariantName: 'AllTraffic',
        DeployedImages: [
          {
            SpecifiedImage: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/fraud-scorer:1.4.2`,
            ResolvedImage: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/fraud-scorer@sha256:9b1f0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d`,
            ResolutionTime: at('2026-11-01T09:12:40.118Z'),
          },
        ],
        CurrentWeight: 1,
        DesiredWeight: 1,
        CurrentInstanceCount: 2,
        DesiredInstanceCount: 2,
      },
    ],
    DataCaptureConfig: {
      EnableCapture: true,
      CaptureStatus: 'Started',
      CurrentSamplingPercentage: 20,
      DestinationS3Uri: `s3://ml-artifacts-${ACCOUNT}-us-east-1/data-capture/${name}`,
      KmsKeyId: KEY,
    },
    CreationTime: at('2026-11-01T09:10:02.551Z'),
    LastModifiedTime: at(MODIFIED),
  });

  it("drops the record's Tags and MonitoringSchedules: schedules still come from ListMonitoringSchedules", async () => {
    const name = 'fraud-scorer-prod';
    sagemaker.on(ListEndpointsCommand).resolves({
      Endpoints: [
        {
          EndpointName: name,
          EndpointArn: endpointArn(name),
          EndpointStatus: 'InService',
          CreationTime: at('2026-11-01T09:10:02.551Z'),
          LastModifiedTime: at(MODIFIED),
        },
      ],
    });
    const { $metadata: _m, ...fields } = describeOutput(name);
    const staleSchedule = {
      MonitoringScheduleArn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:monitoring-schedule/${name}-dq`,
      MonitoringScheduleName: `${name}-dq`,
      MonitoringScheduleStatus: 'Scheduled' as const,
      CreationTime: at('2026-11-02T07:30:00.000Z'),
      LastModifiedTime: at('2026-11-02T07:30:00.000Z'),
    };
    sagemaker.on(SearchCommand).resolves({
      Results: [
        {
          Endpoint: {
            ...fields,
            // Required in Search's Endpoint type, optional in the Describe output's.
            EndpointConfigName: fields.EndpointConfigName!,
            CreationTime: fields.CreationTime!,
            LastModifiedTime: fields.LastModifiedTime!,
            Tags: [{ Key: 'ml-pipeline', Value: 'fraud-detection' }],
            MonitoringSchedules: [staleSchedule],
          },
        },
      ],
    });
    sagemaker.on(ListMonitoringSchedulesCommand).resolves({ MonitoringScheduleSummaries: [] });
    tagging.serve(() => []);
    const [item] = await endpoints.list(context({ reads: new Set(['describe', 'monitoringSchedules']) }));
    expect(sagemaker.commandCalls(DescribeEndpointCommand)).toHaveLength(0);
    expect(item!.configuration).toEqual({ ...JSON.parse(JSON.stringify(fields)), MonitoringSchedules: [] });
    expect(item!.configurationItemCaptureTime).toBe(NOW.toISOString());
  });

  it("reads Search ahead while the pages wait for the account's monitoring schedules", async () => {
    // 250 endpoints, newest first, a minute apart; Search holds all of them, 100 a page.
    const names = Array.from({ length: 250 }, (_, i) => `fraud-scorer-${String(i).padStart(3, '0')}`);
    const createdAt = (i: number) => new Date(Date.parse('2026-11-01T09:10:02.551Z') - i * 60_000);
    const summaries = names.map((name, i) => ({
      EndpointName: name,
      EndpointArn: endpointArn(name),
      EndpointStatus: 'InService' as const,
      CreationTime: createdAt(i),
      LastModifiedTime: at(MODIFIED),
    }));
    sagemaker.on(ListEndpointsCommand).callsFake(async (input) => {
      const start = input.NextToken ? Number(input.NextToken) : 0;
      return {
        Endpoints: summaries.slice(start, start + 100),
        ...(start + 100 < names.length ? { NextToken: String(start + 100) } : {}),
      };
    });
    sagemaker.on(SearchCommand).callsFake(async (input: SearchCommandInput) => {
      const start = input.NextToken ? Number(input.NextToken) : 0;
      return {
        Results: names.slice(start, start + 100).map((name, k) => {
          const { $metadata: _m, ...fields } = describeOutput(name);
          return {
            Endpoint: {
              ...fields,
              EndpointConfigName: fields.EndpointConfigName!,
              CreationTime: createdAt(start + k),
              LastModifiedTime: at(MODIFIED),
            },
          };
        }),
        ...(start + 100 < names.length ? { NextToken: String(start + 100) } : {}),
      };
    });
    // The schedules answer only when the test lets them: until then no page can be assembled.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    sagemaker.on(ListMonitoringSchedulesCommand).callsFake(async () => {
      await released;
      return { MonitoringScheduleSummaries: [] };
    });
    tagging.serve(() => []);
    const run = endpoints.list(context({ reads: new Set(['describe', 'monitoringSchedules']) }));
    // Every Search page is read while the schedules are still being listed.
    await vi.waitFor(() => expect(sagemaker.commandCalls(SearchCommand)).toHaveLength(3));
    release();
    const items = await run;
    expect(items.map((i) => i.resourceId)).toEqual(names);
    expect(sagemaker.commandCalls(DescribeEndpointCommand)).toHaveLength(0);
    expect(sagemaker.commandCalls(SearchCommand)).toHaveLength(3);
  });
});
