// `doctor`, tracking (docs/tracking.md): each tracked type is registered here, the capture
// function's EventBridge rules exist, are enabled and target it, the function exists and its last
// runs succeeded, and the account's active custom items stand clear of Config's cap.
//  - DescribeType without a version answers the default one; an unknown type is
//    TypeNotFoundException (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeType.html).
//  - DescribeRule and ListTargetsByRule, on the default bus and, in organization mode, the central
//    bus (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DescribeRule.html,
//    https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_ListTargetsByRule.html).
//  - GetFunction (https://docs.aws.amazon.com/lambda/latest/api/API_GetFunction.html); whether its
//    runs succeeded comes from Lambda's Invocations and Errors metrics, each 1 per invocation, read
//    as hourly sums (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html,
//    https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html).
//    The reconcile runs daily, so a day and an hour without a run is itself a finding.
//  - GetDiscoveredResourceCounts, every type (https://docs.aws.amazon.com/config/latest/APIReference/API_GetDiscoveredResourceCounts.html):
//    the cap counts every custom resource of the account, the pack's and any other's, so every
//    type outside the AWS:: namespace counts. The page does not say that third-party types are
//    counted: docs/tracking.md lists it among what only a real account can confirm.
import { CloudFormationClient, DescribeTypeCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { type ConfigServiceClient, paginateGetDiscoveredResourceCounts } from '@aws-sdk/client-config-service';
import { DescribeRuleCommand, EventBridgeClient, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { type FunctionConfiguration, GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  functionLogGroupName,
  TRACKING_EVENT_RULES,
  trackingBusName,
  trackingEventRuleName,
  trackingFunctionName,
} from '../../deploy/names.js';
import { ACTIVE_CUSTOM_RESOURCES_MAX, SAFE_ACTIVE_RESOURCES } from '../../rules/_tracking/limits.js';
import { trackedTypes } from '../../rules/_tracking/types.js';
import { guarded, type CheckRow } from './row.js';
import { append } from '../../rules/_core/arrays.js';

export interface TrackingClients {
  cloudformation: CloudFormationClient;
  events: EventBridgeClient;
  lambda: LambdaClient;
  cloudwatch: CloudWatchClient;
}

export interface TrackingCheckOptions {
  prefix: string;
  namespace: string;
  /** Organization mode: the central bus's rules are checked too. */
  organization: boolean;
  now: Date;
  target: (name: string) => string;
}

const HOUR_MS = 3_600_000;
/** The reconcile's day, and an hour for it to run late. */
export const RUN_WINDOW_HOURS = 25;
const n = (count: number) => count.toLocaleString('en-US');
const notFound = (error: unknown, ...names: string[]) => names.includes((error as Error).name);

/** One row per tracked type: registered here, and not deprecated. */
export async function typeRows(
  cloudformation: CloudFormationClient,
  namespace: string,
  target: (name: string) => string,
): Promise<CheckRow[]> {
  const rows: CheckRow[] = [];
  for (const type of trackedTypes(namespace)) {
    const row = (status: CheckRow['status'], detail: string): CheckRow => ({
      check: 'tracked-type',
      target: target(type.typeName),
      status,
      detail,
    });
    try {
      const out = await cloudformation.send(new DescribeTypeCommand({ Type: 'RESOURCE', TypeName: type.typeName }));
      if (out.DeprecatedStatus === 'DEPRECATED')
        rows.push(row('fail', 'the type is deregistered: Config refuses its items; run pulumi up with tracking on'));
      else rows.push(row('ok', `registered, default version ${out.DefaultVersionId ?? 'unknown'}`));
    } catch (error) {
      if (!notFound(error, 'TypeNotFoundException')) throw error;
      rows.push(
        row(
          'fail',
          `not registered here: Config refuses its items (PutResourceConfig); run pulumi up with tracking on, or pass the stack's --namespace`,
        ),
      );
    }
  }
  return rows;
}

/** The capture's rules on one bus: each exists, is enabled and targets the function. */
export async function captureRuleRows(
  events: EventBridgeClient,
  prefix: string,
  functionArn: string | undefined,
  target: (name: string) => string,
  bus?: string,
): Promise<CheckRow[]> {
  const rows: CheckRow[] = [];
  const functionName = trackingFunctionName(prefix);
  for (const rule of TRACKING_EVENT_RULES) {
    const name = trackingEventRuleName(prefix, rule);
    const on = bus ? ` on bus ${bus}` : '';
    const row = (status: CheckRow['status'], detail: string): CheckRow => ({
      check: 'capture-rule',
      target: target(bus ? `${bus}/${name}` : name),
      status,
      detail,
    });
    const busName = bus ? { EventBusName: bus } : {};
    let state: string | undefined;
    try {
      state = (await events.send(new DescribeRuleCommand({ Name: name, ...busName }))).State;
    } catch (error) {
      if (!notFound(error, 'ResourceNotFoundException')) throw error;
      rows.push(row('fail', `no EventBridge rule ${name}${on}: run pulumi up with tracking on`));
      continue;
    }
    if (state !== 'ENABLED') {
      rows.push(
        row('fail', `the rule is ${state ?? 'in no state'}: enable it (aws events enable-rule --name ${name})`),
      );
      continue;
    }
    const targets = (await events.send(new ListTargetsByRuleCommand({ Rule: name, ...busName }))).Targets ?? [];
    const aimed = targets.some((t) =>
      functionArn ? t.Arn === functionArn : t.Arn?.endsWith(`:function:${functionName}`),
    );
    rows.push(
      aimed
        ? row('ok', `enabled, targets ${functionName}`)
        : row('fail', `the rule does not target ${functionName}: run pulumi up to restore its target`),
    );
  }
  return rows;
}

/** Hourly sums of a Lambda metric over the window, newest first (GetMetricData's default order). */
interface RunHour {
  at: Date;
  invocations: number;
  errors: number;
}

async function runHours(cloudwatch: CloudWatchClient, functionName: string, now: Date): Promise<RunHour[]> {
  const metric = (id: string, name: string) => ({
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/Lambda',
        MetricName: name,
        Dimensions: [{ Name: 'FunctionName', Value: functionName }],
      },
      Period: 3600,
      Stat: 'Sum',
    },
  });
  const out = await cloudwatch.send(
    new GetMetricDataCommand({
      StartTime: new Date(now.getTime() - RUN_WINDOW_HOURS * HOUR_MS),
      EndTime: now,
      MetricDataQueries: [metric('invocations', 'Invocations'), metric('errors', 'Errors')],
      ScanBy: 'TimestampDescending',
    }),
  );
  const series = (id: string) => {
    const r = (out.MetricDataResults ?? []).find((x) => x.Id === id);
    return new Map<number, number>((r?.Timestamps ?? []).map((t, i) => [new Date(t).getTime(), r?.Values?.[i] ?? 0]));
  };
  const invocations = series('invocations');
  const errors = series('errors');
  return [...invocations.entries()]
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => b - a)
    .map(([t, count]) => ({ at: new Date(t), invocations: count, errors: errors.get(t) ?? 0 }));
}

