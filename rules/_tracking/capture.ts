// From a tracked resource to the one request that keeps Config's item in step with it:
// PutResourceConfig with its configuration (projected, secrets replaced, fitted to 64 KB), or
// DeleteResourceConfig once SageMaker says it is gone, or nothing when Config's current item
// already says the same: each configuration item is billed, so an unchanged resource costs a read
// (GetResourceConfigHistory), not an item.
// https://docs.aws.amazon.com/config/latest/APIReference/API_PutResourceConfig.html
// https://docs.aws.amazon.com/config/latest/APIReference/API_DeleteResourceConfig.html
import {
  DeleteResourceConfigCommand,
  GetResourceConfigHistoryCommand,
  PutResourceConfigCommand,
  type ConfigServiceClient,
  type ResourceType,
} from '@aws-sdk/client-config-service';
import type { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { describeTracked } from './describe.js';
import type { TrackedResource } from './names.js';
import { redactString } from './redact.js';
import { project } from './schema.js';
import type { Target } from './targets.js';
import { fitConfiguration } from './trim.js';
import { specOf, trackedTypes } from './types.js';

export type TrackingRequest =
  | {
      operation: 'PutResourceConfig';
      ResourceType: string;
      SchemaVersionId: string;
      ResourceId: string;
      ResourceName: string;
      Configuration: string;
      Tags: Record<string, string>;
    }
  | { operation: 'DeleteResourceConfig'; ResourceType: string; ResourceId: string };

export interface CaptureOptions {
  sagemaker: SageMakerClient;
  config: ConfigServiceClient;
  namespace: string;
  /** The registered schema version of each type (the deploy passes them to the function). */
  schemaVersions: Partial<Record<TrackedResource, string>>;
}

/** Config's current item of a recorded resource, or undefined when it has none (or only a deleted one). */
interface Current {
  configuration: string;
  tags: Record<string, string>;
}

/** JSON with keys in order: two configurations that differ only in key order are the same. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const parsed = (text: string) => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

async function currentItem(config: ConfigServiceClient, type: string, id: string): Promise<Current | undefined> {
  try {
    const out = await config.send(
      new GetResourceConfigHistoryCommand({ resourceType: type as ResourceType, resourceId: id, limit: 1 }),
    );
    const item = out.configurationItems?.[0];
    if (!item || item.configurationItemStatus?.startsWith('ResourceDeleted')) return undefined;
    return { configuration: item.configuration ?? '', tags: item.tags ?? {} };
  } catch (error) {
    // Config has never recorded this resource.
    if ((error as Error).name === 'ResourceNotDiscoveredException') return undefined;
    throw error;
  }
}

const sameItem = (current: Current, configuration: string, tags: Record<string, string>) =>
  canonical(parsed(current.configuration)) === canonical(parsed(configuration)) &&
  canonical(current.tags) === canonical(tags);

/** The request that brings Config's item of this resource in step, or undefined when it already is. */
export async function planRequest(target: Target, options: CaptureOptions): Promise<TrackingRequest | undefined> {
  const type = trackedTypes(options.namespace).find((t) => t.resource === target.resource)!;
  const described = await describeTracked(options.sagemaker, target.resource, target.id);
  if (!described) {
    const recorded = await currentItem(options.config, type.typeName, target.id);
    return recorded
      ? { operation: 'DeleteResourceConfig', ResourceType: type.typeName, ResourceId: target.id }
      : undefined;
  }
  const spec = specOf(target.resource);
  const configuration = JSON.stringify(fitConfiguration(spec, described.resourceId, project(spec, described.fields)));
  const tags = Object.fromEntries(Object.entries(described.tags).map(([k, v]) => [k, redactString(v, k)]));
  const current = await currentItem(options.config, type.typeName, described.resourceId);
  if (current && sameItem(current, configuration, tags)) return undefined;
  const version = options.schemaVersions[target.resource];
  if (!version)
    throw new Error(`no registered schema version for ${type.typeName}: is tracking deployed in this Region?`);
  return {
    operation: 'PutResourceConfig',
    ResourceType: type.typeName,
    SchemaVersionId: version,
    ResourceId: described.resourceId,
    ResourceName: described.resourceName,
    Configuration: configuration,
    Tags: tags,
  };
}

/** Send one planned request. */
export async function send(config: ConfigServiceClient, request: TrackingRequest): Promise<void> {
  if (request.operation === 'DeleteResourceConfig') {
    const { operation: _op, ...input } = request;
    await config.send(new DeleteResourceConfigCommand(input));
    return;
  }
  const { operation: _op, Tags, ...input } = request;
  await config.send(new PutResourceConfigCommand({ ...input, ...(Object.keys(Tags).length > 0 ? { Tags } : {}) }));
}
