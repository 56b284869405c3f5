// MlConfigRules: the whole deploy as one Pulumi component, for a stack that already exists (the
// package's `ml-config-rules/pulumi` export; from Python and other languages through the
// component provider in provider.ts). Its arguments are the stack configuration's keys, typed,
// and pass through the same validation as the stack file's values (config.ts), so a value the
// stack program refuses is refused here with the same message. Every resource is a child named
// under the component's name, so two components fit in one stack: two Regions (each with its
// own provider), or two rule selections (each with its own namePrefix).
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type {
  CreateRecorder,
  DeliveryBucketEncryption,
  ManagementAccount,
  MemberRecorder,
  RecordingFrequency,
  Remediation,
  SnapshotFrequency,
  Tracking,
} from './component-enums.js';
import { CONFIG_KEYS, parseStackConfig, type RawStackConfig, type StackConfig } from './config.js';
import { stackRecordingLookup, type ProviderSettings } from './existing-recorder.js';
import { deployPack, type DeployedPack } from './program.js';
import { planRecorder } from './recorder-plan.js';
import { estimateTracking, stackTrackedListing } from './tracking-estimate.js';

/** The component's type token: `<package>:index:<class>`, as Pulumi's component providers name it. */
export const COMPONENT_TYPE = 'ml-config-rules:index:MlConfigRules';

/** An accepted exception (the stack key `suppressions`): Config records the resource NOT_APPLICABLE with the reason. */
export interface Suppression {
  /** The rule id. */
  id: string;
  /** A resource id or ARN; `*` matches any run of characters. */
  resource: string;
  /** Why the exception is accepted; required. */
  reason: string;
  /** YYYY-MM-DD: the last day the suppression holds. */
  expires?: string;
}

/** The stack configuration's keys (docs/deploy.md), typed; every one optional, with the same defaults. */
export interface MlConfigRulesArgs {
  /** Rule ids to deploy; default: every rule. */
  rules?: string[];
  /** Rule id → parameter name → value, validated against that rule's own parameters. */
  parameters?: { [ruleId: string]: { [name: string]: string } };
  /** Evaluate only resources with this tag key (every rule). */
  scopeTagKey?: string;
  /** With scopeTagKey: only resources whose tag has this value. */
  scopeTagValue?: string;
  /** Prefix of every AWS name (default ml-config-); two components in one account and Region need two prefixes. */
  namePrefix?: string;
  /** auto (default), true or false: adopt, extend or leave this Region's recorder (docs/deploy.md). */
  createRecorder?: CreateRecorder;
  recordingFrequency?: RecordingFrequency;
  snapshotFrequency?: SnapshotFrequency;
  deliveryTopicArn?: string;
  accessLogBucket?: string;
  retainDeliveryBucket?: boolean;
  deliveryBucketEncryption?: DeliveryBucketEncryption;
  remediation?: Remediation;
  remediationAttempts?: number;
  remediationRetrySeconds?: number;
  organization?: boolean;
  excludedAccounts?: string[];
  memberRecorder?: MemberRecorder;
  memberAccounts?: string[];
  memberOrganizationalUnits?: string[];
  memberRoleName?: string;
  delegatedAdmin?: boolean;
  managementAccount?: ManagementAccount;
  lambdaRuntime?: string;
  logRetentionDays?: number;
  /** A topic ARN, comma-separated e-mail addresses, or off; default: a new topic, no subscriptions. */
  notifications?: string;
  tracking?: Tracking;
  trackingNamespace?: string;
  trackingRetentionDays?: number;
  suppressions?: Suppression[];
}

/**
 * The arguments as the stack file would hold them: strings, with lists and maps as JSON (how the
 * Pulumi engine hands a stack's values to its program). A string passes through unchanged.
 */