/** The capture function exists, is active, and its most recent hour of runs succeeded. */
export async function captureFunctionRows(
  clients: Pick<TrackingClients, 'lambda' | 'cloudwatch'>,
  prefix: string,
  now: Date,
  target: (name: string) => string,
): Promise<{ rows: CheckRow[]; arn?: string }> {
  const name = trackingFunctionName(prefix);
  const row = (status: CheckRow['status'], detail: string): CheckRow => ({
    check: 'capture-function',
    target: target(name),
    status,
    detail,
  });
  let configuration: FunctionConfiguration | undefined;
  try {
    configuration = (await clients.lambda.send(new GetFunctionCommand({ FunctionName: name }))).Configuration;
  } catch (error) {
    if (!notFound(error, 'ResourceNotFoundException')) throw error;
    return { rows: [row('fail', `no function ${name}: run pulumi up with tracking on, or pass the stack's --prefix`)] };
  }
  const arn = configuration?.FunctionArn;
  if (configuration?.State === 'Failed' || configuration?.LastUpdateStatus === 'Failed')
    return {
      rows: [
        row(
          'fail',
          `the function is not runnable (${configuration.StateReasonCode ?? configuration.LastUpdateStatusReasonCode ?? 'Failed'}): ${configuration.StateReason ?? configuration.LastUpdateStatusReason ?? 'run pulumi up again'}`,
        ),
      ],
      ...(arn ? { arn } : {}),
    };
  const logs = functionLogGroupName(name);
  const runs = await guarded('capture-function', target(name), async () => {
    const hours = await runHours(clients.cloudwatch, name, now);
    const last = hours[0];
    if (!last)
      return [
        row(
          'warn',
          `no run in the last ${RUN_WINDOW_HOURS} hours, though the reconcile runs daily: check the capture-rule rows, and that a recorder is running`,
        ),
      ];
    const when = `in the hour from ${last.at.toISOString()}`;
    if (last.errors === 0) return [row('ok', `last ran ${when}: ${n(last.invocations)} runs, none failed`)];
    if (last.errors >= last.invocations)
      return [row('fail', `every run ${when} failed (${n(last.errors)}): read the log group ${logs}`)];
    return [row('warn', `${n(last.errors)} of ${n(last.invocations)} runs ${when} failed: read the log group ${logs}`)];
  });
  return { rows: runs, ...(arn ? { arn } : {}) };
}

