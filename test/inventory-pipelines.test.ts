// The pipeline inventory adapter over mocked SageMaker responses: pagination, the item shape
// (DescribePipeline output, PipelineDefinition kept as its JSON string, tags from the Tagging API), the
// concurrency bound, errors, and the periodic rules it feeds.
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import {
  DescribePipelineCommand,
  ListPipelinesCommand,
  ListTagsCommand,
  type DescribePipelineCommandOutput,
} from '@aws-sdk/client-sagemaker';
import { GetResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { configSources } from '../rules/_core/config-sources.js';
import { evaluateEvent } from '../rules/_core/engine.js';
import { parseEvent } from '../rules/_core/event.js';
import { inventoryLoaders, inventoryModules } from '../rules/_inventory/index.js';
import adapter, { RESOURCE_TYPE } from '../rules/_inventory/pipelines.js';
import { DEFAULT_CONCURRENCY } from '../rules/_inventory/sagemaker.js';
import stepsEncryptedRule from '../rules/sagemaker-pipeline-steps-encrypted.js';
import pipelineTaggedRule from '../rules/sagemaker-pipeline-tagged.js';
import { ACCOUNT, inventoryTestbed } from './support/inventory.js';

/** Tags a test sets for one pipeline; the others get the default pair. */
const tagOverrides = new Map<string, Record<string, string>>();
const NOW = new Date('2026-11-21T06:00:12.402Z');
const { client, sagemaker, tagging, context, serveTags, calledActions } = inventoryTestbed({ now: NOW });
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/service-role/AmazonSageMaker-ExecutionRole-20261102T101500`;

const arnOf = (name: string) => `arn:aws:sagemaker:us-east-1:${ACCOUNT}:pipeline/${name}`;

/** A one-step training pipeline as the SageMaker Python SDK serialises it (json.dumps); `null`: no volume key. */
function definition(volumeKey: unknown = { Get: 'Parameters.KmsKeyArn' }): string {
  const resourceConfig: Record<string, unknown> = {
    VolumeSizeInGB: 30,
    InstanceCount: 1,
    InstanceType: 'ml.m5.xlarge',
  };
  if (volumeKey !== null) resourceConfig.VolumeKmsKeyId = volumeKey;
  return JSON.stringify({
    Version: '2020-12-01',
    Metadata: {},
    Parameters: [{ Name: 'KmsKeyArn', Type: 'String', DefaultValue: KEY }],
    PipelineExperimentConfig: {
      ExperimentName: { Get: 'Execution.PipelineName' },
      TrialName: { Get: 'Execution.PipelineExecutionId' },
    },
    Steps: [
      {
        Name: 'TrainFraudModel',
        Type: 'Training',
        Arguments: {
          AlgorithmSpecification: {
            TrainingInputMode: 'File',
            TrainingImage: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
          },
          OutputDataConfig: {
            S3OutputPath: `s3://sagemaker-us-east-1-${ACCOUNT}/fraud-detection/model`,
            KmsKeyId: { Get: 'Parameters.KmsKeyArn' },
          },
          StoppingCondition: { MaxRuntimeInSeconds: 86400 },
          ResourceConfig: resourceConfig,
          RoleArn: ROLE,
        },
      },
    ],
  });
}

function described(
  name: string,
  overrides: Partial<DescribePipelineCommandOutput> = {},
): DescribePipelineCommandOutput {
  return {
    $metadata: { httpStatusCode: 200, requestId: '8c2f4e6a-1b3d-4f5a-9c7e-0d2b4f6a8c1e' },
    PipelineArn: arnOf(name),
    PipelineName: name,
    PipelineDisplayName: name,
    PipelineDefinition: definition(),
    PipelineDescription: 'Train, evaluate and register the card-fraud XGBoost model',
    RoleArn: ROLE,
    PipelineStatus: 'Active',
    CreationTime: new Date('2026-10-02T14:21:07.512Z'),
    LastModifiedTime: new Date('2026-11-19T10:05:44.031Z'),
    LastRunTime: new Date('2026-11-20T02:00:13.877Z'),
    ParallelismConfiguration: { MaxParallelExecutionSteps: 4 },
    ...overrides,
  };
}

