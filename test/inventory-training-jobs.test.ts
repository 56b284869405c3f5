import {
  DescribeTrainingJobCommand,
  ListTagsCommand,
  ListTrainingJobsCommand,
  type DescribeTrainingJobCommandOutput,
} from '@aws-sdk/client-sagemaker';
import { describe, expect, it } from 'vitest';
import { inventoryLoaders, inventoryModules } from '../rules/_inventory/index.js';
import { DEFAULT_CONCURRENCY } from '../rules/_inventory/sagemaker.js';
import adapter, { DEFAULT_LOOKBACK_DAYS, RESOURCE_TYPE } from '../rules/_inventory/training-jobs.js';
import { ACCOUNT, inventoryTestbed, NOW } from './support/inventory.js';
import interContainerRule from '../rules/sagemaker-training-job-inter-container-encryption.js';

const { sagemaker, tagging, context, serveTags, calledActions, runScheduled } = inventoryTestbed();
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

const arnOf = (name: string) => `arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-job/${name}`;

function described(
  name: string,
  overrides: Partial<DescribeTrainingJobCommandOutput> = {},
): DescribeTrainingJobCommandOutput {
  return {
    $metadata: { httpStatusCode: 200, requestId: '3e9d1c7b-5a4f-4e2d-8c1b-9a0f7e6d5c4b' },
    TrainingJobName: name,
    TrainingJobArn: arnOf(name),
    ModelArtifacts: {
      S3ModelArtifacts: `s3://ml-artifacts-${ACCOUNT}-us-east-1/fraud-detection/${name}/output/model.tar.gz`,
    },
    TrainingJobStatus: 'Completed',
    SecondaryStatus: 'Completed',
    HyperParameters: { epochs: '20', learning_rate: '0.001' },
    AlgorithmSpecification: {
      TrainingImage: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/fraud-trainer:2.3.0`,
      TrainingInputMode: 'File',
      EnableSageMakerMetricsTimeSeries: true,
    },
    RoleArn: `arn:aws:iam::${ACCOUNT}:role/service-role/AmazonSageMaker-ExecutionRole-20261102T101500`,
    OutputDataConfig: {
      KmsKeyId: KEY,
      S3OutputPath: `s3://ml-artifacts-${ACCOUNT}-us-east-1/fraud-detection/`,
      CompressionType: 'GZIP',
    },
    ResourceConfig: { InstanceType: 'ml.g5.2xlarge', InstanceCount: 2, VolumeSizeInGB: 100, VolumeKmsKeyId: KEY },
    VpcConfig: {
      SecurityGroupIds: ['sg-0f1e2d3c4b5a69788'],
      Subnets: ['subnet-0a1b2c3d4e5f60718', 'subnet-0b2c3d4e5f6071829'],
    },
    StoppingCondition: { MaxRuntimeInSeconds: 86400 },
    CreationTime: new Date('2026-11-18T22:04:51.330Z'),
    TrainingStartTime: new Date('2026-11-18T22:07:12.004Z'),
    TrainingEndTime: new Date('2026-11-18T23:41:38.877Z'),
    LastModifiedTime: new Date('2026-11-18T23:42:05.119Z'),
    EnableNetworkIsolation: true,
    EnableInterContainerTrafficEncryption: true,
    EnableManagedSpotTraining: false,
    TrainingTimeInSeconds: 5666,
    BillableTimeInSeconds: 5666,
    ...overrides,
  };
}

/** Serve `names` through ListTrainingJobs in pages of `pageSize`, with Describe and ListTags behind them. */
function serve(names: string[], pageSize = 100, delayMs = 0) {
  // The paginator reuses one input object across pages, so each call's input is copied as it arrives.
  const state = { inFlight: 0, maxInFlight: 0, listInputs: [] as Record<string, unknown>[] };
  const pages: string[][] = [];
  for (let i = 0; i < Math.max(names.length, 1); i += pageSize) pages.push(names.slice(i, i + pageSize));
  sagemaker.on(ListTrainingJobsCommand).callsFake(async (input) => {
    state.listInputs.push({ ...input });
    const index = input.NextToken ? Number(input.NextToken.replace('page-', '')) : 0;
    const next = index + 1 < pages.length ? { NextToken: `page-${index + 1}` } : {};
    return {
      TrainingJobSummaries: pages[index]!.map((TrainingJobName) => ({
        TrainingJobName,
        TrainingJobArn: arnOf(TrainingJobName),
        CreationTime: new Date('2026-11-18T22:04:51.330Z'),
        TrainingJobStatus: 'Completed' as const,
      })),
      ...next,
    };
  });
  sagemaker.on(DescribeTrainingJobCommand).callsFake(async (input) => {
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    await new Promise((r) => setTimeout(r, delayMs));
    state.inFlight--;
    return described(input.TrainingJobName);
  });
  serveTags(() =>
    names.map((name) => ({
      arn: arnOf(name),
      tags: {
        'ml-pipeline': 'fraud-detection',
        'sagemaker:user-profile-arn': `arn:aws:sagemaker:us-east-1:${ACCOUNT}:user-profile/d-7q2x9k1m3n5p/data-scientist`,
        job: name,
      },
    })),
  );
  return state;
}

