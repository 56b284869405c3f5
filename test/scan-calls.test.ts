// How many calls a scan makes, counted at a loopback endpoint behind the real SDK stack: a rule
// that reads only tags costs the listing's pages and the Tagging API's pages (⌈N/100⌉ each), plus
// PROBES ListTags calls when GetResources leaves listed resources out (untagged ones, here), a
// rule that reads the Describe output the listing's pages and Search's pages (⌈N/100⌉ each), or,
// where Search is not offered, one Describe call per resource and nothing more; rules that share a
// resource type share one listing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runScan } from '../cli/scan/run.js';
import { ruleById } from '../rules/index.js';
import { PROBES } from '../rules/_inventory/tags.js';
import { ACCOUNT, htmlPage, json, paged, startFakeAws, type FakeAws } from './support/fake-aws.js';

const N = 250;
const JOBS = 120;
const CREATED = 1_763_985_600; // 2025-11-24T12:00:00Z, as SageMaker's JSON protocol sends times (epoch seconds)
const endpointArn = (name: string) => `arn:aws:sagemaker:us-east-1:${ACCOUNT}:endpoint/${name}`;
const jobArn = (name: string) => `arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-job/${name}`;
const endpoints = Array.from({ length: N }, (_, i) => `fraud-scorer-${String(i).padStart(4, '0')}`);
const jobs = Array.from({ length: JOBS }, (_, i) => `churn-xgb-2026-11-${String(i).padStart(4, '0')}`);
// Every third endpoint is untagged, so GetResources returns two thirds of them.
const tagged = endpoints.filter((_, i) => i % 3 !== 0);
const endpoint = (name: string) => ({
  EndpointName: name,
  EndpointArn: endpointArn(name),
  EndpointConfigName: `${name}-config`,
  EndpointStatus: 'InService',
  ProductionVariants: [{ VariantName: 'AllTraffic', CurrentInstanceCount: 2 }],
  CreationTime: CREATED,
  LastModifiedTime: CREATED,
});
const job = (name: string) => ({
  TrainingJobName: name,
  TrainingJobArn: jobArn(name),
  TrainingJobStatus: 'Completed',
  EnableNetworkIsolation: true,
  ResourceConfig: { InstanceType: 'ml.m5.2xlarge', InstanceCount: 1, VolumeSizeInGB: 50 },
  OutputDataConfig: { S3OutputPath: 's3://churn-model-artifacts/training-output' },
  CreationTime: CREATED,
  LastModifiedTime: CREATED,
});
let searchOffered = true;
// A test can make GetResources miss endpoints altogether, as where it would not cover the type.
let endpointTagsCovered = true;
beforeEach(() => {
  searchOffered = true;
  endpointTagsCovered = true;
});

let aws: FakeAws;
beforeAll(async () => {
  aws = await startFakeAws({
    ListEndpoints: paged(
      () =>
        endpoints.map((EndpointName) => ({
          EndpointName,
          EndpointArn: endpointArn(EndpointName),
          EndpointStatus: 'InService',
          CreationTime: CREATED,
          LastModifiedTime: CREATED,
        })),
      'Endpoints',
    ),
    GetResources: paged(
      () =>
        (endpointTagsCovered ? tagged : []).map((name) => ({
          ResourceARN: endpointArn(name),
          Tags: [{ Key: 'ml-pipeline', Value: 'fraud-detection' }],
        })),
      'ResourceTagMappingList',
      { token: 'PaginationToken', size: 'ResourcesPerPage' },
    ),
    DescribeEndpoint: (input) => json(endpoint(input.EndpointName)),
    // ListTags agrees with GetResources: the untagged endpoints have no tags.
    ListTags: (input) =>
      json({
        Tags: tagged.some((name) => endpointArn(name) === input.ResourceArn)
          ? [{ Key: 'ml-pipeline', Value: 'fraud-detection' }]
          : [],
      }),
    ListMonitoringSchedules: paged(
      () => [
        {
          MonitoringScheduleName: 'fraud-scorer-0001-dq',
          MonitoringScheduleArn: 'arn:aws:sagemaker:us-east-1:123456789012:monitoring-schedule/fraud-scorer-0001-dq',
          EndpointName: 'fraud-scorer-0001',
          MonitoringScheduleStatus: 'Scheduled',
          CreationTime: CREATED,
          LastModifiedTime: CREATED,
        },
      ],
      'MonitoringScheduleSummaries',
    ),
    ListTrainingJobs: paged(
      () =>
        jobs.map((TrainingJobName) => ({
          TrainingJobName,
          TrainingJobArn: jobArn(TrainingJobName),
          CreationTime: CREATED,
          LastModifiedTime: CREATED,
          TrainingJobStatus: 'Completed',
        })),
      'TrainingJobSummaries',
    ),
    DescribeTrainingJob: (input) => json(job(input.TrainingJobName)),
    // Search answers in pages of MaxResults, each result keyed by the resource searched; a test
    // can take the API away (an HTML 501 page, as an endpoint without it answers).
    Search: (input, call) => {
      if (!searchOffered) return htmlPage(501);
      const records: Record<string, () => unknown[]> = {
        TrainingJob: () => jobs.map((name) => ({ TrainingJob: { ...job(name), Tags: [] } })),
        Endpoint: () =>
          endpoints.map((name) => ({ Endpoint: { ...endpoint(name), Tags: [], MonitoringSchedules: [] } })),
      };
      return paged(records[input.Resource]!, 'Results')(input, call);
    },
  });
});
afterAll(async () => aws?.close());

