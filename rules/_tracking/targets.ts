// Which tracked resources an EventBridge event is about. Two kinds of events reach the capture
// function (https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-sagemaker.html):
//  - SageMaker's own state changes ("SageMaker Training Job State Change"...), whose detail is
//    the resource as its Describe call names it
//    (https://docs.aws.amazon.com/sagemaker/latest/dg/automating-sagemaker-with-eventbridge.html);
//  - "AWS API Call via CloudTrail" for the calls that create, change, delete or tag a resource
//    (camelCase request parameters, https://docs.aws.amazon.com/sagemaker/latest/dg/logging-using-cloudtrail.html).
// A target names the resource; the capture describes it, so an event's own fields are never
// recorded as they are. Events about other things give no target.
import type { TrackedResource } from './names.js';

export interface Target {
  resource: TrackedResource;
  /** Name, or ARN for pipeline executions and model packages (what the Describe call takes). */
  id: string;
}

export interface EventBridgeEvent {
  'detail-type'?: string;
  source?: string | string[];
  account?: string;
  region?: string;
  resources?: string[];
  detail?: Record<string, unknown>;
}

type Detail = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/** The resource an ARN names: arn:aws:sagemaker:<region>:<account>:<type>/<name>. */
export function targetOfArn(arn: string): Target | undefined {
  const m = /^arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:\d{12}:([a-z-]+)\/(.+)$/.exec(arn);
  if (!m) return undefined;
  const [, kind, rest] = m;
  switch (kind) {
    case 'training-job':
      return { resource: 'TrainingJob', id: rest! };
    case 'processing-job':
      return { resource: 'ProcessingJob', id: rest! };
    case 'endpoint':
      return { resource: 'Endpoint', id: rest! };
    case 'pipeline':
      return rest!.includes('/execution/')
        ? { resource: 'PipelineExecution', id: arn }
        : { resource: 'Pipeline', id: rest! };
    case 'model-package':
      return { resource: 'ModelPackage', id: arn };
    case 'model-package-group':
      return { resource: 'ModelPackageGroup', id: rest! };
    default:
      return undefined;
  }
}

/** A model package changes what its group's newest package says: both are recorded again. */
function packageTargets(arn: string | undefined, group: string | undefined): Target[] {
  const out: Target[] = [];
  if (arn) out.push({ resource: 'ModelPackage', id: arn });
  const groupName = group ?? (arn ? /:model-package\/([^/]+)\/\d+$/.exec(arn)?.[1] : undefined);
  if (groupName) out.push({ resource: 'ModelPackageGroup', id: groupName });
  return out;
}

const STATE_CHANGES: Record<string, (d: Detail) => Target[]> = {
  'SageMaker Training Job State Change': (d) => one('TrainingJob', text(d.TrainingJobName)),
  'SageMaker Processing Job State Change': (d) => one('ProcessingJob', text(d.ProcessingJobName)),
  'SageMaker Endpoint State Change': (d) => one('Endpoint', text(d.EndpointName)),
  'SageMaker Model Package State Change': (d) => packageTargets(text(d.ModelPackageArn), text(d.ModelPackageGroupName)),
  'SageMaker Model Building Pipeline Execution Status Change': (d) =>
    one('PipelineExecution', text(d.pipelineExecutionArn)),
};

const one = (resource: TrackedResource, id: string | undefined): Target[] => (id ? [{ resource, id }] : []);

/** CloudTrail event names and where each keeps the resource it acts on. */
const API_CALLS: Record<string, (request: Detail, response: Detail) => Target[]> = {};
const byParameter = (resource: TrackedResource, parameter: string) => (request: Detail) =>
  one(resource, text(request[parameter]));
for (const name of ['CreateTrainingJob', 'UpdateTrainingJob', 'StopTrainingJob', 'DeleteTrainingJob'])
  API_CALLS[name] = byParameter('TrainingJob', 'trainingJobName');
