// Every physical name the deploy builds for a stack configuration, with the configuration key it
// comes from and the service rule it must meet (name-rules.ts). The stack configuration checks
// them all in one pass before any resource exists (config.ts), so a prefix AWS would refuse fails
// `pulumi preview` with the key and the offending name, never a half-made deploy.
import { trackedTypes } from '../rules/_tracking/types.js';
import type { StackConfig } from './config.js';
import { nameProblem, NAME_RULES, type NameKind } from './name-rules.js';
import {
  aggregatorName,
  aggregatorRoleName,
  complianceEventRuleName,
  complianceTopicName,
  configRuleName,
  deliveryBucketName,
  deliveryChannelName,
  deliveryKeyAlias,
  evaluatorRoleName,
  forwarderRoleName,
  forwardingRuleName,
  functionLogGroupName,
  functionName,
  memberRecorderRoleName,
  memberRoleStackSetName,
  NAME_PREFIX_MAX,
  recorderName,
  recorderRoleName,
  remediationRoleName,
  schemaBucketName,
  schemaKeyAlias,
  TRACKING_EVENT_RULES,
  trackingBusName,
  trackingEventRuleName,
  trackingFunctionName,
  trackingRoleName,
} from './names.js';

/** The configuration keys a built name comes from. */
export type NameKey = 'namePrefix' | 'memberRoleName' | 'trackingNamespace';

export interface BuiltName {
  key: NameKey;
  kind: NameKind;
  name: string;
}

/**
 * The delivery bucket's name holds the account and Region, known only once the program runs: the
 * check builds it with an account id (always 12 digits) and the longest Region name in the AWS
 * SDK's endpoint data, and DeliveryBucket checks the real name again when it builds it.
 */
export const ACCOUNT_PLACEHOLDER = '123456789012';
export const REGION_PLACEHOLDER = 'us-isof-south-1';

/**
 * The names a deploy of this configuration builds. Names that only some settings create (the
 * recorder, the bucket, the topic) are listed whatever the settings: they hold nothing but the
 * prefix, and a prefix that one stack can use should serve every stack.
 */
export function builtNames(config: StackConfig): BuiltName[] {
  const p = config.namePrefix;
  const names: BuiltName[] = [];
  const add = (kind: NameKind, name: string, key: NameKey = 'namePrefix') => names.push({ key, kind, name });

  for (const rule of config.rules) {
    const fn = functionName(p, rule.id);
    add(config.organization ? 'organizationConfigRule' : 'configRule', configRuleName(p, rule.id));
    add('lambdaFunction', fn);
    add('logGroup', functionLogGroupName(fn));
    add('iamRole', evaluatorRoleName(p, rule.id));
    if (rule.remediation) add('iamRole', remediationRoleName(p, rule.id));
  }
  add('iamRole', recorderRoleName(p));
  add('recorder', recorderName(p));
  add('deliveryChannel', deliveryChannelName(p));
  add('bucket', deliveryBucketName(p, ACCOUNT_PLACEHOLDER, REGION_PLACEHOLDER));
  add('kmsAlias', deliveryKeyAlias(p));
  add('snsTopic', complianceTopicName(p));
  // At most one EventBridge rule per Config rule (notifications.ts splits the names over patterns).
  for (let i = 0; i < Math.max(1, config.rules.length); i++) add('eventRule', complianceEventRuleName(p, i));
  // Tracking's names hold nothing but the prefix (and its type names the namespace): listed on or off.
  const capture = trackingFunctionName(p);
  add('lambdaFunction', capture);
  add('logGroup', functionLogGroupName(capture));
  add('iamRole', trackingRoleName(p));
  add('bucket', schemaBucketName(p, ACCOUNT_PLACEHOLDER, REGION_PLACEHOLDER));
  for (const rule of TRACKING_EVENT_RULES) add('eventRule', trackingEventRuleName(p, rule));
  for (const type of trackedTypes(config.trackingNamespace)) add('resourceType', type.typeName, 'trackingNamespace');
  if (config.organization) {
    add('iamRole', aggregatorRoleName(p));
    add('aggregator', aggregatorName(p));
    add('stackSet', memberRoleStackSetName(p));
    add('iamRole', memberRecorderRoleName(p));
    add('iamRole', config.memberRoleName, 'memberRoleName');
    add('eventBus', trackingBusName(p));
    add('kmsAlias', schemaKeyAlias(p));
    add('iamRole', forwarderRoleName(p));
    for (const rule of TRACKING_EVENT_RULES) add('eventRule', forwardingRuleName(p, rule));
  }
  return names;
}

/** A built name AWS would refuse, as one sentence naming it, the rule and its page; else undefined. */
export function builtNameProblem(built: BuiltName): string | undefined {
  const problem = nameProblem(built.kind, built.name);
  if (!problem) return undefined;
  const rule = NAME_RULES[built.kind];
  const shown = built.name.replace(ACCOUNT_PLACEHOLDER, '<account>').replace(REGION_PLACEHOLDER, '<region>');
  const advice = /characters, over/.test(problem) ? `; use a shorter ${built.key}` : '';
  return `builds the ${rule.what} ${JSON.stringify(shown)}, which ${rule.service} refuses: it ${problem}${advice} (${rule.doc})`;
}

/**
 * What is wrong with a namePrefix on its own, with the reason, or undefined. The prefix starts
 * the member-role stack set's name and the delivery bucket's, the two strictest rules it feeds:
 * a stack set name starts with a letter and holds letters, digits and hyphens only; a bucket name
 * holds no underscore and starts with a letter or digit.
 */
export function namePrefixProblem(prefix: string): string | undefined {
  const stackSetName = memberRoleStackSetName('<prefix>');
  const bucketName = deliveryBucketName('<prefix>', '<account>', '<region>');
  const got = `got ${JSON.stringify(prefix)}`;
  if (prefix.length > NAME_PREFIX_MAX)
    return (
      `must be at most ${NAME_PREFIX_MAX} characters, so that the delivery bucket's name (${bucketName}) ` +
      `fits the ${NAME_RULES.bucket.max} S3 allows (${NAME_RULES.bucket.doc}); ${got}`
    );
  const bad = [...prefix].find((c) => !/[A-Za-z0-9-]/.test(c));
  if (bad !== undefined)
    return (
      `must hold only letters, digits and hyphens: the member-role stack set's name (${stackSetName}) takes no ` +
      `${JSON.stringify(bad)} (${NAME_RULES.stackSet.doc}), nor does the delivery bucket's (${bucketName}, ` +
      `${NAME_RULES.bucket.doc}); ${got}`
    );
  if (prefix !== '' && !/^[A-Za-z]/.test(prefix))
    return (
      `must start with a letter: the member-role stack set's name (${stackSetName}) must (${NAME_RULES.stackSet.doc}), ` +
      `and the delivery bucket's (${bucketName}) must start with a letter or digit (${NAME_RULES.bucket.doc}); ${got}`
    );
  return undefined;
}
