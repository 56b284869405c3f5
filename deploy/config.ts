// Stack configuration (namespace `ml-config-rules`), read and validated once, before any
// resource exists: an unknown key, rule id or parameter, or a malformed value fails the preview
// with a message naming the key (and the rule and parameter), never a half-made deploy.
import * as pulumi from '@pulumi/pulumi';
import { RuleError } from '../rules/_core/errors.js';
import { parseParams } from '../rules/_core/params.js';
import { parseSuppressions, type Suppression } from '../rules/_core/suppressions.js';
import type { Frequency, Rule } from '../rules/_core/rule.js';
import { noInventoryAdapter } from '../rules/_core/inventory.js';
import { inventoryTypesOf } from '../rules/_core/recording.js';
import { inventoryLoaders } from '../rules/_inventory/index.js';
import { DEFAULT_TRACKING_NAMESPACE, namespaceProblem } from '../rules/_tracking/names.js';
import { DEFAULT_RETENTION_DAYS } from '../rules/_tracking/reconcile.js';
import { builtNameProblem, builtNames, namePrefixProblem } from './built-names.js';
import { DEFAULT_NAME_PREFIX } from './names.js';
import { rules as registry } from '../rules/index.js';

export const NAMESPACE = 'ml-config-rules';

export type RemediationMode = 'off' | 'manual' | 'automatic';
export type RecordingFrequency = 'CONTINUOUS' | 'DAILY';
export type MemberRecorder = 'create' | 'existing';
/** auto: adopt this Region's recorder, or create one where none exists; true: also extend it; false: leave it alone (recorder-plan.ts). */
export type CreateRecorder = 'auto' | boolean;
export type ManagementAccount = 'exclude' | 'include';
export type DeliveryBucketEncryption = 'SSE-S3' | 'KMS';

export interface Notifications {
  /** An existing SNS topic; otherwise the deploy creates one. */
  topicArn?: string;
  /** E-mail subscriptions to the created topic. */
  emails: string[];
}

export interface StackConfig {
  /** The selected rules, in registry order. */
  rules: Rule[];
  /** Per selected rule: its validated InputParameters (strings), tag scope included. */
  inputParameters: Record<string, Record<string, string>>;
  scopeTagKey?: string;
  scopeTagValue?: string;
  namePrefix: string;
  createRecorder: CreateRecorder;
  recordingFrequency: RecordingFrequency;
  snapshotFrequency: Frequency;
  deliveryTopicArn?: string;
  accessLogBucket?: string;
  retainDeliveryBucket: boolean;
  deliveryBucketEncryption: DeliveryBucketEncryption;
  remediation: RemediationMode;
  remediationAttempts: number;
  remediationRetrySeconds: number;
  organization: boolean;
  excludedAccounts: string[];
  /** Organization mode: the stack set creates a recorder in every member account, or they already record. */
  memberRecorder?: MemberRecorder;
  memberAccounts?: string[];
  memberOrganizationalUnits?: string[];
  memberRoleName: string;
  delegatedAdmin: boolean;
  /** From a delegated administrator: the organization rules exclude the management account, or evaluate it (management-account.ts). */
  managementAccount: ManagementAccount;
  lambdaRuntime: string;
  logRetentionDays: number;
  /** undefined: notifications are off. */
  notifications?: Notifications;
  /** The pack records training jobs, endpoints, pipelines... in Config itself (docs/tracking.md). */
  tracking: boolean;
  /** The first part of the tracked type names (`<namespace>::SageMaker::TrainingJob`). */
  trackingNamespace: string;
  /** The daily reconcile deletes the items of jobs and executions created longer ago. */
  trackingRetentionDays: number;
  /** Per selected rule: its accepted exceptions, which its function reports NOT_APPLICABLE naming the reason. */
  suppressions: Record<string, Suppression[]>;
}