for (const name of ['CreateProcessingJob', 'StopProcessingJob', 'DeleteProcessingJob'])
  API_CALLS[name] = byParameter('ProcessingJob', 'processingJobName');
for (const name of ['CreateEndpoint', 'UpdateEndpoint', 'UpdateEndpointWeightsAndCapacities', 'DeleteEndpoint'])
  API_CALLS[name] = byParameter('Endpoint', 'endpointName');
for (const name of ['CreatePipeline', 'UpdatePipeline', 'DeletePipeline'])
  API_CALLS[name] = byParameter('Pipeline', 'pipelineName');
API_CALLS.StartPipelineExecution = (_req, res) => one('PipelineExecution', text(res.pipelineExecutionArn));
for (const name of ['StopPipelineExecution', 'RetryPipelineExecution', 'UpdatePipelineExecution'])
  API_CALLS[name] = byParameter('PipelineExecution', 'pipelineExecutionArn');
API_CALLS.CreateModelPackage = (req, res) => packageTargets(text(res.modelPackageArn), text(req.modelPackageGroupName));
for (const name of ['UpdateModelPackage', 'DeleteModelPackage'])
  API_CALLS[name] = (req) => {
    const id = text(req.modelPackageArn) ?? text(req.modelPackageName);
    return id?.startsWith('arn:') ? packageTargets(id, undefined) : one('ModelPackage', id);
  };
for (const name of ['CreateModelPackageGroup', 'DeleteModelPackageGroup'])
  API_CALLS[name] = byParameter('ModelPackageGroup', 'modelPackageGroupName');
// Monitoring schedules are part of their endpoint's item: a new or changed schedule names its
// endpoint in the request; a stopped, started or deleted one does not (the reconcile finds those).
for (const name of ['CreateMonitoringSchedule', 'UpdateMonitoringSchedule'])
  API_CALLS[name] = (req) => {
    const config = req.monitoringScheduleConfig as Detail | undefined;
    const job = config?.monitoringJobDefinition as Detail | undefined;
    const inputs = Array.isArray(job?.monitoringInputs) ? (job.monitoringInputs as Detail[]) : [];
    const names = inputs.map((i) => text((i.endpointInput as Detail | undefined)?.endpointName));
    return names.flatMap((n) => one('Endpoint', n));
  };
for (const name of ['AddTags', 'DeleteTags'])
  API_CALLS[name] = (req) => {
    const target = targetOfArn(text(req.resourceArn) ?? '');
    return target ? [target] : [];
  };

/** The SageMaker API calls the capture subscribes to (the EventBridge rule's eventName list). */
export const CAPTURED_API_CALLS = Object.keys(API_CALLS).sort();
/** The state-change detail types it subscribes to. */
export const CAPTURED_STATE_CHANGES = Object.keys(STATE_CHANGES).sort();

export const isSageMakerEvent = (event: EventBridgeEvent) =>
  (Array.isArray(event.source) ? event.source : [event.source]).includes('aws.sagemaker');

/** The tracked resources this event is about, without duplicates, in the order found. */
export function targetsOf(event: EventBridgeEvent): Target[] {
  if (!isSageMakerEvent(event)) return [];
  const detailType = event['detail-type'] ?? '';
  const detail = (event.detail ?? {}) as Detail;
  let found: Target[] = [];
  if (detailType === 'AWS API Call via CloudTrail') {
    // A failed call changed nothing.
    if (detail.errorCode !== undefined) return [];
    const call = API_CALLS[text(detail.eventName) ?? ''];
    if (call) found = call((detail.requestParameters ?? {}) as Detail, (detail.responseElements ?? {}) as Detail);
  } else {
    found = STATE_CHANGES[detailType]?.(detail) ?? [];
  }
  const seen = new Set<string>();
  return found.filter((t) => !seen.has(`${t.resource} ${t.id}`) && seen.add(`${t.resource} ${t.id}`));
}