const DAY_MS = 86_400_000;

describe('training-jobs inventory adapter', () => {
  it('is registered for AWS::SageMaker::TrainingJob, with exactly the actions it calls', async () => {
    expect(RESOURCE_TYPE).toBe('AWS::SageMaker::TrainingJob');
    expect(adapter.resourceType).toBe(RESOURCE_TYPE);
    expect(adapter.actions).toEqual({
      list: ['sagemaker:ListTrainingJobs'],
      describe: ['sagemaker:Search', 'sagemaker:DescribeTrainingJob'],
      tags: ['tag:GetResources', 'sagemaker:ListTags'],
    });
    expect(await inventoryLoaders[RESOURCE_TYPE]!()).toBe(adapter);
    expect(inventoryModules[RESOURCE_TYPE]).toBe('./training-jobs.js');
    serve(['fraud-xgb-2026-11-18-22-04-51-330']);
    // Untagged: GetResources leaves it out, so the listing asks ListTags about it (tags.ts).
    serveTags(() => [{ arn: arnOf('fraud-xgb-2026-11-18-22-04-51-330'), tags: {} }]);
    await adapter.list(context());
    expect(calledActions()).toEqual(Object.values(adapter.actions).flat().sort());
  });

  it('lists jobs created after now minus lookbackDays', async () => {
    const state = serve(['fraud-xgb-2026-11-18-22-04-51-330']);
    await adapter.list(context({ params: { lookbackDays: 7 } }));
    expect(state.listInputs).toEqual([
      {
        CreationTimeAfter: new Date('2026-11-13T06:00:12.904Z'),
        SortBy: 'CreationTime',
        SortOrder: 'Descending',
        MaxResults: 100,
      },
    ]);
  });

  it('defaults the window to DEFAULT_LOOKBACK_DAYS (30) without the parameter', async () => {
    expect(DEFAULT_LOOKBACK_DAYS).toBe(30);
    const state = serve(['fraud-xgb-2026-11-18-22-04-51-330']);
    await adapter.list(context());
    expect(state.listInputs[0]!.CreationTimeAfter).toEqual(new Date(NOW.getTime() - 30 * DAY_MS));
    expect(state.listInputs[0]!.CreationTimeAfter).toEqual(new Date('2026-10-21T06:00:12.904Z'));
  });

  it('keeps the same window on every page and follows NextToken', async () => {
    const names = ['fraud-xgb-1', 'fraud-xgb-2', 'churn-lgbm-1', 'churn-lgbm-2', 'recsys-two-tower-1'];
    const state = serve(names, 2);
    const items = await adapter.list(context({ params: { lookbackDays: 90 } }));
    expect(items.map((i) => i.resourceId)).toEqual(names);
    const since = new Date(NOW.getTime() - 90 * DAY_MS);
    expect(state.listInputs).toEqual([
      { CreationTimeAfter: since, SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: 100 },
      {
        CreationTimeAfter: since,
        SortBy: 'CreationTime',
        SortOrder: 'Descending',
        MaxResults: 100,
        NextToken: 'page-1',
      },
      {
        CreationTimeAfter: since,
        SortBy: 'CreationTime',
        SortOrder: 'Descending',
        MaxResults: 100,
        NextToken: 'page-2',
      },
    ]);
    expect(sagemaker.commandCalls(DescribeTrainingJobCommand).map((c) => c.args[0].input)).toEqual(
      names.map((TrainingJobName) => ({ TrainingJobName })),
    );
  });

  it('merges the Describe output and the tags into a configuration item', async () => {
    const name = 'fraud-xgb-2026-11-18-22-04-51-330';
    serve([name]);
    const [item] = await adapter.list(context());
    const { $metadata: _metadata, ...describe } = described(name);
    expect(item).toEqual({
      resourceType: 'AWS::SageMaker::TrainingJob',
      resourceId: name,
      resourceName: name,
      arn: arnOf(name),
      awsAccountId: ACCOUNT,
      awsRegion: 'us-east-1',
      configurationItemStatus: 'OK',
      configurationItemCaptureTime: NOW.toISOString(),
      tags: {
        'ml-pipeline': 'fraud-detection',
        'sagemaker:user-profile-arn': `arn:aws:sagemaker:us-east-1:${ACCOUNT}:user-profile/d-7q2x9k1m3n5p/data-scientist`,
        job: name,
      },
      // Plain JSON like a Config item: dates become ISO strings, SDK metadata is dropped.
      configuration: JSON.parse(JSON.stringify(describe)),
      supplementaryConfiguration: {},
    });
    expect(item!.configuration.CreationTime).toBe('2026-11-18T22:04:51.330Z');
    expect(item!.configuration.ResourceConfig.VolumeKmsKeyId).toBe(KEY);
    expect(tagging.inputs).toEqual([{ ResourceTypeFilters: ['sagemaker:training-job'], ResourcesPerPage: 100 }]);
    expect(sagemaker.commandCalls(ListTagsCommand)).toHaveLength(0);
  });

  it('returns nothing, and describes nothing, when no job was created in the window', async () => {
    serve([]);
    expect(await adapter.list(context({ params: { lookbackDays: 1 } }))).toEqual([]);
    expect(sagemaker.commandCalls(DescribeTrainingJobCommand)).toHaveLength(0);
  });

  it('keeps at most `concurrency` Describe calls in flight, and the default bound without one', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `churn-lgbm-${i + 1}`);
    const bounded = serve(names, 7, 5);
    expect(await adapter.list(context({ concurrency: 4 }))).toHaveLength(20);
    expect(bounded.maxInFlight).toBe(4);
    sagemaker.reset();
    const unbounded = serve(names, 100, 5);
    await adapter.list(context());
    expect(unbounded.maxInFlight).toBe(DEFAULT_CONCURRENCY);
  });

  it('lets errors from DescribeTrainingJob and ListTrainingJobs propagate', async () => {
    serve(['fraud-xgb-1', 'fraud-xgb-2']);
    const denied = Object.assign(new Error('User is not authorized to perform: sagemaker:DescribeTrainingJob'), {
      name: 'AccessDeniedException',
    });
    sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: 'fraud-xgb-2' }).rejects(denied);
    await expect(adapter.list(context())).rejects.toThrow(/sagemaker:DescribeTrainingJob/);
    sagemaker.reset();
    sagemaker
      .on(ListTrainingJobsCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(adapter.list(context())).rejects.toThrow(/Rate exceeded/);
  });

  it('feeds the periodic rules: lookbackDays reaches the listing, verdicts come from the Describe output', async () => {
    const jobs = ['fraud-xgb-distributed', 'fraud-xgb-plaintext', 'churn-lgbm-single'];
    const state = serve(jobs);
    sagemaker
      .on(DescribeTrainingJobCommand, { TrainingJobName: 'fraud-xgb-plaintext' })
      .resolves(described('fraud-xgb-plaintext', { EnableInterContainerTrafficEncryption: false }));
    sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: 'churn-lgbm-single' }).resolves(
      described('churn-lgbm-single', {
        EnableInterContainerTrafficEncryption: false,
        ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 },
      }),
    );
    const { evaluations, configCalls } = await runScheduled(interContainerRule, { lookbackDays: '14' });
    expect(state.listInputs[0]!.CreationTimeAfter).toEqual(new Date(NOW.getTime() - 14 * DAY_MS));
    expect(evaluations.map((e) => [e.ComplianceResourceType, e.ComplianceResourceId, e.ComplianceType])).toEqual([
      ['AWS::SageMaker::TrainingJob', 'fraud-xgb-distributed', 'COMPLIANT'],
      ['AWS::SageMaker::TrainingJob', 'fraud-xgb-plaintext', 'NON_COMPLIANT'],
      ['AWS::SageMaker::TrainingJob', 'churn-lgbm-single', 'NOT_APPLICABLE'],
    ]);
    expect(evaluations[1]!.Annotation).toBe('EnableInterContainerTrafficEncryption is false on 2 instances');
    expect(configCalls).toBe(0);
  });
});