/** Every key of the namespace with its default (as the README shows it) and what it does. */
export const CONFIG_KEYS = {
  rules: { default: 'all rules', description: 'Rule ids to deploy (a list, or comma-separated).' },
  parameters: { default: '{}', description: "Rule id → parameter map, validated against that rule's own parameters." },
  scopeTagKey: { default: 'unset', description: 'Evaluate only resources with this tag key (every rule).' },
  scopeTagValue: { default: 'unset', description: 'With scopeTagKey: only resources whose tag has this value.' },
  namePrefix: {
    default: 'ml-config-',
    description:
      'Prefix of every name (a letter, then letters, digits and hyphens; 24 at most); Config rule name = prefix + rule id.',
  },
  createRecorder: {
    default: 'auto',
    description:
      "auto: adopt this Region's recorder, or create one (with bucket and channel) where none exists; true: also add missing types to it; false: never read or change it.",
  },
  recordingFrequency: { default: 'CONTINUOUS', description: 'CONTINUOUS or DAILY recording.' },
  snapshotFrequency: {
    default: 'TwentyFour_Hours',
    description: 'How often Config delivers a configuration snapshot.',
  },
  deliveryTopicArn: { default: 'unset', description: 'SNS topic the delivery channel notifies.' },
  accessLogBucket: {
    default: 'unset',
    description: "Existing bucket that receives the delivery bucket's server access logs.",
  },
  retainDeliveryBucket: {
    default: 'true',
    description: 'Keep the delivery bucket (the configuration history) on `pulumi destroy`.',
  },
  deliveryBucketEncryption: {
    default: 'SSE-S3',
    description: 'SSE-S3, or KMS: a customer-managed key the deploy creates for the delivery bucket.',
  },
  remediation: { default: 'manual', description: 'off, manual or automatic, for rules that name an SSM document.' },
  remediationAttempts: { default: '5', description: 'Automatic remediation: attempts per resource (1-25).' },
  remediationRetrySeconds: { default: '60', description: 'Automatic remediation: seconds between attempts.' },
  organization: {
    default: 'false',
    description: 'Organization rules, an aggregator and member roles (management or delegated administrator account).',
  },
  excludedAccounts: { default: '[]', description: 'Organization mode: accounts the rules skip (at most 1,000).' },
  memberRecorder: {
    default: 'required',
    description: 'Organization mode: create (a recorder in every member account) or existing (they already record).',
  },
  memberAccounts: {
    default: 'all active accounts',
    description: 'Organization mode: accounts whose Config may invoke the functions.',
  },
  memberOrganizationalUnits: {
    default: 'the organization root',
    description: 'Organization mode: where the stack set deploys the member role.',
  },
  memberRoleName: {
    default: 'ml-config-rules-evaluator',
    description: 'Organization mode: the role the functions assume in member accounts.',
  },
  delegatedAdmin: {
    default: 'false',
    description: 'Organization mode: deploying from a delegated administrator account.',
  },
  managementAccount: {
    default: 'exclude',
    description:
      'From a delegated administrator: exclude the management account from the organization rules, or include it (you create the member role there).',
  },
  lambdaRuntime: { default: 'nodejs22.x', description: 'Lambda runtime of the functions (nodejs22.x or later).' },
  logRetentionDays: { default: '30', description: "Retention of each function's log group." },
  notifications: {
    default: 'a new topic, no subscriptions',
    description: 'Compliance-change notifications: a topic ARN, e-mail addresses, or off.',
  },
  tracking: {
    default: 'on',
    description:
      'on: record training jobs, processing jobs, endpoints, pipelines and their executions, model packages and groups in Config (registered types, a capture function); off: list them on a schedule.',
  },
  trackingNamespace: {
    default: DEFAULT_TRACKING_NAMESPACE,
    description: 'With tracking on: the first part of the recorded type names (<namespace>::SageMaker::TrainingJob).',
  },
  trackingRetentionDays: {
    default: String(DEFAULT_RETENTION_DAYS),
    description:
      'With tracking on: the items of jobs and pipeline executions created longer ago are deleted from Config (1-3650).',
  },
  suppressions: {
    default: '[]',
    description:
      'Accepted exceptions: a list of {id, resource, reason, expires}; Config records those resources NOT_APPLICABLE with the reason.',
  },
} as const;

export type RawStackConfig = Partial<Record<string, string>>;

/** A stack configuration value is wrong; the message names the key. */
export class StackConfigError extends RuleError {
  override name = 'StackConfigError';
}

const fail = (key: string, message: string): never => {
  throw new StackConfigError(`${NAMESPACE}:${key}: ${message}`);
};