/** Serve `names` through ListPipelines in pages of `pageSize`, with DescribePipeline and ListTags behind them. */
function serve(names: string[], pageSize = 100, delayMs = 0) {
  const state = { inFlight: 0, maxInFlight: 0, listInputs: [] as Record<string, unknown>[] };
  const pages: string[][] = [];
  for (let i = 0; i < Math.max(names.length, 1); i += pageSize) pages.push(names.slice(i, i + pageSize));
  sagemaker.on(ListPipelinesCommand).callsFake(async (input) => {
    // The paginator reuses one input object across pages: copy each as it arrives.
    state.listInputs.push({ ...input });
    const index = input.NextToken ? Number(input.NextToken.replace('page-', '')) : 0;
    return {
      PipelineSummaries: pages[index]!.map((PipelineName) => ({
        PipelineName,
        PipelineArn: arnOf(PipelineName),
        PipelineDisplayName: PipelineName,
        RoleArn: ROLE,
        CreationTime: new Date('2026-10-02T14:21:07.512Z'),
        LastModifiedTime: new Date('2026-11-19T10:05:44.031Z'),
      })),
      ...(index + 1 < pages.length ? { NextToken: `page-${index + 1}` } : {}),
    };
  });
  sagemaker.on(DescribePipelineCommand).callsFake(async (input) => {
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    await new Promise((r) => setTimeout(r, delayMs));
    state.inFlight--;
    return described(input.PipelineName);
  });
  serveTags(() =>
    names.map((name) => ({
      arn: arnOf(name),
      tags: tagOverrides.get(name) ?? { 'ml-pipeline': name, 'sagemaker:project-name': 'fraud-detection-mlops' },
    })),
  );
  return state;
}

beforeEach(() => {
  sagemaker.reset();
  tagging.mock.reset();
  tagging.inputs.length = 0;
  tagOverrides.clear();
});

