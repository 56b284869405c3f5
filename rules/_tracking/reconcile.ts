// The scheduled reconcile: what the events missed (SageMaker's events are best effort,
// https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-sagemaker.html) is recorded, and
// what no longer exists, or has passed the retention window, is deleted from Config. Jobs and
// pipeline executions accumulate without end, and Config keeps at most 100,000 active custom
// resources per account (MaxActiveResourcesExceededException,
// https://docs.aws.amazon.com/config/latest/APIReference/API_PutResourceConfig.html): those
// created before the window are listed no more, so their items are deleted.
import { paginateListDiscoveredResources, type ResourceType } from '@aws-sdk/client-config-service';
import {
  paginateListEndpoints,
  paginateListModelPackageGroups,
  paginateListModelPackages,
  paginateListPipelineExecutions,
  paginateListPipelines,
  paginateListProcessingJobs,
  paginateListTrainingJobs,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import pMap from 'p-map';
import { type CaptureOptions, planRequest, type TrackingRequest } from './capture.js';
import type { TrackedResource } from './names.js';
import type { Target } from './targets.js';
import { trackedTypes } from './types.js';

export const DEFAULT_RETENTION_DAYS = 90;
const DAY_MS = 86_400_000;
const PAGE = { pageSize: 100 };

/** The List calls listNow makes per type (the capture function's role grants these). */
export const LIST_ACTIONS: Record<TrackedResource, readonly string[]> = {
  TrainingJob: ['sagemaker:ListTrainingJobs'],
  ProcessingJob: ['sagemaker:ListProcessingJobs'],
  Endpoint: ['sagemaker:ListEndpoints'],
  Pipeline: ['sagemaker:ListPipelines'],
  PipelineExecution: ['sagemaker:ListPipelines', 'sagemaker:ListPipelineExecutions'],
  ModelPackage: ['sagemaker:ListModelPackages'],
  ModelPackageGroup: ['sagemaker:ListModelPackageGroups'],
};

/** Every resource of a type SageMaker lists now (jobs and executions: created within the window). */
async function listNow(sagemaker: SageMakerClient, resource: TrackedResource, since: Date): Promise<string[]> {
  const ids: string[] = [];
  const client = { client: sagemaker, ...PAGE };
  switch (resource) {
    case 'TrainingJob':
      for await (const page of paginateListTrainingJobs(client, { CreationTimeAfter: since }))
        for (const j of page.TrainingJobSummaries ?? []) if (j.TrainingJobName) ids.push(j.TrainingJobName);
      break;
    case 'ProcessingJob':
      for await (const page of paginateListProcessingJobs(client, { CreationTimeAfter: since }))
        for (const j of page.ProcessingJobSummaries ?? []) if (j.ProcessingJobName) ids.push(j.ProcessingJobName);
      break;
    case 'Endpoint':
      for await (const page of paginateListEndpoints(client, {}))
        for (const e of page.Endpoints ?? []) if (e.EndpointName) ids.push(e.EndpointName);
      break;
    case 'Pipeline':
      for await (const page of paginateListPipelines(client, {}))
        for (const p of page.PipelineSummaries ?? []) if (p.PipelineName) ids.push(p.PipelineName);
      break;
    case 'PipelineExecution':
      for (const pipeline of await listNow(sagemaker, 'Pipeline', since))
        for await (const page of paginateListPipelineExecutions(client, {
          PipelineName: pipeline,
          CreatedAfter: since,
        }))
          for (const e of page.PipelineExecutionSummaries ?? [])
            if (e.PipelineExecutionArn) ids.push(e.PipelineExecutionArn);
      break;
    case 'ModelPackage':
      for await (const page of paginateListModelPackages(client, { ModelPackageType: 'Both' }))
        for (const m of page.ModelPackageSummaryList ?? []) if (m.ModelPackageArn) ids.push(m.ModelPackageArn);
      break;
    case 'ModelPackageGroup':
      for await (const page of paginateListModelPackageGroups(client, {}))
        for (const g of page.ModelPackageGroupSummaryList ?? [])
          if (g.ModelPackageGroupName) ids.push(g.ModelPackageGroupName);
      break;
  }
  return ids;
}

/** The resources of a type Config holds an item of now. */
async function recordedNow(options: CaptureOptions, typeName: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of paginateListDiscoveredResources(
    { client: options.config, ...PAGE },
    { resourceType: typeName as ResourceType },
  ))
    for (const r of page.resourceIdentifiers ?? []) if (r.resourceId) ids.push(r.resourceId);
  return ids;
}

export interface ReconcileOptions extends CaptureOptions {
  retentionDays?: number;
  now?: Date;
  concurrency?: number;
}

/** The requests that bring every tracked type in step: puts for what changed or was missed, deletes for the rest. */
export async function planReconcile(options: ReconcileOptions): Promise<TrackingRequest[]> {
  const since = new Date(
    (options.now ?? new Date()).getTime() - (options.retentionDays ?? DEFAULT_RETENTION_DAYS) * DAY_MS,
  );
  const requests: TrackingRequest[] = [];
  for (const type of trackedTypes(options.namespace)) {
    const [listed, recorded] = await Promise.all([
      listNow(options.sagemaker, type.resource, since),
      recordedNow(options, type.typeName),
    ]);
    const targets: Target[] = listed.map((id) => ({ resource: type.resource, id }));
    const planned = await pMap(targets, (t) => planRequest(t, options), { concurrency: options.concurrency ?? 8 });
    for (const r of planned) if (r !== undefined) requests.push(r);
    // Recorded, and neither listed nor just recorded under its own id: gone, or older than the window.
    const kept = new Set([
      ...listed,
      ...requests.filter((r) => r.ResourceType === type.typeName).map((r) => r.ResourceId),
    ]);
    for (const id of recorded)
      if (!kept.has(id))
        requests.push({ operation: 'DeleteResourceConfig', ResourceType: type.typeName, ResourceId: id });
  }
  return requests;
}
