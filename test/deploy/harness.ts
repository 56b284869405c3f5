// Runs the deploy program under Pulumi's mocks (no cloud, no Pulumi CLI) and records every
// resource it registers: type, name, inputs, parent and the resources it depends on.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pulumi from '@pulumi/pulumi';
import { NAMESPACE, readStackConfig, type RawStackConfig } from '../../deploy/config.js';
import { NOTHING_RECORDED, type RecordingLookup } from '../../deploy/existing-recorder.js';
import { deployPack, type DeployedPack, type DeployOptions } from '../../deploy/program.js';
import { planRecorder } from '../../deploy/recorder-plan.js';
import { estimateTracking, type TrackedListingLookup } from '../../deploy/tracking-estimate.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const ORG = {
  id: 'o-7k2qv9x4me',
  root: 'r-4f8d',
  // This account (the management account), two workload accounts and a suspended one.
  accounts: [
    { id: ACCOUNT, state: 'ACTIVE' },
    { id: '210987654321', state: 'ACTIVE' },
    { id: '345678901234', state: 'ACTIVE' },
    { id: '456789012345', state: 'SUSPENDED' },
  ],
};

export interface MockResource {
  type: string;
  name: string;
  inputs: Record<string, any>;
  urn: string;
  /** Names of the resources it depends on (dependsOn and inputs). */
  dependsOn: string[];
  /** The outputs the mocks gave it (inputs, arn, id). */
  state?: Record<string, any>;
  parent?: string;
  /** The retainOnDelete option: `pulumi destroy` leaves the cloud resource in place. */
  retainOnDelete?: boolean;
  /** The deleteBeforeReplace option. */
  deleteBeforeReplace?: boolean;
  /** The replaceOnChanges option's property paths. */
  replaceOnChanges?: string[];
  /** The aliases the SDK sent for it (earlier URNs, or specs). */
  aliases?: Record<string, unknown>[];
}

export interface DeployRun {
  resources: MockResource[];
  deployed: DeployedPack;
  ofType(type: string): MockResource[];
  named(name: string): MockResource;
}

/** A placeholder for a function's code, so most scenarios need no esbuild run. */
export const stubCode: DeployOptions['code'] = () =>
  new pulumi.asset.AssetArchive({ 'index.js': new pulumi.asset.StringAsset('exports.handler = async () => ({});') });
/** The same for the capture function. */
export const stubTrackerCode: DeployOptions['trackerCode'] = () =>
  new pulumi.asset.AssetArchive({ 'index.js': new pulumi.asset.StringAsset('exports.handler = async () => ({});') });
/** The version id the mocked registry gives every registered type (as RegisterType numbers a first version). */
export const MOCK_VERSION_ID = '00000001';

const nameOfUrn = (urn: string) => urn.split('::').pop()!;

