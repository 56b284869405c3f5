// `ml-config-rules track EVENT_FILE` runs the capture function's logic here, on one EventBridge
// event, as `evaluate` does for rules; `track --reconcile` does the daily reconcile for the whole
// account. It reads SageMaker and Config with the usual credentials (AWS_ENDPOINT_URL too), and
// with --dry-run sends nothing: `--format json` prints the exact PutResourceConfig and
// DeleteResourceConfig requests it would send, each with its `operation`.
import { CloudFormationClient, DescribeTypeCommand } from '@aws-sdk/client-cloudformation';
import { clientConfig } from '../../rules/_core/clients.js';
import type { TrackingRequest } from '../../rules/_tracking/capture.js';
import { runTracking } from '../../rules/_tracking/handler.js';
import { namespaceProblem, type TrackedResource } from '../../rules/_tracking/names.js';
import { DEFAULT_RETENTION_DAYS } from '../../rules/_tracking/reconcile.js';
import { targetsOf, type EventBridgeEvent } from '../../rules/_tracking/targets.js';
import { trackedTypes } from '../../rules/_tracking/types.js';
import { readJsonFile } from '../local/fixtures.js';
import { defaultRegion, regionClients } from '../live-sources.js';
import { plural, printJson, printReport, table, UsageError, type Report } from '../output.js';

export interface TrackOptions {
  reconcile?: boolean;
  dryRun?: boolean;
  format: 'table' | 'json';
  region?: string;
  namespace: string;
  schemaVersion?: string;
  retentionDays?: string;
}

/** The registered default version of each type, from the CloudFormation registry. */
async function registeredVersions(
  region: string,
  namespace: string,
  resources: TrackedResource[],
): Promise<Partial<Record<TrackedResource, string>>> {
  const cloudformation = new CloudFormationClient(clientConfig({ region }));
  const out: Partial<Record<TrackedResource, string>> = {};
  for (const type of trackedTypes(namespace).filter((t) => resources.includes(t.resource))) {
    try {
      const described = await cloudformation.send(
        new DescribeTypeCommand({ Type: 'RESOURCE', TypeName: type.typeName }),
      );
      if (described.DefaultVersionId) out[type.resource] = described.DefaultVersionId;
    } catch (error) {
      throw new UsageError(
        `${type.typeName} is not registered in ${region} (${(error as Error).name}): deploy with tracking on, or pass --schema-version`,
      );
    }
  }
  return out;
}

export const SCHEDULED_EVENT: EventBridgeEvent = { source: 'aws.events', 'detail-type': 'Scheduled Event' };

export async function trackCommand(file: string | undefined, options: TrackOptions) {
  if ((file === undefined) === !options.reconcile)
    throw new UsageError('give one EVENT_FILE, or --reconcile for the whole account');
  const problem = namespaceProblem(options.namespace);
  if (problem) throw new UsageError(`--namespace ${problem}`);
  const retentionDays = options.retentionDays === undefined ? DEFAULT_RETENTION_DAYS : Number(options.retentionDays);
  if (!Number.isInteger(retentionDays) || retentionDays < 1 || retentionDays > 3650)
    throw new UsageError(`--retention-days must be a whole number from 1 to 3650, got ${options.retentionDays}`);
  if (options.schemaVersion !== undefined && !/^[A-Za-z0-9-]{1,128}$/.test(options.schemaVersion))
    throw new UsageError(
      `--schema-version must be 1-128 letters, digits or -, got ${JSON.stringify(options.schemaVersion)}`,
    );
  const read = file === undefined ? SCHEDULED_EVENT : readJsonFile(file);
  if (read === null || typeof read !== 'object' || Array.isArray(read))
    throw new UsageError(`${file}: not an EventBridge event (a JSON object with source, detail-type and detail)`);
  const event = read as EventBridgeEvent;

  const region = options.region ?? (await defaultRegion());
  const clients = regionClients(region);
  const resources = options.reconcile
    ? trackedTypes(options.namespace).map((t) => t.resource)
    : [...new Set(targetsOf(event).map((t) => t.resource))];
  const schemaVersions = options.schemaVersion
    ? Object.fromEntries(resources.map((r) => [r, options.schemaVersion]))
    : await registeredVersions(region, options.namespace, resources);
  const run = await runTracking(event, {
    sagemaker: clients.sagemaker,
    config: clients.config,
    namespace: options.namespace,
    schemaVersions,
    retentionDays,
    dryRun: options.dryRun === true,
  });
  if (options.format === 'json') return printJson(run.requests);
  printReport(trackReport(run.requests, run.unchanged, options.dryRun === true));
}

export function trackReport(requests: TrackingRequest[], unchanged: number, dryRun: boolean): Report {
  const verb = dryRun ? 'would send' : 'sent';
  const rows = requests.map((r) => [
    r.operation,
    r.ResourceType,
    r.ResourceId,
    r.operation === 'PutResourceConfig' ? `${Buffer.byteLength(r.Configuration)} bytes` : '',
  ]);
  return {
    table: rows.length > 0 ? table(['operation', 'resource type', 'resource id', 'configuration'], rows) : '',
    notes: [
      `${verb} ${plural(requests.length, 'request')}; ${plural(unchanged, 'resource')} already recorded as they are`,
    ],
  };
}
