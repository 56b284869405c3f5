// npm run bench:scale: the periodic Lambda functions and `scan` at N = 2,000 to 150,000
// resources, against a fast local fake of the SageMaker, Tagging and Config APIs
// (bench/scale/fake-aws.ts: 40 ms a call, a rate per API answered with ThrottlingException above
// it, 1% of calls HTTP 500). Per N and rule, in the same run:
//   - Lambda: the rule's bundle, built as the deploy builds it, invoked once in a fresh Node
//     process with a ScheduledNotification event and a real result token (so PutEvaluations and
//     the clean-up read run for real), with the heap flags of a 512 MB function (below);
//   - scan: `ml-config-rules scan --rule <rule> --format json` as a process of its own;
//   - the baselines: the floor of calls, the throttle floor, and a serial client.
// Each run is checked: every verdict reported (PutEvaluations) or printed (scan) against what the
// fake knows the rule must say. A run that runs out of memory, fails or passes the time cap is a
// row of the table; the benchmark goes on.
//
//   npm run bench:scale                            # N = 2,000, 20,000, 50,000, 150,000
//   npm run bench:scale -- --n 2000,20000 --rules sagemaker-endpoint-tagged
//   options: --paths Lambda,scan, --cap-min 20 (each run's wall-time cap), --latency 40,
//   --fault-rate 0.01, --seed 23, --link-s 900 (the time each invocation is given: a run that
//   nears it hands off to a chained invocation, which the fake queues and the benchmark runs next),
//   --throttle on,off (off: the same fake with no rate, faults kept, where each run is set against
//   the serial client at the same latency: the issue's "at least 4× a serial client with no throttle")
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  GetComplianceDetailsByConfigRuleCommand,
  PutEvaluationsCommand,
} from '@aws-sdk/client-config-service';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import {
  DescribeEndpointCommand,
  DescribeTrainingJobCommand,
  ListEndpointsCommand,
  ListMonitoringSchedulesCommand,
  ListTagsCommand,
  ListTrainingJobsCommand,
  SageMakerClient,
  SearchCommand,
} from '@aws-sdk/client-sagemaker';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { PACKAGE_ROOT } from '../cli/paths.js';
import { SCHEDULED_FUNCTION_ENV } from '../deploy/retry-env.js';
import { ruleById } from '../rules/index.js';
import { PROBES } from '../rules/_inventory/tags.js';
import { buildRule } from '../scripts/build.js';
import { type Grade, gradeVerdicts, type OpCounter, type ScaleFake, startScaleFake } from './scale/fake-aws.js';
import { DEFAULT_RATE } from './throttling-proxy.js';
import { type Expectation, mix, REGION, scheduledEvent, SUPPORTED_RULES, World } from './scale/world.js';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '2000,20000,50000,150000' },
    rules: {
      type: 'string',
      default: 'sagemaker-endpoint-tagged,sagemaker-endpoint-monitoring-scheduled,sagemaker-training-job-volume-kms',
    },
    paths: { type: 'string', default: 'Lambda,scan' },
    'cap-min': { type: 'string', default: '20' },
    latency: { type: 'string', default: '40' },
    'fault-rate': { type: 'string', default: '0.01' },
    seed: { type: 'string', default: '23' },
    'link-s': { type: 'string', default: '900' },
    throttle: { type: 'string', default: 'on' },
  },
});
const SIZES = args.n.split(',').map((s) => Number(s.replace(/_/g, '')));
const RULES = args.rules.split(',').filter(Boolean);
const PATHS = (['Lambda', 'scan'] as const).filter((p) =>
  args.paths.toLowerCase().split(',').includes(p.toLowerCase()),
);
const CAP_MS = Number(args['cap-min']) * 60_000;
const LATENCY = Number(args.latency);
const FAULT_RATE = Number(args['fault-rate']);
const SEED = Number(args.seed);
/** The time a Lambda invocation is given: 900 s as deployed; less chains a run sooner (rules/_core/continuation.ts). */
const LINK_MS = Number(args['link-s']) * 1000;
if (!(LINK_MS > 0)) throw new Error(`--link-s: seconds, got ${args['link-s']}`);
for (const rule of RULES)
  if (!SUPPORTED_RULES[rule] || !ruleById(rule))
    throw new Error(`--rules: the fake judges ${Object.keys(SUPPORTED_RULES).join(', ')}; not ${rule}`);
