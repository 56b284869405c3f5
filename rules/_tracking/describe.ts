// One tracked resource as the SageMaker API describes it now: the Describe call, plus what its
// rules read beyond it (an endpoint's monitoring schedules, a group's newest package, an
// execution's parameters and definition digest), and its tags. Undefined when SageMaker says it is
// gone. Every call takes the resource by name or ARN in this account and Region.
import {
  DescribeEndpointCommand,
  DescribeModelPackageCommand,
  DescribeModelPackageGroupCommand,
  DescribePipelineCommand,
  DescribePipelineDefinitionForExecutionCommand,
  DescribePipelineExecutionCommand,
  DescribeProcessingJobCommand,
  DescribeTrainingJobCommand,
  paginateListMonitoringSchedules,
  paginateListPipelineParametersForExecution,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { toPlainJson } from '../_core/inventory.js';
import { latestPackage } from '../_inventory/model-package-groups.js';
import { isGone, tagsOf } from '../_inventory/sagemaker.js';
import { definitionDigest, scrubDefinition } from './definition.js';
import type { TrackedResource } from './names.js';

export interface Described {
  /** The Describe output with the extra reads merged in (plain JSON). */
  fields: Record<string, unknown>;
  /** The id the pack records it under: its name, or its ARN for executions and packages. */
  resourceId: string;
  resourceName: string;
  arn: string;
  tags: Record<string, string>;
}

type Raw = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v : '');

async function endpointSchedules(sagemaker: SageMakerClient, endpoint: string): Promise<Raw[]> {
  const out: Raw[] = [];
  for await (const page of paginateListMonitoringSchedules(
    { client: sagemaker, pageSize: 100 },
    { EndpointName: endpoint },
  ))
    for (const s of page.MonitoringScheduleSummaries ?? []) out.push(toPlainJson(s));
  return out;
}

async function executionParameters(sagemaker: SageMakerClient, arn: string): Promise<Raw[]> {
  const out: Raw[] = [];
  for await (const page of paginateListPipelineParametersForExecution(
    { client: sagemaker, pageSize: 100 },
    { PipelineExecutionArn: arn },
  ))
    for (const s of page.PipelineParameters ?? []) out.push(toPlainJson(s));
  return out;
}

/** Describe output by type, with its id, name and ARN fields. */
const DESCRIBERS: Record<
  TrackedResource,
  { describe(s: SageMakerClient, id: string): Promise<Raw>; id: string; name: string; arn: string }
> = {
  TrainingJob: {
    describe: async (s, id) => toPlainJson(await s.send(new DescribeTrainingJobCommand({ TrainingJobName: id }))),
    id: 'TrainingJobName',
    name: 'TrainingJobName',
    arn: 'TrainingJobArn',
  },
  ProcessingJob: {
    describe: async (s, id) => toPlainJson(await s.send(new DescribeProcessingJobCommand({ ProcessingJobName: id }))),
    id: 'ProcessingJobName',
    name: 'ProcessingJobName',
    arn: 'ProcessingJobArn',
  },
  Endpoint: {
    describe: async (s, id) => {
      const endpoint = toPlainJson(await s.send(new DescribeEndpointCommand({ EndpointName: id })));
      return { ...endpoint, MonitoringSchedules: await endpointSchedules(s, text(endpoint.EndpointName) || id) };
    },
    id: 'EndpointName',
    name: 'EndpointName',
    arn: 'EndpointArn',
  },
  Pipeline: {
    describe: async (s, id) => {
      const pipeline = toPlainJson(await s.send(new DescribePipelineCommand({ PipelineName: id })));
      const definition = text(pipeline.PipelineDefinition);
      return definition === ''
        ? pipeline
        : {
            ...pipeline,
            PipelineDefinition: scrubDefinition(definition),
            PipelineDefinitionDigest: definitionDigest(definition),
          };
    },
    id: 'PipelineName',
    name: 'PipelineName',
    arn: 'PipelineArn',
  },
  PipelineExecution: {
    describe: async (s, id) => {
      const execution = toPlainJson(await s.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: id })));
      const [parameters, definition] = await Promise.all([
        executionParameters(s, id),
        s.send(new DescribePipelineDefinitionForExecutionCommand({ PipelineExecutionArn: id })),
      ]);
      return {
        ...execution,
        PipelineParameters: parameters,
        ...(definition.PipelineDefinition
          ? { PipelineDefinitionDigest: definitionDigest(definition.PipelineDefinition) }
          : {}),
      };
    },
    id: 'PipelineExecutionArn',
    name: 'PipelineExecutionDisplayName',
    arn: 'PipelineExecutionArn',
  },
  ModelPackage: {
    describe: async (s, id) => toPlainJson(await s.send(new DescribeModelPackageCommand({ ModelPackageName: id }))),
    id: 'ModelPackageArn',
    name: 'ModelPackageName',
    arn: 'ModelPackageArn',
  },
  ModelPackageGroup: {
    describe: async (s, id) => {
      const group = toPlainJson(await s.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: id })));
      const newest = await latestPackage(s, text(group.ModelPackageGroupName) || id);
      return newest ? { ...group, LatestModelPackage: newest } : group;
    },
    id: 'ModelPackageGroupName',
    name: 'ModelPackageGroupName',
    arn: 'ModelPackageGroupArn',
  },
};

/** The resource now, or undefined when SageMaker says it no longer exists. */
export async function describeTracked(
  sagemaker: SageMakerClient,
  resource: TrackedResource,
  id: string,
): Promise<Described | undefined> {
  const how = DESCRIBERS[resource];
  let fields: Raw;
  try {
    fields = await how.describe(sagemaker, id);
  } catch (error) {
    if (isGone(error)) return undefined;
    throw error;
  }
  const arn = text(fields[how.arn]);
  const resourceId = text(fields[how.id]) || id;
  return {
    fields,
    resourceId,
    resourceName: text(fields[how.name]) || resourceId,
    arn,
    tags: arn ? await tagsOf(sagemaker, arn) : {},
  };
}

/** The actions describeTracked calls for a type (the capture function's role grants these). */
export const DESCRIBE_ACTIONS: Record<TrackedResource, readonly string[]> = {
  TrainingJob: ['sagemaker:DescribeTrainingJob'],
  ProcessingJob: ['sagemaker:DescribeProcessingJob'],
  Endpoint: ['sagemaker:DescribeEndpoint', 'sagemaker:ListMonitoringSchedules'],
  Pipeline: ['sagemaker:DescribePipeline'],
  PipelineExecution: [
    'sagemaker:DescribePipelineExecution',
    'sagemaker:ListPipelineParametersForExecution',
    'sagemaker:DescribePipelineDefinitionForExecution',
  ],
  ModelPackage: ['sagemaker:DescribeModelPackage'],
  ModelPackageGroup: [
    'sagemaker:DescribeModelPackageGroup',
    'sagemaker:ListModelPackages',
    'sagemaker:DescribeModelPackage',
  ],
};
