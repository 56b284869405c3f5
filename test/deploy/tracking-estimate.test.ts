// The preview's estimate of tracking's active items against Config's 100,000 custom resources per
// account: counted from SageMaker's listing as the reconcile keeps it, a warning with a retention
// that fits above 80,000, a warning (never a failed preview) when the count fails, and no call
// at all with tracking off.
import {
  ListEndpointsCommand,
  ListModelPackageGroupsCommand,
  ListModelPackagesCommand,
  ListPipelineExecutionsCommand,
  ListPipelinesCommand,
  ListProcessingJobsCommand,
  ListTrainingJobsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { parseStackConfig } from '../../deploy/config.js';
import {
  estimateNotes,
  estimateTracking,
  listTracked,
  retentionThatFits,
  type TrackedListing,
} from '../../deploy/tracking-estimate.js';

const NOW = new Date('2025-06-30T12:00:00Z');
const DAY = 86_400_000;
/** `count` creation times, `perDay` a day, newest first from NOW. */
const created = (count: number, perDay: number) =>
  Array.from({ length: count }, (_, i) => new Date(NOW.getTime() - Math.floor(i / perDay) * DAY - 60_000));

describe('retentionThatFits', () => {
  it('is unbounded when everything fits, and the whole days before the first over the budget otherwise', () => {
    expect(retentionThatFits(created(10, 1), 10, NOW)).toBe(Number.POSITIVE_INFINITY);
    // 100 a day: a budget of 250 fits two whole days (the 251st was created 2 days and a minute ago).
    expect(retentionThatFits(created(1000, 100), 250, NOW)).toBe(2);
    expect(retentionThatFits(created(1000, 100), 0, NOW)).toBe(0);
  });
});

describe('estimateNotes', () => {
  const listing = (jobsPerDay: number, days: number, kept: number): TrackedListing => ({
    kept: { Endpoint: kept, Pipeline: 0, ModelPackage: 0, ModelPackageGroup: 0 },
    windowed: { TrainingJob: created(jobsPerDay * days, jobsPerDay), ProcessingJob: [], PipelineExecution: [] },
  });

  it('says the count, per kind, when it is within the safe share of the cap', () => {
    expect(estimateNotes(listing(10, 90, 40), 90, NOW)).toEqual([
      {
        level: 'info',
        text: 'tracking: about 940 resources would be active in AWS Config (900 training jobs of the last 90 days, 0 processing jobs of the last 90 days, 0 pipeline executions of the last 90 days, 40 endpoints, 0 pipelines, 0 model packages, 0 model package groups), of the 100,000 an account may have',
      },
    ]);
  });

  it('warns above 80,000 with the retention that would fit', () => {
    const [note] = estimateNotes(listing(1000, 90, 1000), 90, NOW);
    expect(note!.level).toBe('warn');
    expect(note!.text).toContain('about 91,000 resources');
    expect(note!.text).toContain("over 80,000, the safe share of AWS Config's 100,000 active custom resources");
    expect(note!.text).toContain('MaxActiveResourcesExceededException');
    // 79,000 jobs fit beside the 1,000 endpoints: 79 whole days of 1,000 a day.
    expect(note!.text).toContain(
      'set ml-config-rules:trackingRetentionDays to 79 or fewer, which would keep about 80,000',
    );
  });

  it('warns that no retention fits when the resources kept whatever their age are already over', () => {
    const [note] = estimateNotes(listing(10, 1, 85_000), 90, NOW);
    expect(note!.level).toBe('warn');
    expect(note!.text).toContain('no retention fits');
  });
});

describe('estimateTracking', () => {
  it('makes no call with tracking off', async () => {
    let called = false;
    const notes = await estimateTracking(parseStackConfig({ tracking: 'off' }), async () => {
      called = true;
      return { kept: {}, windowed: {} };
    });
    expect(notes).toEqual([]);
    expect(called).toBe(false);
  });

  it('asks for the retention window of the stack', async () => {
    let since: Date | undefined;
    await estimateTracking(
      parseStackConfig({ trackingRetentionDays: '30' }),
      async (s) => {
        since = s;
        return { kept: {}, windowed: {} };
      },
      NOW,
    );
    expect(since).toEqual(new Date(NOW.getTime() - 30 * DAY));
  });

  it('turns a failed count into a warning, and the preview goes on', async () => {
    const denied = Object.assign(new Error('User is not authorized to perform: sagemaker:ListTrainingJobs'), {
      name: 'AccessDeniedException',
    });
    const notes = await estimateTracking(parseStackConfig({}), async () => Promise.reject(denied), NOW);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.level).toBe('warn');
    expect(notes[0]!.text).toMatch(/^tracking: could not count the SageMaker resources .*AccessDeniedException/);
  });
});

describe('listTracked', () => {
  const sagemaker = mockClient(SageMakerClient);
  beforeEach(() => sagemaker.reset());
  afterAll(() => sagemaker.restore());

  it('lists what the reconcile keeps: every endpoint, pipeline, package and group, and the jobs and executions of the window', async () => {
    const since = new Date(NOW.getTime() - 90 * DAY);
    sagemaker
      .on(ListEndpointsCommand)
      .resolvesOnce({ Endpoints: [{ EndpointName: 'fraud-scorer' } as any], NextToken: 'p2' })
      .resolvesOnce({ Endpoints: [{ EndpointName: 'churn-scorer' } as any] });
    sagemaker.on(ListPipelinesCommand).resolves({ PipelineSummaries: [{ PipelineName: 'fraud-train' }] });
    sagemaker.on(ListPipelineExecutionsCommand, { PipelineName: 'fraud-train', CreatedAfter: since }).resolves({
      PipelineExecutionSummaries: [{ StartTime: new Date(NOW.getTime() - DAY) }],
    });
    sagemaker.on(ListModelPackagesCommand, { ModelPackageType: 'Both' }).resolves({
      ModelPackageSummaryList: [{ ModelPackageArn: 'a' } as any, { ModelPackageArn: 'b' } as any],
    });
    sagemaker.on(ListModelPackageGroupsCommand).resolves({ ModelPackageGroupSummaryList: [{} as any] });
    sagemaker.on(ListTrainingJobsCommand, { CreationTimeAfter: since }).resolves({
      TrainingJobSummaries: [{ CreationTime: new Date(NOW.getTime() - 2 * DAY) } as any],
    });
    sagemaker.on(ListProcessingJobsCommand, { CreationTimeAfter: since }).resolves({ ProcessingJobSummaries: [] });
    const listing = await listTracked(new SageMakerClient({ region: 'us-east-1' }), since);
    expect(listing.kept).toEqual({ Endpoint: 2, Pipeline: 1, ModelPackage: 2, ModelPackageGroup: 1 });
    expect(listing.windowed.TrainingJob).toHaveLength(1);
    expect(listing.windowed.ProcessingJob).toEqual([]);
    expect(listing.windowed.PipelineExecution).toEqual([new Date(NOW.getTime() - DAY)]);
  });
});
