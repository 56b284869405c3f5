// Training jobs read page by page (rules/_inventory/search-window.ts, assemblePages): Search's
// records are read a listing page at a time, newest first by creation, so a run holds a window of
// them and never the account's; whatever order Search answers in, every listed job gets its own
// configuration (from Search or from Describe); GetResources' answer is probed once a run.
import {
  DescribeTrainingJobCommand,
  ListTagsCommand,
  ListTrainingJobsCommand,
  SearchCommand,
  type ListTrainingJobsCommandInput,
  type SearchCommandInput,
  type SearchRecord,
} from '@aws-sdk/client-sagemaker';
import { GetResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import { describe, expect, it, vi } from 'vitest';
import type { ConfigItem } from '../rules/_core/items.js';
import type { Listed } from '../rules/_inventory/sagemaker.js';
import { searchWindow } from '../rules/_inventory/search-window.js';
import trainingJobs from '../rules/_inventory/training-jobs.js';
import { ACCOUNT, inventoryTestbed, NOW } from './support/inventory.js';

const { sagemaker, tagging, context, serveTags } = inventoryTestbed();
const client = context().sagemaker;
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const JOBS = 1000;
const arnOf = (name: string) => `arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-job/${name}`;
const nameOf = (i: number) => `fraud-xgb-${String(i).padStart(4, '0')}`;
// Job i was created i minutes before NOW (newest first), and last modified 50 minutes later.
const createdAt = (i: number) => new Date(NOW.getTime() - (i + 60) * 60_000);
const modifiedAt = (i: number) => new Date(createdAt(i).getTime() + 50 * 60_000);
// Every seventh job has no volume key.
const volumeKey = (i: number) => (i % 7 === 0 ? {} : { VolumeKmsKeyId: KEY });

const record = (i: number): SearchRecord => ({
  TrainingJob: {
    TrainingJobName: nameOf(i),
    TrainingJobArn: arnOf(nameOf(i)),
    TrainingJobStatus: 'Completed',
    SecondaryStatus: 'Completed',
    AlgorithmSpecification: {
      TrainingImage: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
      TrainingInputMode: 'File',
    },
    RoleArn: `arn:aws:iam::${ACCOUNT}:role/service-role/AmazonSageMaker-ExecutionRole-20261102T101500`,
    OutputDataConfig: { KmsKeyId: KEY, S3OutputPath: `s3://ml-artifacts-${ACCOUNT}-us-east-1/fraud/` },
    ResourceConfig: { InstanceType: 'ml.m5.2xlarge', InstanceCount: 1, VolumeSizeInGB: 50, ...volumeKey(i) },
    StoppingCondition: { MaxRuntimeInSeconds: 86_400 },
    CreationTime: createdAt(i),
    LastModifiedTime: modifiedAt(i),
    EnableNetworkIsolation: true,
    Tags: [{ Key: 'ml-pipeline', Value: 'fraud' }],
  },
});

/** Both APIs over the same 1,000 jobs, 100 a page; Search in `order` (indexes). Records every call. */
function serve(order: number[]) {
  const calls: string[] = [];
  const searches: SearchCommandInput[] = [];
  sagemaker.on(ListTrainingJobsCommand).callsFake(async (input: ListTrainingJobsCommandInput) => {
    const start = input.NextToken ? Number(input.NextToken) : 0;
    calls.push(`list ${start / 100}`);
    const page = Array.from({ length: Math.min(100, JOBS - start) }, (_, k) => start + k);
    return {
      TrainingJobSummaries: page.map((i) => ({
        TrainingJobName: nameOf(i),
        TrainingJobArn: arnOf(nameOf(i)),
        CreationTime: createdAt(i),
        LastModifiedTime: modifiedAt(i),
        TrainingJobStatus: 'Completed' as const,
      })),
      ...(start + 100 < JOBS ? { NextToken: String(start + 100) } : {}),
    };
  });
  sagemaker.on(SearchCommand).callsFake(async (input: SearchCommandInput) => {
    searches.push({ ...input });
    const start = input.NextToken ? Number(input.NextToken) : 0;
    calls.push(`search ${start / 100}`);
    return {
      Results: order.slice(start, start + 100).map(record),
      ...(start + 100 < order.length ? { NextToken: String(start + 100) } : {}),
    };
  });
  sagemaker.on(DescribeTrainingJobCommand).callsFake(async (input) => {
    const i = Number(input.TrainingJobName!.slice(-4));
    calls.push('describe');
    const { Tags: _t, ...fields } = record(i).TrainingJob!;
    return { $metadata: { httpStatusCode: 200 }, ...fields };
  });
  return { calls, searches };
}

async function pagesOf(ctx: ReturnType<typeof context>): Promise<ConfigItem[][]> {
  const pages: ConfigItem[][] = [];
  for await (const page of trainingJobs.pages!(ctx)) pages.push(page);
  return pages;
}

const volumeKeys = (pages: ConfigItem[][]) =>
  pages.flat().map((item) => [item.resourceId, item.configuration.ResourceConfig.VolumeKmsKeyId ?? null]);
const expectedVolumeKeys = () =>
  Array.from({ length: JOBS }, (_, i) => [nameOf(i), volumeKey(i).VolumeKmsKeyId ?? null]);

describe('training jobs read page by page', () => {
  it('reads Search a listing page at a time, newest first by creation: no Describe call, a bounded window', async () => {
    const { calls, searches } = serve(Array.from({ length: JOBS }, (_, i) => i));
    const pages = await pagesOf(context({ reads: new Set(['describe']) }));
    expect(pages.map((p) => p.length)).toEqual(Array(10).fill(100));
    expect(volumeKeys(pages)).toEqual(expectedVolumeKeys());
    expect(calls.filter((c) => c === 'describe')).toEqual([]);
    expect(searches[0]).toMatchObject({ Resource: 'TrainingJob', SortBy: 'CreationTime', SortOrder: 'Descending' });
    // Search never runs ahead of the listing by more than the page it needs and one more (ties at
    // the page's oldest creation time): the window, not the account, is what the run holds.
    let listed = 0;
    let searched = 0;
    for (const call of calls) {
      if (call.startsWith('list')) listed++;
      if (call.startsWith('search')) searched++;
      expect(searched).toBeLessThanOrEqual(listed + 1);
    }
    expect(searched).toBe(10);
  });

  it('gives every job its own configuration when Search answers in another order: the rest are described', async () => {
    // Oldest first: the window stops at once for each page and keeps nothing it cannot use.
    const { calls } = serve(Array.from({ length: JOBS }, (_, i) => JOBS - 1 - i));
    const pages = await pagesOf(context({ reads: new Set(['describe']) }));
    expect(volumeKeys(pages)).toEqual(expectedVolumeKeys());
    expect(calls.filter((c) => c === 'describe').length).toBeGreaterThan(0);
  });

  it('probes GetResources once a run, not once a page, when a scope tag leaves most jobs out', async () => {
    serve(Array.from({ length: JOBS }, (_, i) => i));
    // Only every tenth job carries the scope tag; the others are absent from GetResources' answer.
    serveTags(() =>
      Array.from({ length: JOBS }, (_, i) => ({
        arn: arnOf(nameOf(i)),
        tags: (i % 10 === 0 ? { 'cost-center': 'fraud' } : { 'ml-pipeline': 'fraud' }) as Record<string, string>,
      })),
    );
    const pages = await pagesOf(
      context({ reads: new Set(['describe', 'tags']), params: { lookbackDays: 30, scopeTagKey: 'cost-center' } }),
    );
    expect(sagemaker.commandCalls(ListTagsCommand)).toHaveLength(3);
    const inScope = pages.flat().filter((item) => item.tags['cost-center'] === 'fraud');
    expect(inScope.map((item) => item.resourceId)).toEqual(Array.from({ length: JOBS / 10 }, (_, k) => nameOf(k * 10)));
  });

  it('reports a read that fails once a run, not once a page, and makes it no more', async () => {
    serve(Array.from({ length: JOBS }, (_, i) => i));
    tagging.mock.on(GetResourcesCommand).rejects(
      Object.assign(new Error('User is not authorized to perform: tag:GetResources'), {
        name: 'AccessDeniedException',
      }),
    );
    const failures: string[] = [];
    const pages = await pagesOf(
      context({
        reads: new Set(['describe', 'tags']),
        onReadFailure: (read: string) => void failures.push(read),
      }),
    );
    expect(failures).toEqual(['tags']);
    expect(tagging.mock.commandCalls(GetResourcesCommand)).toHaveLength(1);
    // The other read went on: every job has its own Describe output.
    expect(volumeKeys(pages)).toEqual(expectedVolumeKeys());
  });
});

describe('Search read ahead of the listing', () => {
  const JOB_SEARCH = { resource: 'TrainingJob', nameField: 'TrainingJobName', extraFields: ['Tags'] } as const;
  // Listing page p: jobs 100p to 100p + 99, as ListTrainingJobs summarises them.
  const listingPage = (p: number): Listed[] =>
    Array.from({ length: 100 }, (_, k) => {
      const name = nameOf(p * 100 + k);
      return {
        id: name,
        arn: arnOf(name),
        summary: {
          TrainingJobName: name,
          CreationTime: createdAt(p * 100 + k).toISOString(),
          LastModifiedTime: modifiedAt(p * 100 + k).toISOString(),
        },
      };
    });
  const searchCalls = (calls: string[]) => calls.filter((c) => c.startsWith('search')).length;

  it('reads up to readAheadPages beyond what a page needs, and no more once closed', async () => {
    const { calls } = serve(Array.from({ length: JOBS }, (_, i) => i));
    const window = searchWindow(client, { ...JOB_SEARCH, readAheadPages: 3 });
    const records = await window.recordsFor(listingPage(0));
    expect([...records.keys()]).toEqual(listingPage(0).map((l) => l.id));
    expect(records.get(nameOf(8))).toMatchObject({ ResourceConfig: { VolumeKmsKeyId: KEY } });
    expect(records.get(nameOf(8))).not.toHaveProperty('Tags');
    // Page 0 needs Search pages 0 and 1 (its oldest job may tie with the next page's newest);
    // three more are read ahead while the listing page is assembled, and the reading stops there.
    await vi.waitFor(() => expect(searchCalls(calls)).toBe(5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(searchCalls(calls)).toBe(5);
    // The pages read ahead serve the next listing pages without another call.
    const second = await window.recordsFor(listingPage(1));
    expect(second.size).toBe(100);
    await window.close();
    const afterClose = searchCalls(calls);
    expect(afterClose).toBeLessThanOrEqual(6);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(searchCalls(calls)).toBe(afterClose);
  });

  it('without readAheadPages reads only the pages a listing page needs', async () => {
    const { calls } = serve(Array.from({ length: JOBS }, (_, i) => i));
    const window = searchWindow(client, JOB_SEARCH);
    expect((await window.recordsFor(listingPage(0))).size).toBe(100);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(searchCalls(calls)).toBe(2);
    await window.close();
  });

  it('keeps only the fields the rules read, where they declare them, and still knows how fresh each record is', async () => {
    serve(Array.from({ length: JOBS }, (_, i) => i));
    const window = searchWindow(client, { ...JOB_SEARCH, keepFields: ['ResourceConfig', 'NoSuchField'] });
    const records = await window.recordsFor(listingPage(0));
    expect(records.size).toBe(100);
    expect(records.get(nameOf(8))).toEqual({ ResourceConfig: expect.objectContaining({ VolumeKmsKeyId: KEY }) });
    await window.close();
  });

  it('makes no Search call for a window no listing page asked of', async () => {
    const { calls } = serve(Array.from({ length: JOBS }, (_, i) => i));
    await searchWindow(client, { ...JOB_SEARCH, readAheadPages: 3 }).close();
    expect(calls).toEqual([]);
  });
});
