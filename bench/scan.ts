// Scanning thousands of SageMaker endpoints served by a local AWS emulator (moto), three ways in
// one run: `ml-config-rules scan` (bounded concurrency, pages of 100, no reporting), the rule's
// periodic Lambda run (the same listing, then PutEvaluations in batches of 100 with TESTMODE),
// and a serial one-at-a-time baseline (default page size, one call at a time, one PutEvaluations
// per evaluation, as a first hand-written rule would do). Calls are counted with SDK middleware.
//
//   npx tsx bench/scan.ts            (BENCH_ENDPOINTS=2000 by default; moto_server must be installed)
import {
  ConfigServiceClient,
  PutEvaluationsCommand,
} from '@aws-sdk/client-config-service';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DescribeEndpointCommand,
  ListEndpointsCommand,
  ListTagsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import pMap from 'p-map';
import { runScan } from '../cli/commands/scan.js';
import type { RegionClients } from '../cli/live-sources.js';
import { table } from '../cli/output.js';
import { clientConfig } from '../rules/_core/clients.js';
import { configSources } from '../rules/_core/config-sources.js';
import { evaluateEvent, evaluateItem, paramsFor } from '../rules/_core/engine.js';
import { putEvaluations } from '../rules/_core/put-evaluations.js';
import { inventoryItem } from '../rules/_inventory/sagemaker.js';
import { inventoryLoaders } from '../rules/_inventory/index.js';
import { ruleById } from '../rules/index.js';
import { startMoto } from '../test/support/moto.js';

const ENDPOINTS = Number(process.env.BENCH_ENDPOINTS ?? 2000);
const RULE = ruleById('sagemaker-endpoint-tagged')!;
const REGION = 'us-east-1';

/** Calls per operation, counted as the SDK sends them (retries are not counted twice). */
class Counter {
  readonly calls = new Map<string, number>();
  count(op: string) {
    this.calls.set(op, (this.calls.get(op) ?? 0) + 1);
  }
  get(op: string) {
    return this.calls.get(op) ?? 0;
  }
  total(prefix: string) {
    return [...this.calls].filter(([k]) => k.startsWith(prefix)).reduce((n, [, v]) => n + v, 0);
  }
}

type Client = SageMakerClient | ConfigServiceClient | S3Client | STSClient;

/**
 * Count each call; moto 5 does not implement ListMonitoringSchedules (the endpoint adapter lists
 * the schedules once per run), so that one call is answered here with an empty list.
 */
function counted<C extends Client>(client: C, service: string, counter: Counter): C {
  (client.middlewareStack as SageMakerClient['middlewareStack']).add(
    (next, context) => async (args) => {
      const op = String(context.commandName).replace(/Command$/, '');
      counter.count(`${service}:${op}`);
      if (op === 'ListMonitoringSchedules') return { output: { MonitoringScheduleSummaries: [], $metadata: {} }, response: {} } as never;
      return next(args);
    },
    { step: 'initialize', name: 'countCalls' },
  );
  return client;
}

function clientsOf(counter: Counter): RegionClients {
  const options = clientConfig({ region: REGION });
  return {
    region: REGION,
    config: counted(new ConfigServiceClient(options), 'config', counter),
    sagemaker: counted(new SageMakerClient(options), 'sagemaker', counter),
    s3: counted(new S3Client(options), 's3', counter),
    sts: counted(new STSClient(options), 'sts', counter),
    tagging: counted(new ResourceGroupsTaggingAPIClient(options), 'tagging', counter),
  };
}

async function seed(): Promise<void> {
  const sagemaker = new SageMakerClient(clientConfig({ region: REGION }));
  const role = 'arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole-20261102T101500';
  await sagemaker.send(
    new CreateModelCommand({
      ModelName: 'churn-xgb',
      ExecutionRoleArn: role,
      PrimaryContainer: { Image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-xgb:3.1.0', ModelDataUrl: 's3://churn-model-artifacts/model.tar.gz' },
    }),
  );
  await sagemaker.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: 'churn-xgb-ec',
      ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'churn-xgb', InstanceType: 'ml.m5.large', InitialInstanceCount: 2 }],
    }),
  );
  // Every third endpoint is untagged: NON_COMPLIANT for sagemaker-endpoint-tagged.
  await pMap(
    Array.from({ length: ENDPOINTS }, (_, i) => i),
    (i) =>
      sagemaker.send(
        new CreateEndpointCommand({
          EndpointName: `churn-xgb-${String(i).padStart(5, '0')}`,
          EndpointConfigName: 'churn-xgb-ec',
          Tags: i % 3 === 0 ? [] : [{ Key: 'ml-pipeline', Value: 'churn' }],
        }),
      ),
    { concurrency: 8 },
  );
}

interface Row {
  name: string;
  seconds: number;
  counter: Counter;
  evaluations: number;
  nonCompliant: number;
}

async function timed(name: string, run: (counter: Counter) => Promise<{ evaluations: number; nonCompliant: number }>): Promise<Row> {
  const counter = new Counter();
  const start = process.hrtime.bigint();
  const result = await run(counter);
  return { name, seconds: Number(process.hrtime.bigint() - start) / 1e9, counter, ...result };
}