describe('pipelines inventory adapter', () => {
  it('is registered for AWS::SageMaker::Pipeline, with exactly the actions it calls', async () => {
    expect(RESOURCE_TYPE).toBe('AWS::SageMaker::Pipeline');
    expect(adapter.resourceType).toBe(RESOURCE_TYPE);
    expect(adapter.actions).toEqual({
      list: ['sagemaker:ListPipelines'],
      describe: ['sagemaker:DescribePipeline'],
      tags: ['tag:GetResources', 'sagemaker:ListTags'],
    });
    expect(await inventoryLoaders[RESOURCE_TYPE]!()).toBe(adapter);
    expect(inventoryModules[RESOURCE_TYPE]).toBe('./pipelines.js');
    serve(['fraud-detection-train']);
    // Untagged: GetResources leaves it out, so the listing asks ListTags about it (tags.ts).
    serveTags(() => [{ arn: arnOf('fraud-detection-train'), tags: {} }]);
    await adapter.list(context());
    expect(calledActions()).toEqual(Object.values(adapter.actions).flat().sort());
  });

  it('follows NextToken across ListPipelines pages and describes every pipeline once, in order', async () => {
    const names = [
      'fraud-detection-train',
      'fraud-detection-deploy',
      'churn-train',
      'churn-batch-score',
      'recsys-train',
    ];
    const state = serve(names, 2);
    const items = await adapter.list(context());
    expect(items.map((i) => i.resourceId)).toEqual(names);
    expect(state.listInputs).toEqual([
      { MaxResults: 100 },
      { MaxResults: 100, NextToken: 'page-1' },
      { MaxResults: 100, NextToken: 'page-2' },
    ]);
    expect(sagemaker.commandCalls(DescribePipelineCommand).map((c) => c.args[0].input)).toEqual(
      names.map((PipelineName) => ({ PipelineName })),
    );
  });

  it('merges the DescribePipeline output and the tags into a configuration item, the definition still a string', async () => {
    serve(['fraud-detection-train']);
    const [item] = await adapter.list(context());
    const { $metadata: _metadata, ...describe } = described('fraud-detection-train');
    expect(item).toEqual({
      resourceType: 'AWS::SageMaker::Pipeline',
      resourceId: 'fraud-detection-train',
      resourceName: 'fraud-detection-train',
      arn: arnOf('fraud-detection-train'),
      awsAccountId: ACCOUNT,
      awsRegion: 'us-east-1',
      configurationItemStatus: 'OK',
      configurationItemCaptureTime: NOW.toISOString(),
      tags: { 'ml-pipeline': 'fraud-detection-train', 'sagemaker:project-name': 'fraud-detection-mlops' },
      configuration: JSON.parse(JSON.stringify(describe)),
      supplementaryConfiguration: {},
    });
    expect(item!.configuration.CreationTime).toBe('2026-10-02T14:21:07.512Z');
    expect(typeof item!.configuration.PipelineDefinition).toBe('string');
    expect(JSON.parse(item!.configuration.PipelineDefinition).Steps[0].Name).toBe('TrainFraudModel');
    expect(tagging.inputs).toEqual([{ ResourceTypeFilters: ['sagemaker:pipeline'], ResourcesPerPage: 100 }]);
    expect(sagemaker.commandCalls(ListTagsCommand)).toHaveLength(0);
  });

  it('reads every page of the Tagging API, and gives a pipeline it does not return no tags', async () => {
    const names = Array.from({ length: 230 }, (_, i) => `churn-train-v${i + 1}`);
    serve(names);
    tagOverrides.set('churn-train-v7', {});
    const items = await adapter.list(context({ reads: new Set(['tags']) }));
    expect(tagging.inputs.map((i) => i.PaginationToken)).toEqual([undefined, '100', '200']);
    expect(items.find((i) => i.resourceId === 'churn-train-v230')!.tags).toEqual({
      'ml-pipeline': 'churn-train-v230',
      'sagemaker:project-name': 'fraud-detection-mlops',
    });
    expect(items.find((i) => i.resourceId === 'churn-train-v7')!.tags).toEqual({});
    // Tags only: no Describe call per pipeline.
    expect(sagemaker.commandCalls(DescribePipelineCommand)).toHaveLength(0);
  });

  it('returns nothing, and describes nothing, in an account without pipelines', async () => {
    serve([]);
    expect(await adapter.list(context())).toEqual([]);
    expect(sagemaker.commandCalls(DescribePipelineCommand)).toHaveLength(0);
  });

  it('keeps at most `concurrency` DescribePipeline calls in flight, and the default bound without one', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `churn-train-v${i + 1}`);
    const bounded = serve(names, 7, 5);
    expect(await adapter.list(context({ concurrency: 3 }))).toHaveLength(20);
    expect(bounded.maxInFlight).toBe(3);
    sagemaker.reset();
    const unbounded = serve(names, 100, 5);
    await adapter.list(context());
    expect(unbounded.maxInFlight).toBe(DEFAULT_CONCURRENCY);
  });

  it('lets errors from DescribePipeline, ListPipelines and the Tagging API propagate', async () => {
    serve(['fraud-detection-train', 'churn-train']);
    const denied = Object.assign(new Error('User is not authorized to perform: sagemaker:DescribePipeline'), {
      name: 'AccessDeniedException',
    });
    sagemaker.on(DescribePipelineCommand, { PipelineName: 'churn-train' }).rejects(denied);
    await expect(adapter.list(context())).rejects.toThrow(/sagemaker:DescribePipeline/);
    sagemaker.reset();
    sagemaker
      .on(ListPipelinesCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(adapter.list(context())).rejects.toThrow(/Rate exceeded/);
    sagemaker.reset();
    serve(['fraud-detection-train']);
    tagging.mock.on(GetResourcesCommand).rejects(
      Object.assign(new Error('User is not authorized to perform: tag:GetResources'), {
        name: 'AccessDeniedException',
      }),
    );
    await expect(adapter.list(context())).rejects.toThrow(/tag:GetResources/);
  });

  it('feeds the periodic pipeline rules through a scheduled run', async () => {
    serve(['fraud-detection-train', 'churn-train', 'recsys-train']);
    sagemaker
      .on(DescribePipelineCommand, { PipelineName: 'churn-train' })
      .resolves(described('churn-train', { PipelineDefinition: definition(null) }));
    sagemaker
      .on(DescribePipelineCommand, { PipelineName: 'recsys-train' })
      .resolves(described('recsys-train', { PipelineDefinition: '{"Version": "2020-12-01", "Steps": [' }));
    tagOverrides.set('recsys-train', {});
    const config = new ConfigServiceClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const configMock = mockClient(config);
    const event = (rule: string) =>
      parseEvent({
        invokingEvent: JSON.stringify({
          awsAccountId: ACCOUNT,
          notificationCreationTime: '2026-11-21T06:00:00.412Z',
          messageType: 'ScheduledNotification',
          recordVersion: '1.0',
        }),
        ruleParameters: '{}',
        resultToken: 'TESTMODE',
        configRuleName: `ml-${rule}`,
        accountId: ACCOUNT,
      });
    const sources = configSources({
      config,
      inventory: inventoryLoaders,
      inventoryContext: { sagemaker: client, tagging: tagging.client, now: NOW },
    });

    const steps = await evaluateEvent(stepsEncryptedRule, event(stepsEncryptedRule.id), sources);
    expect(steps.evaluations.map((e) => [e.ComplianceResourceId, e.ComplianceType, e.Annotation])).toEqual([
      ['fraud-detection-train', 'COMPLIANT', undefined],
      ['churn-train', 'NON_COMPLIANT', 'step TrainFraudModel (Training): ResourceConfig.VolumeKmsKeyId is not set'],
      [
        'recsys-train',
        'NON_COMPLIANT',
        expect.stringMatching(/^PipelineDefinition cannot be parsed: it is not valid JSON/),
      ],
    ]);
    expect(steps.evaluations.every((e) => e.ComplianceResourceType === 'AWS::SageMaker::Pipeline')).toBe(true);

    const tagged = await evaluateEvent(pipelineTaggedRule, event(pipelineTaggedRule.id), sources);
    expect(tagged.evaluations.map((e) => [e.ComplianceResourceId, e.ComplianceType])).toEqual([
      ['fraud-detection-train', 'COMPLIANT'],
      ['churn-train', 'COMPLIANT'],
      ['recsys-train', 'NON_COMPLIANT'],
    ]);
    expect(configMock.calls()).toHaveLength(0);
  });
});