/** Every custom resource Config holds here, against the 100,000 cap. */
export async function itemCountRows(
  config: ConfigServiceClient,
  namespace: string,
  target: (name: string) => string,
): Promise<CheckRow[]> {
  let custom = 0;
  let ours = 0;
  for await (const page of paginateGetDiscoveredResourceCounts({ client: config }, {}))
    for (const c of page.resourceCounts ?? []) {
      if (!c.resourceType || c.resourceType.startsWith('AWS::')) continue;
      custom += c.count ?? 0;
      if (c.resourceType.startsWith(`${namespace}::SageMaker::`)) ours += c.count ?? 0;
    }
  const counted = `${n(custom)} active custom resources (${n(ours)} of them tracked by the pack) of the ${n(ACTIVE_CUSTOM_RESOURCES_MAX)} an account may have`;
  const row = (status: CheckRow['status'], detail: string): CheckRow => ({
    check: 'tracked-items',
    target: target('active custom resources'),
    status,
    detail,
  });
  if (custom >= ACTIVE_CUSTOM_RESOURCES_MAX)
    return [
      row(
        'fail',
        `${counted}: Config refuses new items (MaxActiveResourcesExceededException); lower trackingRetentionDays`,
      ),
    ];
  if (custom > SAFE_ACTIVE_RESOURCES)
    return [row('warn', `${counted}: over ${n(SAFE_ACTIVE_RESOURCES)}; lower trackingRetentionDays`)];
  return [row('ok', counted)];
}

/** All of tracking's rows for one Region. */
export async function trackingRows(
  clients: TrackingClients,
  config: ConfigServiceClient,
  options: TrackingCheckOptions,
): Promise<CheckRow[]> {
  const { prefix, namespace, target } = options;
  const rows: CheckRow[] = [];
  append(
    rows,
    await guarded('tracked-type', target(`${namespace}::SageMaker::*`), () =>
      typeRows(clients.cloudformation, namespace, target),
    ),
  );
  const found: { arn?: string } = {};
  append(
    rows,
    await guarded('capture-function', target(trackingFunctionName(prefix)), async () => {
      const out = await captureFunctionRows(clients, prefix, options.now, target);
      if (out.arn) found.arn = out.arn;
      return out.rows;
    }),
  );
  const buses = [undefined, ...(options.organization ? [trackingBusName(prefix)] : [])];
  for (const bus of buses)
    append(
      rows,
      await guarded('capture-rule', target(`${bus ? `${bus}/` : ''}${prefix}tracking-*`), () =>
        captureRuleRows(clients.events, prefix, found.arn, target, bus),
      ),
    );
  append(
    rows,
    await guarded('tracked-items', target('active custom resources'), () => itemCountRows(config, namespace, target)),
  );
  return rows;
}

/** The clients of one Region. */
export function trackingClients(options: Record<string, unknown>): TrackingClients {
  return {
    cloudformation: new CloudFormationClient(options),
    events: new EventBridgeClient(options),
    lambda: new LambdaClient(options),
    cloudwatch: new CloudWatchClient(options),
  };
}