const FREQUENCIES: readonly Frequency[] = ['One_Hour', 'Three_Hours', 'Six_Hours', 'Twelve_Hours', 'TwentyFour_Hours'];
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];
const ACCOUNT_ID = /^\d{12}$/;
/** Ten years: longer would keep every job ever run, and Config's 100,000 active items run out first. */
export const TRACKING_RETENTION_MAX = 3650;
const EMAIL = /^[^@\s,]+@[^@\s,]+\.[^@\s,]+$/;
/**
 * Lambda holds at most 4 KB of environment variables per function
 * (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html); a rule's suppressions
 * travel there, so they are kept well under it.
 */
const SUPPRESSIONS_ENV_MAX = 3072;
/** Config takes InputParameters of at most 1024 characters. */
const INPUT_PARAMETERS_MAX = 1024;
/** PutOrganizationConfigRule takes at most 1,000 ExcludedAccounts (API reference, ExcludedAccounts). */
export const EXCLUDED_ACCOUNTS_MAX = 1000;

/** A value that holds JSON (objects and lists set in the stack file arrive as JSON strings). */
function json(key: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fail(key, `is not valid JSON: ${text.slice(0, 60)}`);
  }
}

/** A list: a YAML list, or a comma-separated string. */
function list(key: string, text: string | undefined): string[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = text.trim().startsWith('[') ? json(key, text) : text.split(',');
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) return fail(key, 'must be a list of strings');
  return (value as string[]).map((v) => v.trim()).filter((v) => v !== '');
}

function bool(key: string, text: string | undefined, fallback: boolean): boolean {
  if (text === undefined || text === '') return fallback;
  if (text === 'true' || text === 'false') return text === 'true';
  return fail(key, `must be true or false, got ${JSON.stringify(text)}`);
}

/** `on` or `off` (`true` and `false` too: YAML 1.1 readers turn a bare on/off into a boolean). */
function onOff(key: string, text: string | undefined, fallback: boolean): boolean {
  if (text === undefined || text === '') return fallback;
  if (text === 'on' || text === 'true') return true;
  if (text === 'off' || text === 'false') return false;
  return fail(key, `must be on or off, got ${JSON.stringify(text)}`);
}

function createRecorderOf(text: string | undefined): CreateRecorder {
  const value = oneOf('createRecorder', text, ['auto', 'true', 'false'] as const, 'auto');
  return value === 'auto' ? value : value === 'true';
}

function oneOf<T extends string>(key: string, text: string | undefined, values: readonly T[], fallback: T): T {
  if (text === undefined || text === '') return fallback;
  if ((values as readonly string[]).includes(text)) return text as T;
  return fail(key, `must be one of ${values.join(', ')}, got ${JSON.stringify(text)}`);
}

function int(key: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    return fail(key, `must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`);
  return n;
}

function accounts(key: string, text: string | undefined): string[] | undefined {
  const ids = list(key, text);
  const bad = ids?.find((id) => !ACCOUNT_ID.test(id));
  if (bad !== undefined) fail(key, `${JSON.stringify(bad)} is not a 12-digit account id`);
  return ids;
}

function selectRules(text: string | undefined, all: readonly Rule[]): Rule[] {
  const ids = list('rules', text);
  if (!ids) return [...all];
  const known = new Set(all.map((r) => r.id));
  for (const id of ids) if (!known.has(id)) fail('rules', `unknown rule id "${id}" (known: ${[...known].join(', ')})`);
  if (ids.length === 0) fail('rules', 'selects no rule');
  return all.filter((r) => ids.includes(r.id));
}

/** A parameter value as Config carries it: a string (lists comma-joined). */
function parameterString(ruleId: string, name: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(',');
  return fail('parameters', `rule ${ruleId}: parameter "${name}" must be a string, number, boolean or list of strings`);
}