/** `ml-config-rules scan --rule sagemaker-endpoint-tagged`, without the process start. */
async function scanRun(counter: Counter) {
  const clients = clientsOf(counter);
  const run = await runScan({ rules: [RULE], regions: [REGION], clientsFor: () => clients });
  const failed = run.results.find((r) => r.error);
  if (failed) throw new Error(`scan failed: ${failed.error}`);
  const evaluations = run.results.flatMap((r) => r.evaluations);
  return { evaluations: evaluations.length, nonCompliant: evaluations.filter((e) => e.ComplianceType === 'NON_COMPLIANT').length };
}

/** The rule's Lambda on a scheduled notification: list, evaluate, PutEvaluations in batches (TESTMODE). */
async function periodicRun(counter: Counter) {
  const clients = clientsOf(counter);
  const sources = configSources({ config: clients.config, inventory: inventoryLoaders, inventoryContext: { sagemaker: clients.sagemaker } });
  const event = { kind: 'scheduled' as const, notificationCreationTime: new Date().toISOString(), ruleParameters: {}, eventLeftScope: false, resultToken: 'TESTMODE', accountId: '123456789012' };
  const { evaluations } = await evaluateEvent(RULE, event, sources);
  await putEvaluations(clients.config, evaluations, 'TESTMODE');
  return { evaluations: evaluations.length, nonCompliant: evaluations.filter((e) => e.ComplianceType === 'NON_COMPLIANT').length };
}

/** One call at a time: default page size (10), describe and tag each endpoint, one PutEvaluations per verdict. */
async function serialRun(counter: Counter) {
  const { sagemaker, config } = clientsOf(counter);
  const params = paramsFor(RULE, {});
  const now = new Date().toISOString();
  let evaluations = 0;
  let nonCompliant = 0;
  let token: string | undefined;
  do {
    // MaxResults 10 is SageMaker's default page size.
    const page = await sagemaker.send(new ListEndpointsCommand({ MaxResults: 10, ...(token ? { NextToken: token } : {}) }));
    for (const summary of page.Endpoints ?? []) {
      const described = await sagemaker.send(new DescribeEndpointCommand({ EndpointName: summary.EndpointName! }));
      const tags = await sagemaker.send(new ListTagsCommand({ ResourceArn: described.EndpointArn! }));
      const { $metadata: _m, ...configuration } = described;
      const item = inventoryItem(
        RULE.resourceTypes[0]!,
        summary.EndpointName!,
        described.EndpointArn!,
        Object.fromEntries((tags.Tags ?? []).map((t) => [t.Key!, t.Value ?? ''])),
        JSON.parse(JSON.stringify(configuration)),
        { params: {}, accountId: '123456789012' },
      );
      const evaluation = evaluateItem(RULE, item, params, now, () => undefined);
      await config.send(
        new PutEvaluationsCommand({ ResultToken: 'TESTMODE', TestMode: true, Evaluations: [{ ...evaluation, OrderingTimestamp: new Date(now) }] }),
      );
      evaluations++;
      if (evaluation.ComplianceType === 'NON_COMPLIANT') nonCompliant++;
    }
    token = page.NextToken;
  } while (token);
  return { evaluations, nonCompliant };
}

export async function benchScan(): Promise<void> {
  const moto = await startMoto();
  const saved = { ...process.env };
  Object.assign(process.env, moto.env, { AWS_MAX_ATTEMPTS: '8' });
  try {
    const seedStart = Date.now();
    await seed();
    console.log(`\nScan benchmark: ${ENDPOINTS} SageMaker endpoints in moto (${moto.url}), rule ${RULE.id}; seeded in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);
    const rows = [await timed('ml-config-rules scan (8 describes in flight)', scanRun), await timed('periodic Lambda run (same listing, TESTMODE)', periodicRun), await timed('serial baseline (one call at a time)', serialRun)];
    const baseline = rows[2]!;
    console.log(
      table(
        ['run', 'wall s', 'vs serial', 'endpoints/s', 'SageMaker calls', 'List / Describe / ListTags / ListMonitoringSchedules*', 'PutEvaluations calls', 'evaluations (non-compliant)'],
        rows.map((r) => [
          r.name,
          r.seconds.toFixed(2),
          `${(baseline.seconds / r.seconds).toFixed(2)}×`,
          Math.round(r.evaluations / r.seconds),
          r.counter.total('sagemaker:'),
          ['ListEndpoints', 'DescribeEndpoint', 'ListTags', 'ListMonitoringSchedules'].map((op) => r.counter.get(`sagemaker:${op}`)).join(' / '),
          r.counter.get('config:PutEvaluations'),
          `${r.evaluations} (${r.nonCompliant})`,
        ]),
      ),
    );
    console.log('* moto does not implement ListMonitoringSchedules: its one call per run is answered in the client with an empty list.');
    const expectedNonCompliant = Math.ceil(ENDPOINTS / 3);
    const wrong = rows.filter((r) => r.evaluations !== ENDPOINTS || r.nonCompliant !== expectedNonCompliant);
    if (wrong.length > 0) {
      console.log(`verdicts differ from the seeded ${ENDPOINTS} endpoints (${expectedNonCompliant} untagged): ${wrong.map((r) => r.name).join(', ')}`);
      process.exitCode = 1;
    }
  } finally {
    process.env = saved;
    await moto.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchScan();