const SAGEMAKER_OPS = [
  'ListEndpoints',
  'DescribeEndpoint',
  'ListTags',
  'ListMonitoringSchedules',
  'ListTrainingJobs',
  'DescribeTrainingJob',
  'Search',
];
const scan = async (ids: string[]) => {
  aws.calls.clear();
  const clients = aws.clients();
  const run = await runScan({
    rules: ids.map((id) => ruleById(id)!),
    regions: ['us-east-1'],
    clientsFor: () => clients,
    now: new Date('2025-12-01T06:00:00Z'),
  });
  expect(run.results.filter((r) => r.error)).toEqual([]);
  return run;
};

describe('scan call counts', () => {
  it(`tag rule over ${N} endpoints: SageMaker and Tagging API calls within 1.1× of ⌈N/100⌉ × 2, plus ${PROBES} ListTags`, async () => {
    const run = await scan(['sagemaker-endpoint-tagged']);
    const floor = Math.ceil(N / 100) * 2;
    const calls = aws.count(...SAGEMAKER_OPS, 'GetResources');
    expect(calls).toBeLessThanOrEqual(1.1 * floor + PROBES);
    expect(aws.count('ListEndpoints')).toBe(Math.ceil(N / 100));
    // The Tagging API returns tagged resources only: ⌈tagged/100⌉ pages, at most ⌈N/100⌉.
    expect(aws.count('GetResources')).toBe(Math.ceil(tagged.length / 100));
    // It left the untagged third out: ListTags is asked about PROBES of them, agrees, and that is all.
    expect(aws.count('ListTags')).toBe(PROBES);
    expect(run.warnings).toBeUndefined();
    expect(aws.count('DescribeEndpoint', 'ListMonitoringSchedules')).toBe(0);
    const verdicts = run.results[0]!.evaluations;
    expect(verdicts).toHaveLength(N);
    expect(verdicts.filter((e) => e.ComplianceType === 'NON_COMPLIANT')).toHaveLength(Math.ceil(N / 3));
  });

  const JOB_RULES = [
    'sagemaker-training-job-volume-kms',
    'sagemaker-training-job-output-kms',
    'sagemaker-training-job-network-isolation',
    'sagemaker-training-job-in-vpc',
  ];

  it(`describe rules over ${JOBS} training jobs: the listing's and Search's pages, no Describe, no tag call`, async () => {
    const run = await scan(JOB_RULES);
    expect(aws.count('ListTrainingJobs')).toBe(Math.ceil(JOBS / 100));
    expect(aws.count('Search')).toBe(Math.ceil(JOBS / 100));
    expect(aws.count(...SAGEMAKER_OPS, 'GetResources')).toBe(2 * Math.ceil(JOBS / 100));
    expect(run.results.map((r) => r.evaluations.length)).toEqual([JOBS, JOBS, JOBS, JOBS]);
    const volume = run.results.find((r) => r.rule === 'sagemaker-training-job-volume-kms')!.evaluations;
    expect(volume.every((e) => e.ComplianceType === 'NON_COMPLIANT')).toBe(true);
  });

  it(`without Search at the endpoint: one Describe per job and nothing more, the same verdicts`, async () => {
    const withSearch = await scan(JOB_RULES);
    searchOffered = false;
    const run = await scan(JOB_RULES);
    expect(aws.count('DescribeTrainingJob')).toBe(JOBS);
    expect(aws.count('ListTrainingJobs')).toBe(Math.ceil(JOBS / 100));
    // One Search attempt, answered 501: not retried.
    expect(aws.count('Search')).toBe(1);
    expect(aws.count('GetResources', 'ListTags')).toBe(0);
    const verdicts = (r: typeof run) =>
      r.results.map((x) => x.evaluations.map((e) => [e.ComplianceType, e.Annotation]));
    expect(verdicts(run)).toEqual(verdicts(withSearch));
  });

  it('a tag rule and a describe rule on endpoints share one listing; each read is made once', async () => {
    const run = await scan(['sagemaker-endpoint-tagged', 'sagemaker-endpoint-monitoring-scheduled']);
    expect(aws.count('ListEndpoints')).toBe(Math.ceil(N / 100));
    expect(aws.count('GetResources')).toBe(Math.ceil(tagged.length / 100));
    expect(aws.count('Search')).toBe(Math.ceil(N / 100));
    expect(aws.count('DescribeEndpoint')).toBe(0);
    expect(aws.count('ListMonitoringSchedules')).toBe(1);
    expect(aws.count('ListTags')).toBe(PROBES);
    const monitored = run.results.find((r) => r.rule === 'sagemaker-endpoint-monitoring-scheduled')!.evaluations;
    expect(monitored.filter((e) => e.ComplianceType === 'COMPLIANT').map((e) => e.ComplianceResourceId)).toEqual([
      'fraud-scorer-0001',
    ]);
  });

  it(`where GetResources misses endpoints: ${PROBES} ListTags find it out, one per endpoint follows, the same verdicts, one warning`, async () => {
    const covered = await scan(['sagemaker-endpoint-tagged']);
    endpointTagsCovered = false;
    const run = await scan(['sagemaker-endpoint-tagged']);
    expect(aws.count('ListEndpoints')).toBe(Math.ceil(N / 100));
    expect(aws.count('GetResources')).toBe(1);
    // Each endpoint's tags once: the probes, then the others it left out.
    expect(aws.count('ListTags')).toBe(N);
    const verdicts = (r: typeof run) =>
      r.results[0]!.evaluations.map((e) => [e.ComplianceResourceId, e.ComplianceType]);
    expect(verdicts(run)).toEqual(verdicts(covered));
    expect(run.warnings).toEqual([
      {
        account: ACCOUNT,
        region: 'us-east-1',
        message: expect.stringMatching(
          /^tags of sagemaker:endpoint: GetResources left out .*; .* every listed resource it leaves out is read with ListTags/,
        ),
      },
    ]);
  });

  it('a scope tag becomes a TagFilter: out-of-scope endpoints are not evaluated, and nothing more is called', async () => {
    aws.calls.clear();
    const clients = aws.clients();
    const run = await runScan({
      rules: [ruleById('sagemaker-endpoint-tagged')!],
      regions: ['us-east-1'],
      clientsFor: () => clients,
      scope: { scopeTagKey: 'ml-pipeline', scopeTagValue: 'fraud-detection' },
    });
    expect(run.results[0]!.evaluations).toHaveLength(tagged.length);
    expect(run.results[0]!.evaluations.every((e) => e.ComplianceType === 'COMPLIANT')).toBe(true);
    expect(aws.count('ListEndpoints', 'GetResources')).toBe(3 + Math.ceil(tagged.length / 100));
    // The out-of-scope endpoints it left out: PROBES asked, none carries the scope tag.
    expect(aws.count('ListTags')).toBe(PROBES);
  });
});