function arnOf(type: string, name: string, inputs: Record<string, any>): string {
  const physical = inputs.name ?? name;
  switch (type) {
    case 'aws:iam/role:Role':
      return `arn:aws:iam::${ACCOUNT}:role/${physical}`;
    case 'aws:lambda/function:Function':
      return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${physical}`;
    case 'aws:cloudwatch/logGroup:LogGroup':
      return `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${physical}`;
    case 'aws:s3/bucket:Bucket':
      return `arn:aws:s3:::${inputs.bucket}`;
    case 'aws:sns/topic:Topic':
      return `arn:aws:sns:${REGION}:${ACCOUNT}:${physical}`;
    case 'aws:cloudwatch/eventRule:EventRule':
      return `arn:aws:events:${REGION}:${ACCOUNT}:rule/${physical}`;
    case 'aws:cfg/rule:Rule':
      return `arn:aws:config:${REGION}:${ACCOUNT}:config-rule/config-rule-${physical.length}`;
    case 'aws:cloudwatch/eventBus:EventBus':
      return `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${physical}`;
    case 'aws:cloudformation/cloudFormationType:CloudFormationType': {
      const typeName = String(inputs.typeName).replaceAll('::', '-');
      return `arn:aws:cloudformation:${REGION}:${ACCOUNT}:type/resource/${typeName}/${MOCK_VERSION_ID}`;
    }
    default:
      return `arn:aws:mock:${REGION}:${ACCOUNT}:${type.split(':').pop()}/${physical}`;
  }
}

/** Provider functions the last program run called. */
export const invokes: string[] = [];

/** What the mocked AWS answers beyond the defaults. */
export interface MockWorld {
  /** The organization's management account (DescribeOrganization's MasterAccountId); default: this account. */
  managementAccount?: string;
}

function mocks(resources: MockResource[], world: MockWorld): pulumi.runtime.Mocks {
  return {
    newResource(args) {
      const arn = arnOf(args.type, args.name, args.inputs);
      const id = args.type === 'aws:s3/bucket:Bucket' ? args.inputs.bucket : (args.inputs.name ?? `${args.name}-id`);
      const state: Record<string, unknown> = { ...args.inputs, arn, id };
      if (args.type === 'aws:cfg/recorder:Recorder') state.name = args.inputs.name ?? 'default';
      if (args.type === 'aws:kms/key:Key') state.keyId = id;
      if (args.type === 'aws:cloudformation/cloudFormationType:CloudFormationType') {
        state.versionId = MOCK_VERSION_ID;
        state.typeArn = arn.replace(`/${MOCK_VERSION_ID}`, '');
      }
      const record = resources.find((r) => r.name === args.name && r.type === args.type);
      if (record) {
        record.inputs = args.inputs;
        record.state = state;
      }
      return { id, state };
    },
    call(args) {
      invokes.push(args.token);
      switch (args.token) {
        case 'aws:index/getCallerIdentity:getCallerIdentity':
          return {
            accountId: ACCOUNT,
            arn: `arn:aws:iam::${ACCOUNT}:user/platform-deployer`,
            userId: 'AIDAEXAMPLEDEPLOYER01',
            id: ACCOUNT,
          };
        case 'aws:index/getPartition:getPartition':
          return { partition: 'aws', dnsSuffix: 'amazonaws.com', reverseDnsPrefix: 'com.amazonaws', id: 'aws' };
        case 'aws:index/getRegion:getRegion':
          return {
            name: REGION,
            region: REGION,
            description: 'US East (N. Virginia)',
            endpoint: `ec2.${REGION}.amazonaws.com`,
            id: REGION,
          };
        case 'aws:organizations/getOrganization:getOrganization':
          return {
            id: ORG.id,
            arn: `arn:aws:organizations::${ACCOUNT}:organization/${ORG.id}`,
            masterAccountId: world.managementAccount ?? ACCOUNT,
            accounts: ORG.accounts.map((a) => ({
              ...a,
              status: a.state,
              arn: `arn:aws:organizations::${ACCOUNT}:account/${ORG.id}/${a.id}`,
              name: a.id,
              email: `aws+${a.id}@example.com`,
            })),
            roots: [
              {
                id: ORG.root,
                arn: `arn:aws:organizations::${ACCOUNT}:root/${ORG.id}/${ORG.root}`,
                name: 'Root',
                policyTypes: [],
              },
            ],
          };
        default:
          throw new Error(`unexpected invoke ${args.token}`);
      }
    },
  };
}

/** Install the mocks and the stack configuration (keys without the namespace). */
export async function installMocks(raw: RawStackConfig, world: MockWorld = {}): Promise<MockResource[]> {
  const resources: MockResource[] = [];
  invokes.length = 0;
  await pulumi.runtime.setMocks(mocks(resources, world), NAMESPACE, 'test', false);
  const monitor = pulumi.runtime.getMonitor() as any;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, callback: any) => {
    const urn = `urn:pulumi:test::${NAMESPACE}::${req.getType()}::${req.getName()}`;
    const parent = req.getParent() ? nameOfUrn(req.getParent()) : undefined;
    resources.push({
      type: req.getType(),
      name: req.getName(),
      inputs: {},
      urn,
      dependsOn: (req.getDependenciesList() as string[]).map(nameOfUrn),
      ...(parent ? { parent } : {}),
      ...(req.getRetainondelete() ? { retainOnDelete: true } : {}),
      ...(req.getDeletebeforereplace() ? { deleteBeforeReplace: true } : {}),
      ...(req.getReplaceonchangesList().length > 0 ? { replaceOnChanges: req.getReplaceonchangesList() } : {}),
      ...(req.getAliasesList().length > 0 ? { aliases: req.getAliasesList().map((a: any) => a.toObject()) } : {}),
    });
    return register(req, callback);
  };
  const namespaced: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) if (value !== undefined) namespaced[`${NAMESPACE}:${key}`] = value;
  pulumi.runtime.setAllConfig(namespaced);
  return resources;
}

/** Wait until every registration the program started has reached the mocks. */
export async function settle(): Promise<void> {
  await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
}

export function view(resources: MockResource[], deployed: DeployedPack): DeployRun {
  return {
    resources,
    deployed,
    ofType: (type) => resources.filter((r) => r.type === type),
    named(name) {
      const found = resources.filter((r) => r.name === name);
      if (found.length !== 1) throw new Error(`expected one resource named ${name}, found ${found.length}`);
      return found[0]!;
    },
  };
}

export interface RunOptions extends DeployOptions {
  /** Answers the program's look at this Region's recorder (deploy/existing-recorder.ts); default: nothing recorded. */
  lookup?: RecordingLookup;
  /** Answers the preview's count of tracked resources (deploy/tracking-estimate.ts); without one, no count. */
  trackedListing?: TrackedListingLookup;
  /** The preview's clock, for the count. */
  now?: Date;
}

/** Run the program with this stack configuration and collect what it registers. */
export function runDeploy(raw: RawStackConfig, options: RunOptions = {}, world: MockWorld = {}): Promise<DeployRun> {
  return withShortStacks(async () => {
    const resources = await installMocks(raw, world);
    const { lookup = async () => NOTHING_RECORDED, trackedListing, now, ...deploy } = options;
    const config = readStackConfig();
    const trackingEstimate = trackedListing ? await estimateTracking(config, trackedListing, now) : [];
    const deployed = deployPack(config, {
      code: stubCode,
      trackerCode: stubTrackerCode,
      recorder: await planRecorder(config, lookup),
      trackingEstimate,
      ...deploy,
    });
    await settle();
    return view(resources, deployed);
  });
}

/**
 * Run with short stack traces, not mapped through the source maps. Pulumi's runtime takes a stack
 * trace for every promise it makes (runtime/debuggable.js, for a leak report it prints at exit), and
 * mapping each as it was taken, ten frames deep, was over half of a program run's time. An error the
 * program throws keeps three frames, the throw site and two callers, and the test runner still maps
 * those when it reports the error: a failure points at the same source lines.
 */
async function withShortStacks<T>(run: () => Promise<T>): Promise<T> {
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  (Error as { prepareStackTrace?: unknown }).prepareStackTrace = undefined;
  Error.stackTraceLimit = 3;
  try {
    return await run();
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
}

/** Every IAM policy document the deploy writes (role trust and inline policies, bucket, topic, Lambda, stack set). */
export function policyDocuments(run: DeployRun): { resource: string; document: any }[] {
  const docs: { resource: string; document: any }[] = [];
  for (const r of run.resources) {
    const texts: unknown[] = [r.inputs.policy, r.inputs.assumeRolePolicy];
    if (r.type === 'aws:cloudformation/stackSet:StackSet') {
      const template = JSON.parse(r.inputs.templateBody);
      for (const res of Object.values<any>(template.Resources)) {
        texts.push(
          res.Properties?.AssumeRolePolicyDocument,
          ...(res.Properties?.Policies ?? []).map((p: any) => p.PolicyDocument),
        );
      }
    }
    for (const text of texts) {
      if (text === undefined) continue;
      docs.push({ resource: r.name, document: typeof text === 'string' ? JSON.parse(text) : text });
    }
  }
  return docs;
}

export const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

const DEPLOY = join(fileURLToPath(import.meta.url), '..', '..', '..', 'deploy');
// js-yaml ships with @pulumi/pulumi, which reads the same files.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): any };

/** A stack file's config as the Pulumi engine hands it to a program: scalars as strings, the rest as JSON. */
export function stackFileConfig(file: string): RawStackConfig {
  const config = yaml.load(readFileSync(join(DEPLOY, file), 'utf8')).config as Record<string, unknown>;
  const raw: RawStackConfig = {};
  for (const [key, value] of Object.entries(config)) {
    if (!key.startsWith(`${NAMESPACE}:`)) continue;
    raw[key.slice(NAMESPACE.length + 1)] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return raw;
}

/** `n` distinct 12-digit member account ids (none is ACCOUNT). */
export const memberAccountIds = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => String(400_000_000_000 + i * 7919));

/** A stack the quota checks and the rehearsal cover: its configuration, and what AWS answers beyond the defaults. */
export interface Scenario {
  config: () => RawStackConfig;
  world?: MockWorld;
}

/** The management account when this account (ACCOUNT) deploys as a delegated administrator. */
export const DELEGATED_ADMIN_WORLD: MockWorld = { managementAccount: '345678901234' };

/**
 * The stacks the quota checks and the rehearsal cover: the shipped example, the whole pack, the
 * longest name prefix, an organization of 1,000 accounts, and one deployed from a delegated
 * administrator (the management account excluded).
 */
export const SCENARIOS: Record<string, Scenario> = {
  'the example stack': { config: () => stackFileConfig('Pulumi.example.yaml') },
  'the whole pack': { config: () => ({ remediation: 'automatic' }) },
  'the longest name prefix': {
    config: () => ({
      namePrefix: 'Platform-ML-Compliance1-',
      remediation: 'automatic',
      deliveryBucketEncryption: 'KMS',
    }),
  },
  'organization mode with 1,000 accounts': {
    config: () => ({
      organization: 'true',
      memberRecorder: 'create',
      deliveryBucketEncryption: 'KMS',
      memberAccounts: JSON.stringify(memberAccountIds(999)),
      memberOrganizationalUnits: JSON.stringify(['ou-4f8d-1a2b3c4d']),
      excludedAccounts: JSON.stringify(memberAccountIds(1000).map((id) => String(Number(id) + 1))),
      scopeTagKey: 'ml-pipeline',
    }),
  },
  'organization mode from a delegated administrator': {
    config: () => ({
      organization: 'true',
      delegatedAdmin: 'true',
      memberRecorder: 'existing',
      excludedAccounts: JSON.stringify(['456789012345']),
      remediation: 'off',
      notifications: JSON.stringify(['ml-platform-oncall@example.com']),
    }),
    world: DELEGATED_ADMIN_WORLD,
  },
};

/** An output's value once the mocks have resolved it. */
export const resolved = <T>(output: pulumi.Output<T>): Promise<T> =>
  new Promise((resolve) => output.apply((v) => resolve(v)));
