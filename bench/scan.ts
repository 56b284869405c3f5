// Scan cost and speed for the rules that list SageMaker resources, against the local AWS emulator
// (moto) behind a loopback proxy that adds a round trip's latency to every call and throttles
// each API above its rate (bench/throttling-proxy.ts). Per rule, in the same run:
//   - `ml-config-rules scan` as shipped: Search pages for the Describe output, 8 calls in flight
//     per listing, adaptive retry;
//   - the same scan where the endpoint does not offer Search (the proxy answers it 501): one
//     Describe call per resource, 8 in flight, adaptive retry;
//   - the serial baseline: one Describe call per resource, one call at a time, standard retry.
// Reported: calls answered against the floor (list pages + one Describe per resource, or the tag
// pages for the tag rule), attempts the proxy throttled, wall time, and the speed-up over serial.
//
//   npx tsx bench/scan.ts
//   BENCH_ENDPOINTS=2000 BENCH_TRAINING_JOBS=500 BENCH_LATENCY_MS=40 BENCH_THROTTLE=1 (the defaults)
//   BENCH_RULES=sagemaker-endpoint-tagged,...   (default: the three rules below)
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  CreateTrainingJobCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import pMap from 'p-map';
import { runScan } from '../cli/scan/run.js';
import { table } from '../cli/output.js';
import type { RetryMode } from '../rules/_core/clients.js';
import { ruleById } from '../rules/index.js';
import { PROBES } from '../rules/_inventory/tags.js';
import { regionClients } from '../cli/live-sources.js';
import { startMoto } from '../test/support/moto.js';
import { DEFAULT_RATE, startThrottlingProxy, type ThrottlingProxy } from './throttling-proxy.js';