export function stackValuesOf(args: MlConfigRulesArgs): RawStackConfig {
  const raw: RawStackConfig = {};
  for (const [key, value] of Object.entries(args ?? {})) {
    if (value === undefined || value === null) continue;
    if (!Object.hasOwn(CONFIG_KEYS, key)) {
      raw[key] = String(value); // refused by parseStackConfig, naming the key
      continue;
    }
    raw[key] = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return raw;
}

/** The region and profile of the component's AWS provider, for the look at this Region's recorder. */
async function providerSettingsOf(
  opts: pulumi.ComponentResourceOptions | undefined,
): Promise<ProviderSettings | undefined> {
  const provider =
    opts?.provider ?? (Array.isArray(opts?.providers) ? undefined : (opts?.providers as Record<string, unknown>)?.aws);
  if (!(provider instanceof aws.Provider)) return undefined;
  const [region, profile] = await new Promise<[string | undefined, string | undefined]>((resolve) =>
    pulumi.all([provider.region, provider.profile]).apply(resolve),
  );
  return { ...(region ? { region } : {}), ...(profile ? { profile } : {}) };
}

export class MlConfigRules extends pulumi.ComponentResource {
  /** The Config rule names. */
  public readonly configRules: pulumi.Output<string[]>;
  /** Rule id → its Lambda function's ARN. */
  public readonly functions: pulumi.Output<{ [ruleId: string]: string }>;
  /** The delivery bucket the component created ('' where it adopted a recorder). */
  public readonly deliveryBucket: pulumi.Output<string>;
  /** The compliance-change topic ('' with notifications off). */
  public readonly notificationTopicArn: pulumi.Output<string>;
  /** The recorder the component created ('' where it adopted or extended one, or createRecorder is false). */
  public readonly recorder: pulumi.Output<string>;
  /** The tracking capture function ('' with tracking off). */
  public readonly captureFunction: pulumi.Output<string>;
  /** The tracked CloudFormation type names (empty with tracking off). */
  public readonly trackedTypes: pulumi.Output<string[]>;
  /** The account's own recorder the rules use, adopted or extended ('' where the component created one or left it alone). */
  public readonly existingRecorder: pulumi.Output<string>;
  /** Organization mode: the aggregator ('' otherwise). */
  public readonly aggregator: pulumi.Output<string>;
  /** Organization mode: the stack set of the member role ('' otherwise). */
  public readonly memberRoleStackSet: pulumi.Output<string>;
  /** Organization mode: the member role's template, deployed by hand in the management account with managementAccount include. */
  public readonly memberRoleTemplate: pulumi.Output<string>;

  constructor(name: string, args: MlConfigRulesArgs, opts?: pulumi.ComponentResourceOptions) {
    super(COMPONENT_TYPE, name, {}, opts);
    // Synchronous, before any resource: a wrong value fails the preview naming its key.
    const config = parseStackConfig(stackValuesOf(args));
    const deployed = this.deploy(name, config, opts);
    const part = <T>(pick: (d: DeployedPack) => pulumi.Input<T>) =>
      pulumi.output(deployed.then(pick)) as pulumi.Output<T>;
    this.configRules = part((d) => pulumi.all(d.pack.rules.map((r) => r.name)));
    this.functions = part((d) =>
      pulumi.all(Object.fromEntries(d.pack.rules.map((r) => [r.rule.id, r.function.arn] as const))),
    );
    this.deliveryBucket = part((d) => d.delivery?.bucket.id ?? '');
    this.notificationTopicArn = part((d) => d.notifications?.topicArn ?? '');
    this.recorder = part((d) => d.recorder?.recorder.name ?? '');
    this.captureFunction = part((d) => d.tracking?.capture.fn.name ?? '');
    this.trackedTypes = part((d) => pulumi.all(d.tracking?.registrations.map((r) => r.typeName) ?? []));
    this.existingRecorder = part((d) =>
      d.recorderPlan.action === 'adopt' || d.recorderPlan.action === 'extend' ? d.recorderPlan.recorder : '',
    );
    this.aggregator = part((d) => d.organization?.aggregator.name ?? '');
    this.memberRoleStackSet = part((d) => d.organization?.stackSet.name ?? '');
    this.memberRoleTemplate = part((d) => d.organization?.stackSet.templateBody ?? '');
    this.registerOutputs({
      configRules: this.configRules,
      functions: this.functions,
      deliveryBucket: this.deliveryBucket,
      notificationTopicArn: this.notificationTopicArn,
      recorder: this.recorder,
      captureFunction: this.captureFunction,
      trackedTypes: this.trackedTypes,
      existingRecorder: this.existingRecorder,
      aggregator: this.aggregator,
      memberRoleStackSet: this.memberRoleStackSet,
      memberRoleTemplate: this.memberRoleTemplate,
    });
  }

  /** Look at this Region's recorder (and, at preview, what tracking would keep), then deploy. */
  private async deploy(name: string, config: StackConfig, opts?: pulumi.ComponentResourceOptions) {
    const settings = await providerSettingsOf(opts);
    // `pulumi up` runs the program twice, for its preview and for the update: the count is made once.
    const trackingEstimate = pulumi.runtime.isDryRun()
      ? await estimateTracking(config, stackTrackedListing(settings))
      : [];
    const recorder = await planRecorder(config, stackRecordingLookup(settings));
    return deployPack(config, { recorder, trackingEstimate, component: { name, resource: this } });
  }
}
