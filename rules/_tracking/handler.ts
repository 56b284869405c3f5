// The capture function's Lambda entry. An EventBridge event about a tracked resource (a state
// change or a CloudTrail API call) records that resource; the daily scheduled event ("Scheduled
// Event" from aws.events) reconciles every tracked type. Each request is logged as one JSON line,
// and the run ends with one summary line. An event from a member account (organization mode,
// forwarded to this account's bus) is recorded in that account, with the member role: a
// configuration item belongs to the account that owns the resource, under the schema version
// registered there (schema-versions.ts).
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { clientConfig } from '../_core/clients.js';
import { assumeMemberRole, MEMBER_ROLE_ENV, memberAccountOf } from '../_core/cross-account.js';
import { type CaptureOptions, planRequest, send, type TrackingRequest } from './capture.js';
import { DEFAULT_TRACKING_NAMESPACE, namespaceProblem, type TrackedResource } from './names.js';
import { DEFAULT_RETENTION_DAYS, planReconcile } from './reconcile.js';
import { memberVersions } from './schema-versions.js';
import { type EventBridgeEvent, targetsOf } from './targets.js';

/** Environment the deploy sets on the capture function. */
export const TRACKING_ENV = {
  namespace: 'ML_CONFIG_RULES_TRACKING_NAMESPACE',
  schemaVersions: 'ML_CONFIG_RULES_SCHEMA_VERSIONS',
  retentionDays: 'ML_CONFIG_RULES_RETENTION_DAYS',
} as const;

export interface TrackingSettings {
  namespace: string;
  schemaVersions: Partial<Record<TrackedResource, string>>;
  retentionDays: number;
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): TrackingSettings {
  const namespace = env[TRACKING_ENV.namespace] || DEFAULT_TRACKING_NAMESPACE;
  const problem = namespaceProblem(namespace);
  if (problem) throw new Error(`${TRACKING_ENV.namespace}: ${problem}`);
  const versions = env[TRACKING_ENV.schemaVersions];
  const retention = Number(env[TRACKING_ENV.retentionDays] || DEFAULT_RETENTION_DAYS);
  if (!Number.isInteger(retention) || retention < 1)
    throw new Error(
      `${TRACKING_ENV.retentionDays} must be a whole number of days, got ${env[TRACKING_ENV.retentionDays]}`,
    );
  return { namespace, schemaVersions: versions ? JSON.parse(versions) : {}, retentionDays: retention };
}

export const isScheduledEvent = (event: EventBridgeEvent) =>
  event.source === 'aws.events' && event['detail-type'] === 'Scheduled Event';

export interface TrackingRun {
  requests: TrackingRequest[];
  /** Targets whose Config item already said the same (nothing sent). */
  unchanged: number;
}

/** What one event asks for: the planned requests (sent unless dryRun). */
export async function runTracking(
  event: EventBridgeEvent,
  options: CaptureOptions & { retentionDays?: number; dryRun?: boolean; now?: Date },
): Promise<TrackingRun> {
  let requests: TrackingRequest[];
  let unchanged = 0;
  if (isScheduledEvent(event)) {
    requests = await planReconcile(options);
  } else {
    requests = [];
    for (const target of targetsOf(event)) {
      const request = await planRequest(target, options);
      if (request) requests.push(request);
      else unchanged++;
    }
  }
  if (!options.dryRun) for (const r of requests) await send(options.config, r);
  return { requests, unchanged };
}

const log = (entry: Record<string, unknown>) => console.log(JSON.stringify(entry));

export interface TrackerHandlerOptions {
  sagemaker?: SageMakerClient;
  config?: ConfigServiceClient;
  /** For a member account's schema versions (organization mode). */
  cloudformation?: CloudFormationClient;
}

export function makeTrackerHandler(options: TrackerHandlerOptions = {}) {
  return async function handler(event: EventBridgeEvent, context?: { invokedFunctionArn?: string }) {
    try {
      const settings = settingsFromEnv();
      const member = memberAccountOf(event.account, context?.invokedFunctionArn);
      const credentials = member ? await assumeMemberRole(member, process.env[MEMBER_ROLE_ENV]) : undefined;
      const clients = credentials ? clientConfig({ credentials }) : clientConfig();
      const schemaVersions = member
        ? await memberVersions(
            member.accountId,
            settings.namespace,
            () => options.cloudformation ?? new CloudFormationClient(clients),
          )
        : settings.schemaVersions;
      const run = await runTracking(event, {
        sagemaker: options.sagemaker ?? new SageMakerClient(clients),
        config: options.config ?? new ConfigServiceClient(clients),
        namespace: settings.namespace,
        schemaVersions,
        retentionDays: settings.retentionDays,
      });
      const account = member ? { accountId: member.accountId } : {};
      for (const r of run.requests)
        log({
          level: 'info',
          ...account,
          operation: r.operation,
          resourceType: r.ResourceType,
          resourceId: r.ResourceId,
        });
      log({
        level: 'info',
        ...account,
        event: isScheduledEvent(event) ? 'reconcile' : (event['detail-type'] ?? 'unknown'),
        recorded: run.requests.filter((r) => r.operation === 'PutResourceConfig').length,
        deleted: run.requests.filter((r) => r.operation === 'DeleteResourceConfig').length,
        unchanged: run.unchanged,
      });
      return { requests: run.requests.length, unchanged: run.unchanged };
    } catch (error) {
      const err = error as Error;
      log({ level: 'error', error: err.name, message: err.message });
      throw error;
    }
  };
}