const ENDPOINTS = Number(process.env.BENCH_ENDPOINTS ?? 2000);
const JOBS = Number(process.env.BENCH_TRAINING_JOBS ?? 500);
const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 40);
const THROTTLE = process.env.BENCH_THROTTLE !== '0';
const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/service-role/AmazonSageMaker-ExecutionRole-20261102T101500`;

/**
 * Per rule: the floor of calls without Search (list pages and what the rule reads, one Describe per
 * resource where it reads the Describe output) and with it (list pages and Search pages).
 */
const RULES: Record<string, { floor: () => number; searchFloor: () => number; note: string }> = {
  // A third of the endpoints are untagged: GetResources leaves them out, so PROBES of them are
  // asked with ListTags (rules/_inventory/tags.ts).
  'sagemaker-endpoint-tagged': {
    floor: () => Math.ceil(ENDPOINTS / 100) * 2 + PROBES,
    searchFloor: () => Math.ceil(ENDPOINTS / 100) * 2 + PROBES,
    note: `⌈N/100⌉ list pages + ⌈N/100⌉ tag pages + ${PROBES} ListTags for untagged endpoints (no Describe output read, so no Search)`,
  },
  'sagemaker-training-job-volume-kms': {
    floor: () => Math.ceil(JOBS / 100) + JOBS,
    searchFloor: () => Math.ceil(JOBS / 100) * 2,
    note: 'list pages + one Describe per job; with Search, list pages + Search pages',
  },
  'sagemaker-endpoint-monitoring-scheduled': {
    floor: () => Math.ceil(ENDPOINTS / 100) + ENDPOINTS + 1,
    searchFloor: () => Math.ceil(ENDPOINTS / 100) * 2 + 1,
    note: 'list pages + one Describe per endpoint + schedule pages; with Search, list + Search + schedule pages',
  },
};
const selected = (process.env.BENCH_RULES?.split(',') ?? Object.keys(RULES)).filter((id) => RULES[id]);

async function seed(url: string): Promise<void> {
  const sagemaker = new SageMakerClient({
    region: REGION,
    endpoint: url,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  await sagemaker.send(
    new CreateModelCommand({
      ModelName: 'churn-xgb',
      ExecutionRoleArn: ROLE,
      PrimaryContainer: {
        Image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/churn-xgb:3.1.0`,
        ModelDataUrl: 's3://churn-model-artifacts/model.tar.gz',
      },
    }),
  );
  await sagemaker.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: 'churn-xgb-ec',
      ProductionVariants: [
        { VariantName: 'AllTraffic', ModelName: 'churn-xgb', InstanceType: 'ml.m5.large', InitialInstanceCount: 2 },
      ],
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
  // Every other job without a volume key: NON_COMPLIANT for sagemaker-training-job-volume-kms.
  await pMap(
    Array.from({ length: JOBS }, (_, i) => i),
    (i) =>
      sagemaker.send(
        new CreateTrainingJobCommand({
          TrainingJobName: `churn-train-${String(i).padStart(5, '0')}`,
          RoleArn: ROLE,
          AlgorithmSpecification: {
            TrainingImage: `683313688378.dkr.ecr.${REGION}.amazonaws.com/sagemaker-xgboost:1.7-1`,
            TrainingInputMode: 'File',
          },
          OutputDataConfig: { S3OutputPath: 's3://churn-model-artifacts/training-output' },
          ResourceConfig: {
            InstanceType: 'ml.m5.2xlarge',
            InstanceCount: 1,
            VolumeSizeInGB: 50,
            ...(i % 2 === 0
              ? { VolumeKmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab` }
              : {}),
          },
          StoppingCondition: { MaxRuntimeInSeconds: 86_400 },
        }),
      ),
    { concurrency: 8 },
  );
}

interface Row {
  rule: string;
  run: string;
  seconds: number;
  answered: number;
  throttled: number;
  evaluations: number;
  nonCompliant: number;
  error?: string;
}

async function measure(
  proxy: ThrottlingProxy,
  rule: string,
  run: string,
  concurrency: number,
  retryMode: RetryMode,
  search: boolean,
): Promise<Row> {
  proxy.reset();
  if (search) proxy.refused.delete('Search');
  else proxy.refused.add('Search');
  // Clients as the command builds them, pointed at the proxy.
  process.env.AWS_ENDPOINT_URL = proxy.url;
  const clients = regionClients(REGION, { retryMode });
  const start = process.hrtime.bigint();
  const scanned = await runScan({
    rules: [ruleById(rule)!],
    regions: [REGION],
    clientsFor: () => clients,
    concurrency,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const sum = (m: Map<string, number>) =>
    [...m]
      .filter(([op]) => op !== 'GetCallerIdentity' && !op.startsWith('DescribeConfigurationRecorder'))
      .reduce((n, [, v]) => n + v, 0);
  const throttled = sum(proxy.throttled);
  const result = scanned.results[0]!;
  return {
    rule,
    run,
    seconds,
    answered: sum(proxy.calls) - throttled,
    throttled,
    evaluations: result.evaluations.length,
    nonCompliant: result.evaluations.filter((e) => e.ComplianceType === 'NON_COMPLIANT').length,
    ...(result.error ? { error: result.error } : {}),
  };
}

export async function benchScan(): Promise<void> {
  const moto = await startMoto();
  const saved = { ...process.env };
  Object.assign(process.env, moto.env, { AWS_MAX_ATTEMPTS: '10' });
  delete process.env.AWS_RETRY_MODE;
  const proxy = await startThrottlingProxy(moto.url, {
    latencyMs: LATENCY,
    rateOf: THROTTLE ? DEFAULT_RATE : () => undefined,
    // The emulator lacks ListMonitoringSchedules: the proxy answers it (no schedules).
    answers: { ListMonitoringSchedules: { MonitoringScheduleSummaries: [] } },
  });
  try {
    const seedStart = Date.now();
    await seed(moto.url);
    console.log(
      `\nScan benchmark: ${ENDPOINTS} endpoints and ${JOBS} training jobs in moto behind a proxy adding ${LATENCY} ms per call` +
        (THROTTLE
          ? ', ThrottlingException above 10 calls/s (Describe*, ListTags) and 5 calls/s (List*, GetResources, Search)'
          : ', no throttling') +
        `; seeded in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`,
    );
    // Warm up (module loading, first connections) so the first measured run pays nothing extra.
    await measure(proxy, selected[0]!, 'warm-up', 8, 'adaptive', true);
    const rows: (Row & { speedup: number; floor: number; searchFloor: number })[] = [];
    for (const rule of selected) {
      const scan = await measure(proxy, rule, 'scan: Search, 8 in flight, adaptive', 8, 'adaptive', true);
      const describes = await measure(proxy, rule, 'scan without Search: 8 in flight, adaptive', 8, 'adaptive', false);
      const serial = await measure(proxy, rule, 'serial: Describe each, 1 in flight, standard', 1, 'standard', false);
      const floor = RULES[rule]!.floor();
      const searchFloor = RULES[rule]!.searchFloor();
      for (const r of [scan, describes, serial])
        rows.push({ ...r, floor, searchFloor, speedup: serial.seconds / r.seconds });
    }
    console.log(
      table(
        [
          'rule',
          'run',
          'calls',
          'floor',
          'calls / floor',
          'Search floor',
          'throttled',
          'wall s',
          'vs serial',
          'evaluations',
        ],
        rows.map((r) => [
          r.rule,
          r.run,
          r.answered,
          r.floor,
          (r.answered / r.floor).toFixed(2),
          r.searchFloor,
          r.throttled,
          r.seconds.toFixed(1),
          `${r.speedup.toFixed(1)}×`,
          r.error ? `ERROR ${r.error}` : `${r.evaluations} (${r.nonCompliant} non-compliant)`,
        ]),
      ),
    );
    for (const rule of selected) console.log(`floor of ${rule}: ${RULES[rule]!.note}`);
    const expected: Record<string, number> = {
      'sagemaker-endpoint-tagged': ENDPOINTS,
      'sagemaker-training-job-volume-kms': JOBS,
      'sagemaker-endpoint-monitoring-scheduled': ENDPOINTS,
    };
    // Every run of a rule must reach the same verdicts, whichever calls produced its items.
    const firstOf = (rule: string) => rows.find((r) => r.rule === rule)!;
    const wrong = rows.filter(
      (r) => r.error || r.evaluations !== expected[r.rule] || r.nonCompliant !== firstOf(r.rule).nonCompliant,
    );
    if (wrong.length > 0) {
      console.log(
        `runs that did not evaluate every seeded resource: ${wrong.map((r) => `${r.rule} ${r.run}`).join('; ')}`,
      );
      process.exitCode = 1;
    }
  } finally {
    process.env = saved;
    await proxy.close();
    await moto.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchScan();
