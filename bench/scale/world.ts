// The account the scale benchmark's fake serves (fake-aws.ts): N SageMaker endpoints, the
// monitoring schedules of some of them, and N training jobs, all derived from N and a seed by a
// hash of (seed, index, field), so every run with the same N and seed sees the same account and
// nothing is stored per resource: a resource's records are built when a call asks for them.
// It also knows the verdict each supported rule must give each resource (`expectationsFor`), so
// the benchmark can check every verdict a run reports or prints.
//
// Record shapes follow the SDK's output types (@aws-sdk/client-sagemaker models:
// DescribeEndpointOutput, Endpoint, DescribeTrainingJobResponse, TrainingJob, the List*
// summaries); timestamps are epoch seconds, as the JSON 1.1 protocol carries them.
// A training job record is what the SageMaker Python SDK's estimators create (built-in algorithm
// metric definitions, debugger and profiler settings, status transitions): several KB of JSON.

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Murmur3's 32-bit finaliser: every input bit flips about half the output bits. */
function fmix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A 32-bit hash of (seed, index, salt): the only source of variety (no Math.random). */
export function mix(seed: number, index: number, salt: number): number {
  return fmix(fmix(fmix(seed ^ 0x9e3779b9) ^ salt) ^ index);
}
/** The same hash as a number in [0, 1). */
export const frac = (seed: number, index: number, salt: number): number => mix(seed, index, salt) / 2 ** 32;

/** 32-bit FNV-1a of a string, for salts and token fingerprints. */
export function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

// Fields get their own salt, so one field's draw says nothing about another's.
const S = {
  family: 1,
  status: 2,
  variants: 3,
  tags: 4,
  schedules: 5,
  stale: 6,
  capture: 7,
  runtime: 8,
  jobStatus: 9,
  volumeKey: 10,
  outputKey: 11,
  vpc: 12,
  isolation: 13,
  spot: 14,
  instance: 15,
  jobTags: 16,
  metrics: 17,
  icte: 18,
} as const;

const pad = (i: number) => String(i).padStart(6, '0');
/** A name's index: its trailing digits (names end with `-<6 digits>`). */
const indexOf = (name: string): number | undefined => {
  const m = /-(\d{6,})$/.exec(name);
  return m ? Number(m[1]) : undefined;
};
const seconds = (ms: number) => Math.round(ms) / 1000;
const pick = <T>(items: readonly T[], u: number): T => items[Math.floor(u * items.length)]!;