function inputParametersFor(
  selected: Rule[],
  text: string | undefined,
  scope: { scopeTagKey?: string; scopeTagValue?: string },
): Record<string, Record<string, string>> {
  const given = text === undefined || text.trim() === '' ? {} : json('parameters', text);
  if (given === null || typeof given !== 'object' || Array.isArray(given))
    return fail('parameters', 'must be a map of rule id to a parameter map');
  const byId = new Map(selected.map((r) => [r.id, r]));
  for (const id of Object.keys(given)) {
    if (!byId.has(id)) {
      const known = registry.some((r) => r.id === id);
      fail('parameters', known ? `rule ${id} is not selected in ${NAMESPACE}:rules` : `unknown rule id "${id}"`);
    }
  }
  const out: Record<string, Record<string, string>> = Object.create(null);
  for (const rule of selected) {
    const own = (Object.hasOwn(given, rule.id) ? (given as Record<string, unknown>)[rule.id] : undefined) ?? {};
    if (own === null || typeof own !== 'object' || Array.isArray(own))
      fail('parameters', `rule ${rule.id}: must be a map of parameter names to values`);
    const params: Record<string, string> = Object.create(null);
    if (scope.scopeTagKey !== undefined) params.scopeTagKey = scope.scopeTagKey;
    if (scope.scopeTagValue !== undefined) params.scopeTagValue = scope.scopeTagValue;
    for (const [name, value] of Object.entries(own as Record<string, unknown>))
      params[name] = parameterString(rule.id, name, value);
    try {
      parseParams(rule.id, rule.parameters, params);
    } catch (error) {
      fail('parameters', (error as Error).message);
    }
    const length = JSON.stringify(params).length;
    if (length > INPUT_PARAMETERS_MAX)
      fail(
        'parameters',
        `rule ${rule.id}: parameters are ${length} characters as JSON; Config takes at most ${INPUT_PARAMETERS_MAX}`,
      );
    out[rule.id] = params;
  }
  return out;
}

/**
 * Organization rules deploy to a member account only once it records (Config retries for 7 hours,
 * then fails), and a member that already records (Control Tower) refuses a second recorder: the
 * choice cannot be defaulted.
 */
function memberRecorderOf(text: string | undefined): MemberRecorder {
  if (text === 'create' || text === 'existing') return text;
  return fail(
    'memberRecorder',
    `${text === undefined || text === '' ? 'is required with organization true' : `must be create or existing, got ${JSON.stringify(text)}`}: ` +
      'organization rules deploy to a member account only while it records. "create": the stack set also creates a ' +
      "recorder and delivery channel in every member account, delivering to this account's delivery bucket. " +
      '"existing": every member account already records (for example through Control Tower), which refuses a second recorder.',
  );
}

/** `suppressions`: each checked (a selected rule, a resource, a reason, an expiry not past), grouped by rule. */
function suppressionsOf(text: string | undefined, selected: Rule[], now = new Date()): Record<string, Suppression[]> {
  if (text === undefined || text.trim() === '') return {};
  const ids = selected.map((r) => r.id);
  let all: Suppression[];
  try {
    all = parseSuppressions(json('suppressions', text), `${NAMESPACE}:suppressions`, {
      now,
      withResource: true,
      ruleIds: ids,
      hint: (id) => (registry.some((r) => r.id === id) ? `not selected in ${NAMESPACE}:rules` : 'no such rule'),
    });
  } catch (error) {
    throw new StackConfigError((error as Error).message);
  }
  const byRule: Record<string, Suppression[]> = Object.create(null);
  for (const s of all) (byRule[s.id] ??= []).push(s);
  for (const [id, list] of Object.entries(byRule)) {
    const size = JSON.stringify(list).length;
    if (size > SUPPRESSIONS_ENV_MAX)
      fail('suppressions', `rule ${id}: ${size} characters of suppressions; a function's environment holds 4 KB`);
  }
  return byRule;
}

function notificationsOf(text: string | undefined): Notifications | undefined {
  if (text === undefined || text.trim() === '') return { emails: [] };
  if (text.trim() === 'off') return undefined;
  if (text.trim().startsWith('arn:')) {
    if (!/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]+$/.test(text.trim()))
      fail('notifications', `${JSON.stringify(text)} is not an SNS topic ARN`);
    return { topicArn: text.trim(), emails: [] };
  }
  const emails = list('notifications', text) ?? [];
  const bad = emails.find((e) => !EMAIL.test(e));
  if (bad !== undefined)
    fail('notifications', `${JSON.stringify(bad)} is neither an SNS topic ARN, an e-mail address nor off`);
  return { emails };
}