if (SIZES.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--n: whole numbers, got ${args.n}`);
if (PATHS.length === 0) throw new Error(`--paths: Lambda, scan or both, got ${args.paths}`);
const THROTTLES = (['on', 'off'] as const).filter((t) => args.throttle.toLowerCase().split(',').includes(t));
if (THROTTLES.length === 0) throw new Error(`--throttle: on, off or both, got ${args.throttle}`);

// The SDK warns under Node 20 on every client (the serial client's here); the numbers are what matter.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const OUT = join(PACKAGE_ROOT, '.bench', 'scale');
const INVOKE = join(PACKAGE_ROOT, 'bench', 'scale', 'invoke.cjs');
const BIN = join(PACKAGE_ROOT, 'bin', 'ml-config-rules.js');
/** Lambda's hard limit on an invocation. https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
const LAMBDA_LIMIT_S = 900;
/** The periodic functions' memory (deploy/rule-pack.ts). */
const MEMORY_MB = 512;

/**
 * The V8 flags Lambda's Node.js runtime starts node with. AWS's Lambda documentation does not
 * state them. The runtime's start script (/var/runtime/bootstrap in AWS's Node.js base images,
 * public.ecr.aws/lambda/nodejs, built from https://github.com/aws/aws-lambda-base-images) sets,
 * from AWS_LAMBDA_FUNCTION_MEMORY_SIZE: new space = memory / 10, --max-semi-space-size = new
 * space / 2, --max-old-space-size = memory - new space, plus --expose-gc and
 * --max-http-header-size 81920. That script was read as published for nodejs18.x; whether
 * nodejs22.x (the deploy's runtime) starts node the same way is what only a real function can
 * confirm (log process.execArgv, or v8.getHeapStatistics().heap_size_limit, from one).
 */
function lambdaNodeFlags(memoryMb: number): string[] {
  const newSpace = Math.floor(memoryMb / 10);
  return [
    '--expose-gc',
    '--max-http-header-size=81920',
    `--max-semi-space-size=${Math.floor(newSpace / 2)}`,
    `--max-old-space-size=${memoryMb - newSpace}`,
  ];
}
const NODE_FLAGS = lambdaNodeFlags(MEMORY_MB);

const DUMMY_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
/** Nothing from this machine's AWS setup (profiles, config files) reaches a child. */
const baseEnv = (url: string) => ({
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: process.env.HOME ?? '/tmp',
  AWS_REGION: REGION,
  AWS_DEFAULT_REGION: REGION,
  AWS_ENDPOINT_URL: url,
  AWS_CONFIG_FILE: join(OUT, 'no-aws-config'),
  AWS_SHARED_CREDENTIALS_FILE: join(OUT, 'no-aws-credentials'),
  ...DUMMY_CREDENTIALS,
  // The SDK warns under Node 20 (this machine); Lambda's nodejs22.x would not.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
});

const short = (rule: string) => rule.replace(/^sagemaker-/, '');
const pages = (items: number) => Math.max(1, Math.ceil(items / 100));

// --- the floor of calls --------------------------------------------------------------------

type Path = 'Lambda' | 'scan';
type Calls = Map<string, number>;

/**
 * The fewest calls a run can make, by operation, from the account's counts and AWS's page sizes
 * (100 everywhere the pack reads; ⌈x/100⌉ is written pages(x), at least one call):
 *   endpoint tag rule:  pages(E) ListEndpoints + pages(T) GetResources (tagged endpoints only)
 *                       + min(PROBES, E - T) ListTags (the check of what GetResources left out)
 *   endpoint monitoring: pages(E) ListEndpoints + pages(E) Search + pages(S) ListMonitoringSchedules
 *                       + one DescribeEndpoint per endpoint whose Search record trails the listing
 *   training-job rules: pages(R) ListTrainingJobs (created in the window) + ⌊R/100⌋ + 1 Search pages
 *                       (Search stops at the first record older than the window, so it reads R + 1
 *                       records when older jobs exist) + one DescribeTrainingJob per stale record
 *   Lambda adds:        pages(reported) PutEvaluations (every verdict and the clean-up; one account
 *                       summary for training jobs) + pages(previous) GetComplianceDetailsByConfigRule
 *   scan adds:          GetCallerIdentity + DescribeConfigurationRecorders + DescribeConfigurationRecorderStatus
 * with E endpoints, T of them tagged, S monitoring schedules, R training jobs in the window.
 */
function floorOf(world: World, expectation: Expectation, rule: string, path: Path): Calls {
  const c = world.counts();
  const floor: Calls = new Map();
  if (rule === 'sagemaker-endpoint-tagged') {
    floor.set('ListEndpoints', pages(c.endpoints));
    floor.set('GetResources', pages(c.taggedEndpoints));
    const untagged = c.endpoints - c.taggedEndpoints;
    if (untagged > 0) floor.set('ListTags', Math.min(PROBES, untagged));
  } else if (rule === 'sagemaker-endpoint-monitoring-scheduled') {
    floor.set('ListEndpoints', pages(c.endpoints));
    floor.set('Search', pages(c.endpoints));
    floor.set('ListMonitoringSchedules', pages(c.schedules));
    if (c.staleEndpoints > 0) floor.set('DescribeEndpoint', c.staleEndpoints);
  } else {
    floor.set('ListTrainingJobs', pages(c.recentJobs));
    floor.set('Search', c.oldJobs > 0 ? Math.floor(c.recentJobs / 100) + 1 : pages(c.recentJobs));
    if (c.staleRecentJobs > 0) floor.set('DescribeTrainingJob', c.staleRecentJobs);
  }
  if (path === 'Lambda') {
    floor.set('PutEvaluations', pages(expectation.reported.size));
    floor.set('GetComplianceDetailsByConfigRule', pages(expectation.previous.length));
  } else {
    floor.set('GetCallerIdentity', 1);
    floor.set('DescribeConfigurationRecorders', 1);
    floor.set('DescribeConfigurationRecorderStatus', 1);
  }
  return floor;
}

const total = (calls: Calls) => [...calls.values()].reduce((a, b) => a + b, 0);

/** The throttle floor: each rated API's floor calls ÷ its rate; the slowest API's time. */
function throttleFloor(floor: Calls): { seconds: number; api: string } {
  let worst = { seconds: 0, api: 'none' };
  for (const [op, calls] of floor) {
    const rate = DEFAULT_RATE(op);
    if (rate !== undefined && calls / rate > worst.seconds) worst = { seconds: calls / rate, api: op };
  }
  return worst;
}

// --- the serial client ---------------------------------------------------------------------

const SERIAL_SAMPLE = 25;

/**
 * The floor's calls made one at a time against an unthrottled, fault-free fake of the same account
 * with the same latency, through the SDK. Each operation is called once untimed (the client's set-up),
 * then up to SERIAL_SAMPLE times (its pages in order); the serial time is each operation's floor
 * calls × its measured mean time a call. Where every operation's floor is within the sample, that
 * is the serial run itself.
 */
async function serialMeans(
  fake: ScaleFake,
  expectation: Expectation,
  floor: Calls,
): Promise<Map<string, { mean: number; sampled: number }>> {
  const config = {
    region: REGION,
    endpoint: fake.url,
    credentials: { accessKeyId: DUMMY_CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: 'x' },
    maxAttempts: 1,
  };
  const sagemaker = new SageMakerClient(config);
  const tagging = new ResourceGroupsTaggingAPIClient(config);
  const configService = new ConfigServiceClient(config);
  const sts = new STSClient(config);
  const world = fake.world;
  const token = `serial-${expectation.rule}`;
  const ruleName = `serial-${expectation.rule}`;
  fake.arm({ token, ruleName, rule: expectation.rule });
  const untagged: number[] = [];
  const staleEndpoints: number[] = [];
  const staleJobs: number[] = [];
  for (let i = 0; i < world.n && (untagged.length < PROBES || staleEndpoints.length < SERIAL_SAMPLE); i++) {
    if (untagged.length < PROBES && world.endpointTagList(i).length === 0) untagged.push(i);
    if (world.endpoint(i).stale) staleEndpoints.push(i);
  }
  for (let j = world.oldJobs; j < world.n && staleJobs.length < SERIAL_SAMPLE; j++)
    if (world.job(j).stale) staleJobs.push(j);
  const reported = [...expectation.reported];
  const since = new Date(world.now - 30 * 86_400_000);
  const calls: Record<string, (k: number, previous: any) => Promise<any>> = {
    ListEndpoints: (_, p) => sagemaker.send(new ListEndpointsCommand({ MaxResults: 100, NextToken: p?.NextToken })),
    GetResources: (_, p) =>
      tagging.send(
        new GetResourcesCommand({
          ResourceTypeFilters: ['sagemaker:endpoint'],
          ResourcesPerPage: 100,
          PaginationToken: p?.PaginationToken,
        }),
      ),
    ListTags: (k) =>
      sagemaker.send(
        new ListTagsCommand({ ResourceArn: world.endpointArn(world.endpointName(untagged[k]!)), MaxResults: 100 }),
      ),
    Search: (_, p) =>
      sagemaker.send(
        new SearchCommand({
          Resource: expectation.account ? 'TrainingJob' : 'Endpoint',
          SortBy: 'LastModifiedTime',
          SortOrder: 'Descending',
          MaxResults: 100,
          NextToken: p?.NextToken,
        }),
      ),
    ListMonitoringSchedules: (_, p) =>
      sagemaker.send(new ListMonitoringSchedulesCommand({ MaxResults: 100, NextToken: p?.NextToken })),
    ListTrainingJobs: (_, p) =>
      sagemaker.send(
        new ListTrainingJobsCommand({ CreationTimeAfter: since, MaxResults: 100, NextToken: p?.NextToken }),
      ),
    DescribeEndpoint: (k) =>
      sagemaker.send(new DescribeEndpointCommand({ EndpointName: world.endpointName(staleEndpoints[k]!) })),
    DescribeTrainingJob: (k) =>
      sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: world.jobName(staleJobs[k]!) })),
    PutEvaluations: (k) =>
      configService.send(
        new PutEvaluationsCommand({
          ResultToken: token,
          Evaluations: reported.slice(k * 100, k * 100 + 100).map(([key, ComplianceType]) => ({
            ComplianceResourceType: key.split('|')[0],
            ComplianceResourceId: key.split('|')[1],
            ComplianceType,
            OrderingTimestamp: new Date(),
          })),
        }),
      ),
    GetComplianceDetailsByConfigRule: (_, p) =>
      configService.send(
        new GetComplianceDetailsByConfigRuleCommand({
          ConfigRuleName: ruleName,
          ComplianceTypes: ['COMPLIANT', 'NON_COMPLIANT'],
          Limit: 100,
          NextToken: p?.NextToken,
        }),
      ),
    GetCallerIdentity: () => sts.send(new GetCallerIdentityCommand({})),
    DescribeConfigurationRecorders: () => configService.send(new DescribeConfigurationRecordersCommand({})),
    DescribeConfigurationRecorderStatus: () => configService.send(new DescribeConfigurationRecorderStatusCommand({})),
  };
  const means = new Map<string, { mean: number; sampled: number }>();
  for (const [op, count] of floor) {
    const call = calls[op];
    if (!call) throw new Error(`serial client: no call for ${op}`);
    const n = Math.min(count, SERIAL_SAMPLE);
    // One call first, untimed: the client's and the command's first use set things up once.
    await call(0, undefined);
    let previous: unknown;
    const start = performance.now();
    for (let k = 0; k < n; k++) previous = await call(k, previous);
    means.set(op, { mean: (performance.now() - start) / 1000 / Math.max(1, n), sampled: n });
  }
  for (const client of [sagemaker, tagging, configService, sts]) client.destroy();
  return means;
}

/**
 * Operations read page by page, each page's token from the one before: no client can have two
 * pages of one listing in flight. PutEvaluations, Describe* and ListTags are independent calls.
 */
const CHAINED = new Set([
  'ListEndpoints',
  'ListTrainingJobs',
  'ListMonitoringSchedules',
  'Search',
  'GetResources',
  'GetComplianceDetailsByConfigRule',
]);

/**
 * The longest chain of pages on the floor, at the serial client's time a call: with no throttle,
 * a run that overlaps everything else with it takes at least this long, so serial ÷ this is the
 * most that overlap and calls in flight can give without splitting a listing.
 */
function longestChainSeconds(floor: Calls, means: Map<string, { mean: number; sampled: number }>): number {
  let longest = 0;
  for (const [op, count] of floor) if (CHAINED.has(op)) longest = Math.max(longest, count * means.get(op)!.mean);
  return longest;
}

function serialSeconds(floor: Calls, means: Map<string, { mean: number; sampled: number }>) {
  let seconds = 0;
  let measured = true;
  for (const [op, count] of floor) {
    const m = means.get(op)!;
    seconds += count * m.mean;
    if (m.sampled < count) measured = false;
  }
  return { seconds, measured };
}

// --- one run in a process of its own ------------------------------------------------------

interface ProcessRun {
  wallS: number;
  peakRssMb: number;
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  stderrTail: string;
  /** Node's own report of running out of heap, when it did. */
  outOfMemory: boolean;
  fakeCpuS: number;
}

/** Peak RSS as the kernel counts it (VmHWM), polled; 0 where /proc is not there. */
function readPeakKb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function runProcess(command: string[], env: Record<string, string>, stdoutFile: string, stderrFile: string) {
  return new Promise<ProcessRun>((resolve) => {
    const out = openSync(stdoutFile, 'w');
    const err = openSync(stderrFile, 'w');
    const cpu = process.cpuUsage();
    const start = performance.now();
    const child = spawn(command[0]!, command.slice(1), { env, cwd: PACKAGE_ROOT, stdio: ['ignore', out, err] });
    let peakKb = 0;
    const poll = setInterval(() => {
      peakKb = Math.max(peakKb, readPeakKb(child.pid!));
    }, 100);
    let timedOut = false;
    const cap = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, CAP_MS);
    child.on('exit', (code, signal) => {
      const wallS = (performance.now() - start) / 1000;
      const used = process.cpuUsage(cpu);
      clearInterval(poll);
      clearTimeout(cap);
      closeSync(out);
      closeSync(err);
      const stderr = readFileSync(stderrFile, 'utf8');
      resolve({
        wallS,
        peakRssMb: peakKb / 1024,
        code,
        signal,
        timedOut,
        stderrTail: stderr.trim().split('\n').slice(-3).join(' | ').slice(0, 300),
        outOfMemory: /heap out of memory|Reached heap limit/i.test(stderr),
        fakeCpuS: (used.user + used.system) / 1e6,
      });
    });
  });
}

interface Row {
  n: number;
  rule: string;
  path: Path;
  /** Whether the fake answered above each API's rate with ThrottlingException. */
  throttled: boolean;
  outcome: string;
  calls: number;
  floor: number;
  retried: { throttled: number; faulted: number };
  wallS: number;
  throttleFloorS: number;
  throttleApi: string;
  serialS: number;
  serialMeasured: boolean;
  /** The floor's longest chain of pages at the serial client's time a call. */
  chainS: number;
  peakRssMb: number;
  putEvaluations: number | undefined;
  grade: Omit<Grade, 'putEvaluationsCalls' | 'testMode'>;
  fakeCpuS: number;
  /** The function's own CPU time (Lambda path only). */
  functionCpuS?: number;
  byOperation: string;
  /** Lambda path: the invocations the run took (more than one: chained), and the longest one's wall time. */
  links?: number;
  linkMaxS?: number;
}

function outcomeOf(run: ProcessRun, error: string | undefined): string {
  if (run.timedOut) return `timeout (cap ${CAP_MS / 60_000} min)`;
  if (run.outOfMemory) return `OOM: heap limit (${run.signal ?? `exit ${run.code}`})`;
  if (error) return `error: ${error.slice(0, 120)}`;
  if (run.code !== 0) return `exit ${run.code ?? run.signal}: ${run.stderrTail.slice(0, 120)}`;
  return 'ok';
}

/** Answered calls of the operations on this run's floor (and any other the run made). */
function callsOf(counters: Map<string, OpCounter>) {
  let calls = 0;
  let throttled = 0;
  let faulted = 0;
  const parts: string[] = [];
  for (const [op, c] of [...counters].sort(([a], [b]) => a.localeCompare(b))) {
    const answered = c.calls - c.throttled - c.faulted;
    calls += answered;
    throttled += c.throttled;
    faulted += c.faulted;
    parts.push(
      `${op} ${answered}${c.throttled || c.faulted ? ` (+${c.throttled} throttled, +${c.faulted} faulted)` : ''}`,
    );
  }
  return { calls, throttled, faulted, byOperation: parts.join(', ') };
}

/** A result token shaped like Config's (base64 of its JSON), one per run. */
function resultToken(n: number, rule: string): string {
  const bytes = Array.from({ length: 48 }, (_, k) => (mix(SEED, n + k, rule.length) % 256) - 128);
  return Buffer.from(
    JSON.stringify({ encryptedData: bytes, materialSetSerialNumber: 1, ivParameterSpec: { iv: bytes.slice(0, 12) } }),
  ).toString('base64');
}

async function lambdaRun(fake: ScaleFake, bundle: string, rule: string, dir: string): Promise<Partial<Row>> {
  const token = resultToken(fake.world.n, rule);
  const ruleName = `ml-${rule}`;
  const event = scheduledEvent(rule, token, SEED);
  const eventFile = join(dir, 'event.json');
  const resultFile = join(dir, 'result.json');
  writeFileSync(eventFile, JSON.stringify(event));
  writeFileSync(resultFile, '');
  fake.reset();
  fake.arm({ token, ruleName, rule });
  const env = {
    ...baseEnv(fake.url),
    AWS_SESSION_TOKEN: 'IQoJb3JpZ2luX2VjEXAMPLEsessiontoken',
    AWS_LAMBDA_FUNCTION_NAME: ruleName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(MEMORY_MB),
    // What the deploy sets on a scheduled function (adaptive retries).
    ...SCHEDULED_FUNCTION_ENV,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    LAMBDA_TASK_ROOT: join(bundle, '..'),
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
  };
  // Link after link: a run near its time hands off by invoking its function again (the fake
  // queues the event), and the benchmark runs that event in a fresh process, as Lambda would.
  let run = { wallS: 0, peakRssMb: 0, fakeCpuS: 0 } as Awaited<ReturnType<typeof runProcess>>;
  let result: { error?: string; maxRssKb?: number; cpuMs?: number } = {};
  let links = 0;
  let cpuMs = 0;
  let linkMaxS = 0;
  for (;;) {
    links++;
    writeFileSync(resultFile, '');
    const linkRun = await runProcess(
      [process.execPath, ...NODE_FLAGS, INVOKE, bundle, eventFile, resultFile],
      { ...env, BENCH_TIMEOUT_MS: String(LINK_MS) },
      join(dir, `lambda-${links}.log`),
      join(dir, `lambda-${links}.err`),
    );
    const text = readFileSync(resultFile, 'utf8');
    result = text ? JSON.parse(text) : {};
    cpuMs += result.cpuMs ?? 0;
    linkMaxS = Math.max(linkMaxS, linkRun.wallS);
    run = {
      ...linkRun,
      wallS: run.wallS + linkRun.wallS,
      fakeCpuS: run.fakeCpuS + linkRun.fakeCpuS,
      peakRssMb: Math.max(run.peakRssMb, linkRun.peakRssMb, (result.maxRssKb ?? 0) / 1024),
    };
    const next = fake.takeInvocation();
    if (!next || result.error || outcomeOf(linkRun, result.error) !== 'ok') break;
    if (next.functionName !== `arn:aws:lambda:${REGION}:${event.accountId}:function:${ruleName}`)
      throw new Error(`the run invoked ${next.functionName}, not its own function`);
    writeFileSync(eventFile, next.payload);
  }
  const grade = fake.grade(token);
  const counted = callsOf(fake.counters);
  const peakRssMb = run.peakRssMb;
  // The function's memory bounds the whole process, not only V8's heap: a run that finished here
  // with more resident memory than that is not one Lambda would have let finish. (Which error
  // Lambda then reports is for a real account to show.)
  let outcome = outcomeOf(run, result.error);
  if (outcome === 'ok' && peakRssMb > MEMORY_MB) outcome = `over ${MEMORY_MB} MB (finished here)`;
  return {
    outcome: outcome + (grade.testMode ? ' (TestMode!)' : ''),
    calls: counted.calls,
    retried: { throttled: counted.throttled, faulted: counted.faulted },
    wallS: run.wallS,
    peakRssMb,
    putEvaluations: grade.putEvaluationsCalls,
    grade,
    fakeCpuS: run.fakeCpuS,
    ...(cpuMs > 0 ? { functionCpuS: cpuMs / 1000 } : {}),
    byOperation: counted.byOperation,
    links,
    linkMaxS,
  };
}

async function scanRun(fake: ScaleFake, rule: string, dir: string): Promise<Partial<Row>> {
  fake.reset();
  const stdoutFile = join(dir, 'scan.json');
  const params = SUPPORTED_RULES[rule]!;
  const run = await runProcess(
    [
      process.execPath,
      BIN,
      'scan',
      '--rule',
      rule,
      '--region',
      REGION,
      '--format',
      'json',
      ...(Object.keys(params).length > 0 ? ['--params', JSON.stringify({ [rule]: params })] : []),
    ],
    baseEnv(fake.url),
    stdoutFile,
    join(dir, 'scan.err'),
  );
  let printed: { rule?: string; ComplianceType?: string }[] = [];
  let parseError: string | undefined;
  try {
    printed = JSON.parse(readFileSync(stdoutFile, 'utf8'));
  } catch (error) {
    parseError = run.code === 0 ? `output is not JSON (${(error as Error).message.slice(0, 60)})` : undefined;
  }
  const failed = /rule \S+ \(.*\) failed: (.*)/.exec(run.stderrTail)?.[1];
  const grade = gradeVerdicts(
    fake.expectation(rule),
    printed.filter((p) => p.rule === rule && p.ComplianceType),
  );
  const counted = callsOf(fake.counters);
  return {
    outcome: outcomeOf(run, failed ?? parseError),
    calls: counted.calls,
    retried: { throttled: counted.throttled, faulted: counted.faulted },
    wallS: run.wallS,
    peakRssMb: run.peakRssMb,
    putEvaluations: undefined,
    grade,
    fakeCpuS: run.fakeCpuS,
    byOperation: counted.byOperation,
  };
}

// --- the report ----------------------------------------------------------------------------

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const int = (x: number) => Math.round(x).toLocaleString('en');

/** The issue's target: a run within 1.2× of the slowest rated API's floor. */
const WALL_BUDGET = 1.2;
/** The issue's other target: with no throttle, at least 4× a serial client (serial time ÷ wall time). */
const SERIAL_BUDGET = 4;
/**
 * The CPU a function of MEMORY_MB gets: "At 1,769 MB, a function has the equivalent of one vCPU",
 * in proportion below it (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html).
 * This machine gives the process a whole core, so a run's CPU time ÷ this share is the least wall
 * time the same run could take in Lambda; how Lambda spreads those credits is for a real account.
 */
const LAMBDA_CPU_SHARE = MEMORY_MB / 1769;
const againstBudget = (x: number, within: (x: number) => boolean) => `${f2(x)} ${within(x) ? 'met' : 'NOT met'}`;

const HEAD = [
  'N',
  'rule',
  'path',
  'outcome',
  'calls',
  'floor',
  'calls ÷ floor',
  'throttled + faulted',
  'wall s',
  'throttle floor s',
  `wall ÷ throttle floor (budget ≤ ${WALL_BUDGET})`,
  'serial s',
  'wall ÷ serial',
  `no throttle: serial ÷ wall (budget ≥ ${SERIAL_BUDGET})`,
  'serial ÷ longest chain (the most overlap gives)',
  `peak RSS MB`,
  `RSS ÷ ${MEMORY_MB} MB (budget < 1)`,
  'PutEvaluations',
  'verdicts / expected',
  'wrong',
  'links (longest s)',
  'each ≤ 15 min',
  `function CPU s (÷ ${MEMORY_MB} MB's share of a vCPU)`,
  'fake CPU',
];

function cells(r: Row): string[] {
  return [
    int(r.n),
    short(r.rule),
    r.throttled ? r.path : `${r.path}, no throttle`,
    r.outcome,
    int(r.calls),
    int(r.floor),
    f2(r.calls / r.floor),
    `${r.retried.throttled} + ${r.retried.faulted}`,
    f1(r.wallS),
    `${f1(r.throttleFloorS)} (${r.throttleApi})`,
    r.throttled ? againstBudget(r.wallS / r.throttleFloorS, (x) => x <= WALL_BUDGET) : '—',
    `${r.serialMeasured ? '' : '≈'}${f1(r.serialS)}`,
    f2(r.wallS / r.serialS),
    r.throttled ? '—' : againstBudget(r.serialS / r.wallS, (x) => x >= SERIAL_BUDGET),
    f2(r.serialS / r.chainS),
    int(r.peakRssMb),
    againstBudget(r.peakRssMb / MEMORY_MB, (x) => x < 1),
    r.putEvaluations === undefined ? '—' : int(r.putEvaluations),
    `${int(r.grade.received)} / ${int(r.grade.expected)}${r.grade.missing ? ` (${int(r.grade.missing)} missing)` : ''}`,
    String(r.grade.wrong + r.grade.duplicates),
    r.links === undefined ? '—' : `${r.links} (${f1(r.linkMaxS ?? r.wallS)})`,
    r.outcome === 'ok' && (r.linkMaxS ?? r.wallS) <= LAMBDA_LIMIT_S && r.grade.missing + r.grade.wrong === 0
      ? 'yes'
      : 'no',
    r.functionCpuS === undefined
      ? '—'
      : `${f1(r.functionCpuS)} (≥ ${f1(r.functionCpuS / LAMBDA_CPU_SHARE)} s at ${f2(LAMBDA_CPU_SHARE)} vCPU)`,
    `${f1(r.fakeCpuS)} s (${Math.round((100 * r.fakeCpuS) / r.wallS)}%)`,
  ];
}

function markdown(rows: Row[]): string {
  const line = (xs: string[]) => `| ${xs.join(' | ')} |`;
  return [line(HEAD), line(HEAD.map(() => '---')), ...rows.map((r) => line(cells(r)))].join('\n');
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const started = Date.now();
  console.log(
    `Scale benchmark: N = ${SIZES.map(int).join(', ')}; rules ${RULES.join(', ')}; ` +
      `${LATENCY} ms a call, rates as DEFAULT_RATE (Describe*/ListTags 10/s, List*/GetResources/Search 5/s, Config unthrottled), ` +
      `${(FAULT_RATE * 100).toFixed(1)}% of calls HTTP 500; each run capped at ${CAP_MS / 60_000} min.`,
  );
  console.log(`Lambda: node ${NODE_FLAGS.join(' ')} (a ${MEMORY_MB} MB function), ${process.version} here.`);
  const built = new Map<string, string>();
  for (const rule of RULES) built.set(rule, (await buildRule(ruleById(rule)!, { outDir: join(OUT, 'bundles') })).file);
  const rows: Row[] = [];
  let failures = 0;
  for (const n of SIZES) {
    const t = Date.now();
    const world = new World({ n, seed: SEED });
    const fakes = {
      on: await startScaleFake({ world, latencyMs: LATENCY, faultRate: FAULT_RATE }),
      // The same account, latency and faults, with no API's rate enforced.
      off: await startScaleFake({ world, latencyMs: LATENCY, faultRate: FAULT_RATE, rateOf: () => undefined }),
    };
    const fake = fakes.on;
    const serialFake = await startScaleFake({ world, latencyMs: LATENCY, faultRate: 0, rateOf: () => undefined });
    const c = world.counts();
    console.log(
      `\nN = ${int(n)}: ${int(c.endpoints)} endpoints (${int(c.taggedEndpoints)} tagged, ${int(c.schedules)} monitoring schedules), ` +
        `${int(c.jobs)} training jobs (${int(c.recentJobs)} in the 30-day window); built in ${f1((Date.now() - t) / 1000)} s`,
    );
    try {
      for (const rule of RULES) {
        const dir = join(OUT, 'runs', `${n}-${rule}`);
        mkdirSync(dir, { recursive: true });
        const expectation = fake.expectation(rule);
        // One sample of each operation either path makes serves both.
        const means = await serialMeans(
          serialFake,
          expectation,
          new Map([...floorOf(world, expectation, rule, 'Lambda'), ...floorOf(world, expectation, rule, 'scan')]),
        );
        for (const [path, throttled] of PATHS.flatMap((p) => THROTTLES.map((t) => [p, t] as const))) {
          const floor = floorOf(world, expectation, rule, path);
          const serial = serialSeconds(floor, means);
          const throttle = throttleFloor(floor);
          const runFake = fakes[throttled];
          process.stderr.write(`  ${short(rule)} ${path}${throttled === 'off' ? ', no throttle' : ''}: running... `);
          const measured =
            path === 'Lambda'
              ? await lambdaRun(runFake, built.get(rule)!, rule, dir)
              : await scanRun(runFake, rule, dir);
          const row = {
            n,
            rule,
            path,
            throttled: throttled === 'on',
            floor: total(floor),
            throttleFloorS: throttle.seconds,
            throttleApi: throttle.api,
            serialS: serial.seconds,
            serialMeasured: serial.measured,
            chainS: longestChainSeconds(floor, means),
            ...measured,
          } as Row;
          rows.push(row);
          process.stderr.write(`${row.outcome}, ${f1(row.wallS)} s, ${int(row.peakRssMb)} MB\n`);
          if (row.grade.wrong + row.grade.duplicates > 0 || (row.outcome === 'ok' && row.grade.missing > 0)) {
            failures++;
            console.log(`  wrong verdicts in ${short(rule)} ${path}: ${row.grade.examples.join('; ')}`);
          }
        }
      }
    } finally {
      await fakes.on.close();
      await fakes.off.close();
      await serialFake.close();
    }
    console.log(`\n${markdown(rows.filter((r) => r.n === n))}`);
  }
  console.log(`\n## All sizes (${f1((Date.now() - started) / 60_000)} min)\n\n${markdown(rows)}`);
  console.log('\nCalls answered per operation (throttled and faulted attempts apart):');
  for (const r of rows) console.log(`- N = ${int(r.n)}, ${short(r.rule)}, ${r.path}: ${r.byOperation}`);
  console.log(
    [
      '',
      'Columns: calls are the calls the fake answered; floor is the fewest calls the run could make (bench/scale.ts floorOf);',
      "throttle floor is the slowest rated API's floor calls ÷ its rate; serial is the floor's calls made one at a time",
      `at ${LATENCY} ms with no throttle (≈: estimated from up to ${SERIAL_SAMPLE} calls of each operation × its floor calls);`,
      "the longest chain is the floor's longest listing (pages read one after another, each token from the page before) at",
      "the serial client's time a call: serial ÷ that is the most any client gets without splitting a listing;",
      `peak RSS is the process's VmHWM; verdicts are those PutEvaluations received (Lambda: every resource and the clean-up,`,
      "or one account summary for training jobs) or scan printed, against the fake's; wrong counts wrong, unexpected and",
      `repeated ones; ≤ 15 min: the run finished, correctly, within Lambda's ${LAMBDA_LIMIT_S} s; function CPU is the Lambda`,
      `process's own CPU time, and ÷ ${f2(LAMBDA_CPU_SHARE)} the least wall time a ${MEMORY_MB} MB function would need for it (1,769 MB is one vCPU);`,
      "fake CPU is this process's CPU time during the run.",
    ].join('\n'),
  );
  writeFileSync(join(OUT, 'results.json'), JSON.stringify(rows, null, 2));
  if (failures > 0) process.exitCode = 1;
}

if (!existsSync(INVOKE)) throw new Error(`missing ${INVOKE}`);
await main();