const ENDPOINT_FAMILIES = ['fraud-scorer', 'churn-xgb', 'search-ranker', 'recsys-two-tower', 'demand-forecast', 'ltv'];
const JOB_FAMILIES = ['churn-xgb', 'fraud-lightgbm', 'bert-finetune', 'demand-deepar', 'resnet50-cv', 'llm-sft'];
const KMS_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/service-role/AmazonSageMaker-ExecutionRole-20250102T101500`;
const ECR = (repo: string, tag: string) => `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${repo}:${tag}`;
const XGBOOST_IMAGE = `683313688378.dkr.ecr.${REGION}.amazonaws.com/sagemaker-xgboost:1.7-1`;
const PYTORCH_IMAGE = `763104351884.dkr.ecr.${REGION}.amazonaws.com/pytorch-training:2.3.0-gpu-py311-cu121-ubuntu20.04-sagemaker`;
const DEBUGGER_IMAGE = `503895931360.dkr.ecr.${REGION}.amazonaws.com/sagemaker-debugger-rules:latest`;

/** Tags an endpoint may carry; the tag rule's parameter asks for `team` and `cost-center`. */
export const REQUIRED_TAG_KEYS = 'team,cost-center';

export interface Variant {
  name: string;
  serverless: boolean;
  instanceType: string;
  count: number;
}

export interface EndpointFacts {
  i: number;
  name: string;
  arn: string;
  family: string;
  status: string;
  created: number;
  modified: number;
  variants: Variant[];
  tags: [string, string][];
  /** Search's record trails the listing (older LastModifiedTime): the pack describes it instead. */
  stale: boolean;
  capture: boolean;
}

export interface ScheduleFacts {
  endpoint: number;
  name: string;
  arn: string;
  status: string;
  type: string;
  created: number;
  modified: number;
}

export interface JobFacts {
  j: number;
  name: string;
  arn: string;
  family: string;
  old: boolean;
  created: number;
  started: number;
  ended: number | undefined;
  modified: number;
  status: string;
  secondary: string;
  volumeKey: boolean;
  outputKey: boolean;
  vpc: boolean;
  isolation: boolean;
  interContainer: boolean;
  spot: boolean;
  instanceType: string;
  instanceCount: number;
  tags: [string, string][];
  stale: boolean;
}

const STATUS_WEIGHTS: [string, number][] = [
  ['InService', 0.88],
  ['Updating', 0.91],
  ['Creating', 0.93],
  ['Failed', 0.95],
  ['OutOfService', 0.97],
  ['SystemUpdating', 0.985],
  ['Deleting', 1],
];
const JOB_STATUS: [string, string, number][] = [
  ['Completed', 'Completed', 0.85],
  ['Failed', 'Failed', 0.92],
  ['Stopped', 'Stopped', 0.97],
  ['InProgress', 'Training', 1],
];
const byWeight = <T extends unknown[]>(table: T[], u: number): T => table.find((row) => u < (row.at(-1) as number))!;

export interface WorldOptions {
  n: number;
  seed?: number;
  /** The account's present (ms): resources are created before it. Default: now, to the second. */
  now?: number;
}

export class World {
  readonly n: number;
  readonly seed: number;
  readonly now: number;
  /** Training jobs created before the rules' 30-day window (the first quarter of the indices). */
  readonly oldJobs: number;
  /** Endpoint indices GetResources returns (tagged ones), in index order. */
  readonly taggedEndpoints: Int32Array;
  readonly taggedJobs: Int32Array;
  /** Every monitoring schedule, in creation order: the endpoint it targets and its status. */
  readonly schedules: { endpoint: Int32Array; kind: Uint8Array };
  /** Endpoint and job indices by Search's LastModifiedTime, newest first. */
  readonly endpointsByModified: Int32Array;
  readonly jobsByModified: Int32Array;

  constructor(options: WorldOptions) {
    this.n = options.n;
    this.seed = options.seed ?? 23;
    this.now = options.now ?? Math.floor(Date.now() / 1000) * 1000;
    this.oldJobs = Math.floor(this.n / 4);
    const tagged: number[] = [];
    const taggedJobs: number[] = [];
    const scheduleEndpoints: number[] = [];
    const scheduleKinds: number[] = [];
    for (let i = 0; i < this.n; i++) {
      if (this.endpointTags(i).length > 0) tagged.push(i);
      if (this.jobTags(i).length > 0) taggedJobs.push(i);
      for (const kind of this.scheduleKinds(i)) {
        scheduleEndpoints.push(i);
        scheduleKinds.push(kind);
      }
    }
    this.taggedEndpoints = Int32Array.from(tagged);
    this.taggedJobs = Int32Array.from(taggedJobs);
    this.schedules = { endpoint: Int32Array.from(scheduleEndpoints), kind: Uint8Array.from(scheduleKinds) };
    const order = (modified: (i: number) => number) => {
      const times = Float64Array.from({ length: this.n }, (_, i) => modified(i));
      return Int32Array.from({ length: this.n }, (_, i) => i).sort((a, b) => times[b]! - times[a]! || b - a);
    };
    this.endpointsByModified = order((i) => this.endpointSearchModified(i));
    this.jobsByModified = order((j) => this.jobSearchModified(j));
  }

  // --- endpoints -----------------------------------------------------------------------------

  endpointName(i: number): string {
    return `${pick(ENDPOINT_FAMILIES, frac(this.seed, i, S.family))}-${pad(i)}`;
  }
  endpointIndex(name: string): number | undefined {
    const i = indexOf(name);
    return i !== undefined && i < this.n && this.endpointName(i) === name ? i : undefined;
  }
  endpointArn = (name: string) => `arn:aws:sagemaker:${REGION}:${ACCOUNT}:endpoint/${name.toLowerCase()}`;

  /** Created over the last two years, in index order. */
  endpointCreated(i: number): number {
    return this.now - 730 * DAY + (i * (729 * DAY)) / Math.max(1, this.n);
  }

  private endpointTags(i: number): [string, string][] {
    const u = frac(this.seed, i, S.tags);
    const family = pick(ENDPOINT_FAMILIES, frac(this.seed, i, S.family));
    if (u < 0.55)
      return [
        ['team', 'ml-platform'],
        ['cost-center', `cc-${1000 + (mix(this.seed, i, S.tags) % 40)}`],
        ['ml-pipeline', family],
      ];
    if (u < 0.7) return [['team', 'risk-models']];
    if (u < 0.75)
      return [
        ['team', 'growth'],
        ['cost-center', ''],
      ];
    return [];
  }

  /** Monitoring schedule kinds of an endpoint: 0 Scheduled, 1 Stopped, 2 Failed, 3 Pending. */
  private scheduleKinds(i: number): number[] {
    const u = frac(this.seed, i, S.schedules);
    if (u < 0.45) return [0];
    if (u < 0.55) return [1];
    if (u < 0.6) return [2, 0];
    if (u < 0.65) return [2];
    if (u < 0.68) return [3];
    return [];
  }

  endpoint(i: number): EndpointFacts {
    const name = this.endpointName(i);
    const created = this.endpointCreated(i);
    const v = frac(this.seed, i, S.variants);
    const instance = (n: string, k: number): Variant => ({
      name: n,
      serverless: false,
      instanceType: pick(['ml.m5.xlarge', 'ml.c5.2xlarge', 'ml.g5.xlarge', 'ml.inf2.xlarge'], frac(this.seed, i, k)),
      count: 1 + (mix(this.seed, i, k) % 4),
    });
    const serverless = (n: string): Variant => ({ name: n, serverless: true, instanceType: '', count: 0 });
    const variants =
      v < 0.07
        ? [serverless('AllTraffic')]
        : v < 0.1
          ? [instance('Primary', 31), serverless('Canary')]
          : v < 0.25
            ? [instance('Blue', 32), instance('Green', 33)]
            : [instance('AllTraffic', 34)];
    return {
      i,
      name,
      arn: this.endpointArn(name),
      family: pick(ENDPOINT_FAMILIES, frac(this.seed, i, S.family)),
      status: byWeight(STATUS_WEIGHTS, frac(this.seed, i, S.status))[0],
      created,
      modified: Math.min(created + 10 * MINUTE + frac(this.seed, i, S.runtime) * 30 * DAY, this.now - MINUTE),
      variants,
      tags: this.endpointTags(i),
      stale: frac(this.seed, i, S.stale) < 0.002,
      capture: frac(this.seed, i, S.capture) < 0.6,
    };
  }

  /** The LastModifiedTime of an endpoint's Search record (an hour behind the listing when stale). */
  private endpointSearchModified(i: number): number {
    const e = this.endpoint(i);
    return e.stale ? e.modified - HOUR : e.modified;
  }

  endpointSummary(i: number): object {
    const e = this.endpoint(i);
    return {
      EndpointName: e.name,
      EndpointArn: e.arn,
      CreationTime: seconds(e.created),
      LastModifiedTime: seconds(e.modified),
      EndpointStatus: e.status,
    };
  }

  /** DescribeEndpoint's output. */
  endpointDescribe(i: number, e = this.endpoint(i)): Record<string, unknown> {
    const image = ECR(`${e.family}-inference`, `2.${i % 7}.${i % 13}`);
    return {
      EndpointName: e.name,
      EndpointArn: e.arn,
      EndpointConfigName: `${e.name}-config-${1 + (i % 5)}`,
      ProductionVariants: e.variants.map((v) => ({
        VariantName: v.name,
        DeployedImages: [
          {
            SpecifiedImage: image,
            ResolvedImage: `${image.split(':')[0]}@sha256:${mix(this.seed, i, 40).toString(16).padStart(8, '0').repeat(8)}`,
            ResolutionTime: seconds(e.modified - 5 * MINUTE),
          },
        ],
        CurrentWeight: 1,
        DesiredWeight: 1,
        ...(v.serverless
          ? {
              CurrentServerlessConfig: { MemorySizeInMB: 4096, MaxConcurrency: 20 },
              DesiredServerlessConfig: { MemorySizeInMB: 4096, MaxConcurrency: 20 },
            }
          : { CurrentInstanceCount: v.count, DesiredInstanceCount: v.count }),
      })),
      ...(e.capture
        ? {
            DataCaptureConfig: {
              EnableCapture: true,
              CaptureStatus: 'Started',
              CurrentSamplingPercentage: 20,
              DestinationS3Uri: `s3://ml-platform-data-capture-${ACCOUNT}/${e.name}`,
              KmsKeyId: KMS_KEY,
            },
          }
        : {}),
      EndpointStatus: e.status,
      ...(e.status === 'Failed'
        ? {
            FailureReason:
              'The primary container for production variant AllTraffic did not pass the ping health check.',
          }
        : {}),
      CreationTime: seconds(e.created),
      LastModifiedTime: seconds(e.modified),
    };
  }

  /** Search's Endpoint record: the Describe fields, its Tags and its MonitoringSchedules. */
  endpointSearchRecord(i: number): object {
    const e = this.endpoint(i);
    const describe = this.endpointDescribe(i, e);
    return {
      Endpoint: {
        ...describe,
        LastModifiedTime: seconds(this.endpointSearchModified(i)),
        MonitoringSchedules: this.scheduleKinds(i).map((kind, k) => {
          const s = this.scheduleFacts(i, kind, k);
          return {
            MonitoringScheduleArn: s.arn,
            MonitoringScheduleName: s.name,
            MonitoringScheduleStatus: s.status,
            MonitoringType: s.type,
            CreationTime: seconds(s.created),
            LastModifiedTime: seconds(s.modified),
            EndpointName: e.name,
            MonitoringScheduleConfig: {
              ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' },
              MonitoringJobDefinitionName: `${s.name}-definition`,
              MonitoringType: s.type,
            },
          };
        }),
        Tags: e.tags.map(([Key, Value]) => ({ Key, Value })),
      },
    };
  }

  endpointTagList(i: number): { Key: string; Value: string }[] {
    return this.endpointTags(i).map(([Key, Value]) => ({ Key, Value }));
  }

  // --- monitoring schedules ------------------------------------------------------------------

  private scheduleFacts(endpoint: number, kind: number, k: number): ScheduleFacts {
    const name = `${this.endpointName(endpoint)}-${k === 0 ? 'data-quality' : 'model-quality'}`;
    // A minute or two after its endpoint; endpoints are 7 minutes or more apart up to N = 150,000,
    // so `schedules` (endpoint order) is their creation order.
    const created = this.endpointCreated(endpoint) + (1 + k) * MINUTE;
    return {
      endpoint,
      name,
      arn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:monitoring-schedule/${name}`,
      status: ['Scheduled', 'Stopped', 'Failed', 'Pending'][kind]!,
      type: k === 0 ? 'DataQuality' : 'ModelQuality',
      created,
      modified: created + 2 * HOUR,
    };
  }

  /** The k-th schedule in creation order (k indexes `schedules`). */
  scheduleSummary(k: number): object {
    const endpoint = this.schedules.endpoint[k]!;
    const nth = k > 0 && this.schedules.endpoint[k - 1] === endpoint ? 1 : 0;
    const s = this.scheduleFacts(endpoint, this.schedules.kind[k]!, nth);
    return {
      MonitoringScheduleName: s.name,
      MonitoringScheduleArn: s.arn,
      CreationTime: seconds(s.created),
      LastModifiedTime: seconds(s.modified),
      MonitoringScheduleStatus: s.status,
      EndpointName: this.endpointName(endpoint),
      MonitoringJobDefinitionName: `${s.name}-definition`,
      MonitoringType: s.type,
    };
  }

  // --- training jobs -------------------------------------------------------------------------

  jobName(j: number): string {
    return `${pick(JOB_FAMILIES, frac(this.seed, j, S.family))}-${pad(j)}`;
  }
  jobIndex(name: string): number | undefined {
    const j = indexOf(name);
    return j !== undefined && j < this.n && this.jobName(j) === name ? j : undefined;
  }
  jobArn = (name: string) => `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/${name.toLowerCase()}`;

  /**
   * Old jobs were created 60 to 31 days ago, the others 29 days to 3 hours ago, in index order:
   * no job is near the rules' 30-day window, so where a run draws the line cannot change a verdict.
   */
  jobCreated(j: number): number {
    if (j < this.oldJobs) return this.now - 60 * DAY + (j * 29 * DAY) / Math.max(1, this.oldJobs);
    const recent = this.n - this.oldJobs;
    return this.now - 29 * DAY + ((j - this.oldJobs) * (29 * DAY - 3 * HOUR)) / Math.max(1, recent);
  }

  private jobTags(j: number): [string, string][] {
    return frac(this.seed, j, S.jobTags) < 0.5
      ? [
          ['team', 'ml-platform'],
          ['sagemaker:user-profile-arn', `arn:aws:sagemaker:${REGION}:${ACCOUNT}:user-profile/d-abc123/ds-${j % 17}`],
        ]
      : [];
  }

  job(j: number): JobFacts {
    const name = this.jobName(j);
    const created = this.jobCreated(j);
    const [status, secondary] = byWeight(JOB_STATUS, frac(this.seed, j, S.jobStatus));
    const runtime = 10 * MINUTE + frac(this.seed, j, S.runtime) * 2.5 * HOUR;
    const started = created + 3 * MINUTE;
    const ended = status === 'InProgress' ? undefined : started + runtime;
    return {
      j,
      name,
      arn: this.jobArn(name),
      family: pick(JOB_FAMILIES, frac(this.seed, j, S.family)),
      old: j < this.oldJobs,
      created,
      started,
      ended,
      modified: (ended ?? started) + 30_000,
      status,
      secondary,
      volumeKey: frac(this.seed, j, S.volumeKey) < 0.7,
      outputKey: frac(this.seed, j, S.outputKey) < 0.75,
      vpc: frac(this.seed, j, S.vpc) < 0.6,
      isolation: frac(this.seed, j, S.isolation) < 0.5,
      interContainer: frac(this.seed, j, S.icte) < 0.4,
      spot: frac(this.seed, j, S.spot) < 0.3,
      instanceType: pick(
        ['ml.m5.2xlarge', 'ml.c5.4xlarge', 'ml.g5.2xlarge', 'ml.p4d.24xlarge'],
        frac(this.seed, j, S.instance),
      ),
      instanceCount: 1 + (mix(this.seed, j, S.instance) % 2),
      tags: this.jobTags(j),
      stale: frac(this.seed, j, S.stale) < 0.002,
    };
  }

  private jobSearchModified(j: number): number {
    const job = this.job(j);
    return job.stale ? job.modified - HOUR : job.modified;
  }

  jobSummary(j: number): object {
    const t = this.job(j);
    return {
      TrainingJobName: t.name,
      TrainingJobArn: t.arn,
      CreationTime: seconds(t.created),
      ...(t.ended !== undefined ? { TrainingEndTime: seconds(t.ended) } : {}),
      LastModifiedTime: seconds(t.modified),
      TrainingJobStatus: t.status,
      SecondaryStatus: t.secondary,
    };
  }

  /** DescribeTrainingJob's output (`search`: the fields Search's TrainingJob record has, with Tags). */
  jobDescribe(j: number, search = false): Record<string, unknown> {
    const t = this.job(j);
    const xgb = t.family === 'churn-xgb' || t.family === 'fraud-lightgbm';
    const bucket = `s3://ml-platform-${ACCOUNT}-${REGION}`;
    const prefix = `${bucket}/${t.family}/${t.name}`;
    const at = (ms: number) => seconds(ms);
    const end = t.ended ?? t.started + HOUR;
    const phases: [string, string][] = [
      ['Starting', 'Starting the training job'],
      ['Starting', 'Preparing the instances for training'],
      ['Downloading', 'Downloading input data'],
      ['Training', 'Downloading the training image...'],
      ['Training', 'Training image download completed. Training in progress.'],
      ['Uploading', 'Uploading generated training model'],
      [t.secondary, t.status === 'Completed' ? 'Training job completed' : `Training job ${t.status.toLowerCase()}`],
    ];
    const step = (end - t.started) / phases.length;
    const metrics = xgb
      ? ['train:rmse', 'validation:rmse', 'train:auc', 'validation:auc', 'train:logloss', 'validation:logloss']
      : ['train:loss', 'eval:loss', 'eval:accuracy', 'eval:f1', 'learning_rate', 'epoch'];
    const metricRegex = (m: string) =>
      xgb
        ? `.*\\[[0-9]+\\].*#011${m.replace(':', '-')}:([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?).*`
        : `'${m.split(':').pop()}': ([0-9\\.]+(?:e-?[0-9]+)?)`;
    const record: Record<string, unknown> = {
      TrainingJobName: t.name,
      TrainingJobArn: t.arn,
      ModelArtifacts: { S3ModelArtifacts: `${prefix}/output/model.tar.gz` },
      TrainingJobStatus: t.status,
      SecondaryStatus: t.secondary,
      ...(t.status === 'Failed'
        ? {
            FailureReason:
              'AlgorithmError: ExecuteUserScriptError: ExitCode 1 ErrorMessage "RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB"',
          }
        : {}),
      HyperParameters: xgb
        ? {
            eta: '0.2',
            gamma: '4',
            max_depth: String(4 + (t.j % 6)),
            min_child_weight: '6',
            num_round: String(100 + (t.j % 400)),
            objective: 'binary:logistic',
            eval_metric: 'auc',
            subsample: '0.8',
            colsample_bytree: '0.7',
            scale_pos_weight: '3.5',
            early_stopping_rounds: '20',
            verbosity: '1',
          }
        : {
            epochs: String(3 + (t.j % 5)),
            learning_rate: '2e-05',
            per_device_train_batch_size: '16',
            gradient_accumulation_steps: '4',
            warmup_ratio: '0.03',
            weight_decay: '0.01',
            model_name_or_path: '"bert-base-uncased"',
            max_seq_length: '512',
            sagemaker_program: '"train.py"',
            sagemaker_submit_directory: `"${prefix}/source/sourcedir.tar.gz"`,
            sagemaker_container_log_level: '20',
            sagemaker_job_name: `"${t.name}"`,
            sagemaker_region: `"${REGION}"`,
            sagemaker_distributed_dataparallel_enabled: 'false',
            sagemaker_instance_type: `"${t.instanceType}"`,
          },
      AlgorithmSpecification: {
        TrainingImage: xgb ? XGBOOST_IMAGE : PYTORCH_IMAGE,
        TrainingInputMode: 'File',
        MetricDefinitions: metrics.map((Name) => ({ Name, Regex: metricRegex(Name) })),
        EnableSageMakerMetricsTimeSeries: true,
      },
      RoleArn: ROLE,
      InputDataConfig: ['train', 'validation', ...(xgb ? [] : ['test'])].map((ChannelName) => ({
        ChannelName,
        DataSource: {
          S3DataSource: {
            S3DataType: 'S3Prefix',
            S3Uri: `${bucket}/datasets/${t.family}/2025-${String(1 + (t.j % 12)).padStart(2, '0')}/${ChannelName}/`,
            S3DataDistributionType: 'FullyReplicated',
          },
        },
        ContentType: xgb ? 'text/csv' : 'application/x-parquet',
        CompressionType: 'None',
        RecordWrapperType: 'None',
      })),
      OutputDataConfig: {
        ...(t.outputKey ? { KmsKeyId: KMS_KEY } : {}),
        S3OutputPath: `${bucket}/${t.family}/output`,
        CompressionType: 'GZIP',
      },
      ResourceConfig: {
        InstanceType: t.instanceType,
        InstanceCount: t.instanceCount,
        VolumeSizeInGB: 30 + (t.j % 4) * 50,
        ...(t.volumeKey ? { VolumeKmsKeyId: KMS_KEY } : {}),
        KeepAlivePeriodInSeconds: 0,
      },
      ...(t.vpc
        ? {
            VpcConfig: {
              SecurityGroupIds: ['sg-0a1b2c3d4e5f60718'],
              Subnets: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
            },
          }
        : {}),
      StoppingCondition: { MaxRuntimeInSeconds: 86_400, ...(t.spot ? { MaxWaitTimeInSeconds: 172_800 } : {}) },
      CreationTime: at(t.created),
      TrainingStartTime: at(t.started),
      ...(t.ended !== undefined ? { TrainingEndTime: at(t.ended) } : {}),
      LastModifiedTime: at(search ? this.jobSearchModified(j) : t.modified),
      SecondaryStatusTransitions: phases.map(([Status, StatusMessage], k) => ({
        Status,
        StartTime: at(t.started + k * step),
        ...(k < phases.length - 1 || t.ended !== undefined ? { EndTime: at(t.started + (k + 1) * step) } : {}),
        StatusMessage,
      })),
      FinalMetricDataList: metrics.slice(0, 4).map((MetricName, k) => ({
        MetricName,
        Value: Math.round(frac(this.seed, t.j, S.metrics + k) * 1e6) / 1e6,
        Timestamp: at(end - MINUTE),
      })),
      EnableNetworkIsolation: t.isolation,
      EnableInterContainerTrafficEncryption: t.interContainer,
      EnableManagedSpotTraining: t.spot,
      ...(t.spot ? { CheckpointConfig: { S3Uri: `${prefix}/checkpoints`, LocalPath: '/opt/ml/checkpoints' } } : {}),
      TrainingTimeInSeconds: Math.round((end - t.started) / 1000),
      BillableTimeInSeconds: Math.round(((end - t.started) / 1000) * (t.spot ? 0.35 : 1)),
      DebugHookConfig: {
        S3OutputPath: `${bucket}/${t.family}/debug-output`,
        CollectionConfigurations: [],
      },
      ExperimentConfig: { TrialComponentDisplayName: `${t.name}-training`, RunName: `${t.name}-run` },
      ProfilerConfig: {
        S3OutputPath: `${bucket}/${t.family}/profiler-output`,
        ProfilingIntervalInMilliseconds: 500,
        DisableProfiler: false,
      },
      Environment: {},
      RetryStrategy: { MaximumRetryAttempts: 1 },
    };
    if (search) {
      record.Tags = t.tags.map(([Key, Value]) => ({ Key, Value }));
      return { TrainingJob: record };
    }
    // DescribeTrainingJob has the profiler's rule settings and statuses; Search's record does not.
    const ruleName = `ProfilerReport-${Math.floor(t.created / 1000)}`;
    record.ProfilerRuleConfigurations = [
      {
        RuleConfigurationName: ruleName,
        RuleEvaluatorImage: DEBUGGER_IMAGE,
        VolumeSizeInGB: 0,
        RuleParameters: { rule_to_invoke: 'ProfilerReport' },
      },
    ];
    record.ProfilerRuleEvaluationStatuses = [
      {
        RuleConfigurationName: ruleName,
        RuleEvaluationJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:processing-job/${t.name.slice(0, 40)}-profilerreport-${pad(j)}`,
        RuleEvaluationStatus: 'NoIssuesFound',
        LastModifiedTime: at(t.modified),
      },
    ];
    record.ProfilingStatus = 'Enabled';
    return record;
  }

  jobSearchRecord(j: number): object {
    return this.jobDescribe(j, true);
  }

  jobTagList(j: number): { Key: string; Value: string }[] {
    return this.jobTags(j).map(([Key, Value]) => ({ Key, Value }));
  }

  /** How many of each kind the account holds, for the benchmark's floors. */
  counts() {
    let staleEndpoints = 0;
    let staleRecentJobs = 0;
    for (let i = 0; i < this.n; i++) {
      if (this.endpoint(i).stale) staleEndpoints++;
      if (i >= this.oldJobs && this.job(i).stale) staleRecentJobs++;
    }
    return {
      endpoints: this.n,
      taggedEndpoints: this.taggedEndpoints.length,
      schedules: this.schedules.endpoint.length,
      staleEndpoints,
      jobs: this.n,
      recentJobs: this.n - this.oldJobs,
      oldJobs: this.oldJobs,
      staleRecentJobs,
    };
  }
}

// --- what each rule must say ---------------------------------------------------------------

export type Compliance = 'COMPLIANT' | 'NON_COMPLIANT' | 'NOT_APPLICABLE';
export const ENDPOINT_TYPE = 'AWS::SageMaker::Endpoint';
export const JOB_TYPE = 'AWS::SageMaker::TrainingJob';
export const ACCOUNT_TYPE = 'AWS::::Account';

/** The rules the fake can judge, with the parameters the benchmark gives them. */
export const SUPPORTED_RULES: Readonly<Record<string, Record<string, string>>> = {
  'sagemaker-endpoint-tagged': { requiredTagKeys: REQUIRED_TAG_KEYS },
  'sagemaker-endpoint-monitoring-scheduled': {},
  'sagemaker-training-job-volume-kms': {},
  'sagemaker-training-job-output-kms': {},
  'sagemaker-training-job-in-vpc': {},
  'sagemaker-training-job-network-isolation': {},
};

const JOB_CHECKS: Record<string, (t: JobFacts) => boolean> = {
  'sagemaker-training-job-volume-kms': (t) => t.volumeKey,
  'sagemaker-training-job-output-kms': (t) => t.outputKey,
  'sagemaker-training-job-in-vpc': (t) => t.vpc,
  'sagemaker-training-job-network-isolation': (t) => t.isolation,
};

/** Endpoint results the rule reported on its previous run and that are gone now: 1% of N, at least one. */
export const goneCount = (n: number) => Math.max(1, Math.round(n / 100));
export const goneEndpointName = (k: number) => `retired-scorer-${pad(k)}`;

export interface Expectation {
  rule: string;
  /** `<type>|<id>` → the verdict, for every resource the rule must judge (scan prints these). */
  perResource: Map<string, Compliance>;
  /** Set for rules that report one evaluation for the account (training jobs). */
  account?: { compliance: Compliance; nonCompliant: number; total: number };
  /** Results the rule reported before (GetComplianceDetailsByConfigRule), COMPLIANT or NON_COMPLIANT. */
  previous: { type: string; id: string; compliance: Compliance }[];
  /** `<type>|<id>` → the verdict each PutEvaluations of a Lambda run must carry (with the clean-up). */
  reported: Map<string, Compliance>;
}

export function expectationsFor(world: World, rule: string): Expectation {
  const perResource = new Map<string, Compliance>();
  const jobCheck = JOB_CHECKS[rule];
  if (rule === 'sagemaker-endpoint-tagged') {
    const required = REQUIRED_TAG_KEYS.split(',');
    for (let i = 0; i < world.n; i++) {
      const e = world.endpoint(i);
      const tags = new Map(e.tags);
      const verdict: Compliance =
        e.status === 'Deleting' ? 'NOT_APPLICABLE' : required.every((k) => tags.get(k)) ? 'COMPLIANT' : 'NON_COMPLIANT';
      perResource.set(`${ENDPOINT_TYPE}|${e.name}`, verdict);
    }
  } else if (rule === 'sagemaker-endpoint-monitoring-scheduled') {
    const scheduled = new Set<number>();
    for (let k = 0; k < world.schedules.endpoint.length; k++)
      if (world.schedules.kind[k] === 0) scheduled.add(world.schedules.endpoint[k]!);
    for (let i = 0; i < world.n; i++) {
      const e = world.endpoint(i);
      const verdict: Compliance =
        e.status !== 'InService' || e.variants.every((v) => v.serverless)
          ? 'NOT_APPLICABLE'
          : scheduled.has(i)
            ? 'COMPLIANT'
            : 'NON_COMPLIANT';
      perResource.set(`${ENDPOINT_TYPE}|${e.name}`, verdict);
    }
  } else if (jobCheck) {
    for (let j = world.oldJobs; j < world.n; j++) {
      const t = world.job(j);
      perResource.set(`${JOB_TYPE}|${t.name}`, jobCheck(t) ? 'COMPLIANT' : 'NON_COMPLIANT');
    }
  } else {
    throw new Error(`the scale fake cannot judge ${rule}; it knows ${Object.keys(SUPPORTED_RULES).join(', ')}`);
  }
  if (jobCheck) {
    let nonCompliant = 0;
    for (const v of perResource.values()) if (v === 'NON_COMPLIANT') nonCompliant++;
    const compliance: Compliance = nonCompliant > 0 ? 'NON_COMPLIANT' : 'COMPLIANT';
    // Yesterday's run reported the same account summary: nothing to clean up.
    return {
      rule,
      perResource,
      account: { compliance, nonCompliant, total: perResource.size },
      previous: [{ type: ACCOUNT_TYPE, id: ACCOUNT, compliance }],
      reported: new Map([[`${ACCOUNT_TYPE}|${ACCOUNT}`, compliance]]),
    };
  }
  // Yesterday's run reported every endpoint it judged COMPLIANT or NON_COMPLIANT, and some that
  // are gone since: those must be reported NOT_APPLICABLE now (the clean-up).
  const previous: Expectation['previous'] = [];
  for (const [key, compliance] of perResource)
    if (compliance !== 'NOT_APPLICABLE') previous.push({ type: ENDPOINT_TYPE, id: key.split('|')[1]!, compliance });
  const reported = new Map(perResource);
  for (let k = 0; k < goneCount(world.n); k++) {
    previous.push({ type: ENDPOINT_TYPE, id: goneEndpointName(k), compliance: 'NON_COMPLIANT' });
    reported.set(`${ENDPOINT_TYPE}|${goneEndpointName(k)}`, 'NOT_APPLICABLE');
  }
  return { rule, perResource, previous, reported };
}

/**
 * A periodic run's event as Config sends it to a custom rule's function, with a result token of
 * its own (not TESTMODE, so PutEvaluations is really called): the bench's Lambda runs and the
 * integration test build it here.
 */
export function scheduledEvent(rule: string, token: string, seed: number) {
  const id = `config-rule-${mix(seed, rule.length, 7).toString(36)}`;
  return {
    version: '1.0',
    invokingEvent: JSON.stringify({
      awsAccountId: ACCOUNT,
      notificationCreationTime: new Date().toISOString(),
      messageType: 'ScheduledNotification',
      recordVersion: '1.0',
    }),
    ruleParameters: JSON.stringify(SUPPORTED_RULES[rule]),
    resultToken: token,
    eventLeftScope: false,
    executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
    configRuleArn: `arn:aws:config:${REGION}:${ACCOUNT}:config-rule/${id}`,
    configRuleName: `ml-${rule}`,
    configRuleId: id,
    accountId: ACCOUNT,
  };
}