/** Validate the namespace's raw values (keys without the namespace) into a stack configuration. */
export function parseStackConfig(raw: RawStackConfig, all: readonly Rule[] = registry): StackConfig {
  for (const key of Object.keys(raw)) {
    // Own keys only: `constructor` is not a configuration key because every object inherits it.
    if (!Object.hasOwn(CONFIG_KEYS, key)) fail(key, `unknown key (known keys: ${Object.keys(CONFIG_KEYS).join(', ')})`);
  }
  const scopeTagKey = raw.scopeTagKey || undefined;
  const scopeTagValue = raw.scopeTagValue || undefined;
  if (scopeTagValue !== undefined && scopeTagKey === undefined)
    fail('scopeTagValue', `needs ${NAMESPACE}:scopeTagKey as well`);
  const selected = selectRules(raw.rules, all);
  const tracking = onOff('tracking', raw.tracking, true);
  if (!tracking) {
    const set = (['trackingNamespace', 'trackingRetentionDays'] as const).find(
      (key) => raw[key] !== undefined && raw[key] !== '',
    );
    if (set) fail(set, `only applies with ${NAMESPACE}:tracking on`);
  }
  const trackingNamespace = raw.trackingNamespace || DEFAULT_TRACKING_NAMESPACE;
  const namespaceIssue = namespaceProblem(trackingNamespace);
  if (namespaceIssue)
    fail(
      'trackingNamespace',
      `${namespaceIssue}: it starts the CloudFormation type names (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_RegisterType.html)`,
    );
  const trackingRetentionDays = int(
    'trackingRetentionDays',
    raw.trackingRetentionDays,
    DEFAULT_RETENTION_DAYS,
    1,
    TRACKING_RETENTION_MAX,
  );
  for (const rule of selected) {
    // A type Config does not record is listed through an adapter: one must exist (recording.ts).
    // With tracking on, the types the pack records need none.
    const missing = inventoryTypesOf(rule, { tracking }).find((type) => !inventoryLoaders[type]);
    if (missing) fail('rules', noInventoryAdapter(rule.id, missing));
  }

  const namePrefix = raw.namePrefix ?? DEFAULT_NAME_PREFIX;
  const prefixProblem = namePrefixProblem(namePrefix);
  if (prefixProblem) fail('namePrefix', prefixProblem);
  const lambdaRuntime = raw.lambdaRuntime || 'nodejs22.x';
  const major = /^nodejs(\d+)\.x$/.exec(lambdaRuntime)?.[1];
  // The bundles target Node.js 22 (scripts/build.ts): older runtimes may lack what they use.
  if (!major || Number(major) < 22)
    fail('lambdaRuntime', `must be nodejs22.x or a later Node.js runtime, got ${JSON.stringify(lambdaRuntime)}`);
  const logRetentionDays = int('logRetentionDays', raw.logRetentionDays, 30, 1, 3653);
  if (!LOG_RETENTION_DAYS.includes(logRetentionDays))
    fail('logRetentionDays', `must be one of ${LOG_RETENTION_DAYS.join(', ')}`);

  const organization = bool('organization', raw.organization, false);
  const orgOnly = [
    'excludedAccounts',
    'memberRecorder',
    'memberAccounts',
    'memberOrganizationalUnits',
    'memberRoleName',
    'delegatedAdmin',
    'managementAccount',
  ] as const;
  if (!organization) {
    const set = orgOnly.find((key) => raw[key] !== undefined && raw[key] !== '');
    if (set) fail(set, `only applies with ${NAMESPACE}:organization true`);
  }
  const memberRecorder = organization ? memberRecorderOf(raw.memberRecorder) : undefined;
  const delegatedAdmin = bool('delegatedAdmin', raw.delegatedAdmin, false);
  // Only a stack deployed from a delegated administrator leaves the management account without the member role.
  if (organization && !delegatedAdmin && raw.managementAccount)
    fail(
      'managementAccount',
      `only applies with ${NAMESPACE}:delegatedAdmin true: deployed from the management account, the functions evaluate it with their own roles`,
    );
  const managementAccount = oneOf(
    'managementAccount',
    raw.managementAccount,
    ['exclude', 'include'] as const,
    'exclude',
  );
  const excludedAccounts = accounts('excludedAccounts', raw.excludedAccounts) ?? [];
  if (excludedAccounts.length > EXCLUDED_ACCOUNTS_MAX) {
    fail(
      'excludedAccounts',
      `lists ${excludedAccounts.length} accounts; organization rules take at most ${EXCLUDED_ACCOUNTS_MAX}`,
    );
  }
  // Checked with the other names the deploy builds, below.
  const memberRoleName = raw.memberRoleName || 'ml-config-rules-evaluator';
  const memberOrganizationalUnits = list('memberOrganizationalUnits', raw.memberOrganizationalUnits);
  const badOu = memberOrganizationalUnits?.find(
    (ou) => !/^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/.test(ou),
  );
  if (badOu !== undefined)
    fail('memberOrganizationalUnits', `${JSON.stringify(badOu)} is not an organization root or OU id`);
  const deliveryTopicArn = raw.deliveryTopicArn || undefined;
  if (deliveryTopicArn && !/^arn:aws[a-z-]*:sns:/.test(deliveryTopicArn))
    fail('deliveryTopicArn', `${JSON.stringify(deliveryTopicArn)} is not an SNS topic ARN`);
  const accessLogBucket = raw.accessLogBucket || undefined;
  if (accessLogBucket && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(accessLogBucket))
    fail('accessLogBucket', `${JSON.stringify(accessLogBucket)} is not a bucket name`);

  const config: StackConfig = {
    rules: selected,
    inputParameters: inputParametersFor(selected, raw.parameters, {
      ...(scopeTagKey !== undefined ? { scopeTagKey } : {}),
      ...(scopeTagValue !== undefined ? { scopeTagValue } : {}),
    }),
    namePrefix,
    createRecorder: createRecorderOf(raw.createRecorder),
    recordingFrequency: oneOf(
      'recordingFrequency',
      raw.recordingFrequency,
      ['CONTINUOUS', 'DAILY'] as const,
      'CONTINUOUS',
    ),
    snapshotFrequency: oneOf('snapshotFrequency', raw.snapshotFrequency, FREQUENCIES, 'TwentyFour_Hours'),
    retainDeliveryBucket: bool('retainDeliveryBucket', raw.retainDeliveryBucket, true),
    deliveryBucketEncryption: oneOf(
      'deliveryBucketEncryption',
      raw.deliveryBucketEncryption,
      ['SSE-S3', 'KMS'] as const,
      'SSE-S3',
    ),
    remediation: oneOf('remediation', raw.remediation, ['off', 'manual', 'automatic'] as const, 'manual'),
    remediationAttempts: int('remediationAttempts', raw.remediationAttempts, 5, 1, 25),
    remediationRetrySeconds: int('remediationRetrySeconds', raw.remediationRetrySeconds, 60, 1, 2_678_000),
    organization,
    excludedAccounts,
    memberRoleName,
    delegatedAdmin,
    managementAccount,
    lambdaRuntime,
    logRetentionDays,
    tracking,
    trackingNamespace,
    trackingRetentionDays,
    suppressions: {},
  };
  const memberAccounts = accounts('memberAccounts', raw.memberAccounts);
  if (memberAccounts) config.memberAccounts = memberAccounts;
  if (memberRecorder) config.memberRecorder = memberRecorder;
  if (memberOrganizationalUnits) config.memberOrganizationalUnits = memberOrganizationalUnits;
  if (scopeTagKey !== undefined) config.scopeTagKey = scopeTagKey;
  if (scopeTagValue !== undefined) config.scopeTagValue = scopeTagValue;
  if (deliveryTopicArn) config.deliveryTopicArn = deliveryTopicArn;
  if (accessLogBucket) config.accessLogBucket = accessLogBucket;
  config.suppressions = suppressionsOf(raw.suppressions, selected);
  const notifications = notificationsOf(raw.notifications);
  if (notifications) config.notifications = notifications;
  // Every name the deploy will build, against its service's rules (organization rule names hold
  // 64 characters where account rules hold 128, bucket names are lowercase...).
  for (const built of builtNames(config)) {
    const problem = builtNameProblem(built);
    if (problem) fail(built.key, problem);
  }
  return config;
}

/** The stack's `ml-config-rules:*` values, as the Pulumi engine hands them to the program. */
export function rawStackConfig(): RawStackConfig {
  const raw: RawStackConfig = {};
  for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
    if (key.startsWith(`${NAMESPACE}:`)) raw[key.slice(NAMESPACE.length + 1)] = value;
  }
  return raw;
}

export const readStackConfig = (): StackConfig => parseStackConfig(rawStackConfig());
