// Physical names. A Config rule is named prefix + rule id (the id is the contract); functions and
// roles carry the same name where AWS's length limits allow, and a short hash where they do not.
// Every name the deploy builds from the prefix is built here, and checked against what its
// service accepts (name-rules.ts) before any resource exists (built-names.ts).
import { createHash } from 'node:crypto';

/** The stack's default namePrefix: Config rule name = prefix + rule id. */
export const DEFAULT_NAME_PREFIX = 'ml-config-';

/**
 * The longest namePrefix: the delivery bucket's name (prefix + "config-" + account + "-" + Region)
 * must fit S3's 63 characters with a Region name of up to 19.
 */
export const NAME_PREFIX_MAX = 24;

/** AWS limits: Lambda function and IAM role names 64, organization rule names 64. */
export const NAME_MAX = 64;

export function boundedName(name: string, max = NAME_MAX): string {
  if (name.length <= max) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, max - hash.length - 1).replace(/[-_]+$/, '')}-${hash}`;
}

export const configRuleName = (prefix: string, ruleId: string) => `${prefix}${ruleId}`;
export const functionName = (prefix: string, ruleId: string) => boundedName(`${prefix}${ruleId}`);
/** Lambda's default log group of a function, which the deploy creates with a bounded retention. */
export const functionLogGroupName = (fnName: string) => `/aws/lambda/${fnName}`;
/**
 * Every function's role starts with this prefix, and no other role the deploy creates does: the
 * member role's trust names the prefix (ArnLike), so its size does not grow with the selection.
 */
export const evaluatorRolePrefix = (prefix: string) => `${prefix}eval-`;
export const evaluatorRoleName = (prefix: string, ruleId: string) =>
  boundedName(`${evaluatorRolePrefix(prefix)}${ruleId}`);
export const remediationRoleName = (prefix: string, ruleId: string) => boundedName(`${prefix}${ruleId}-fix`);

/** The recorder's names, in this account and (memberRecorder: create) in every member account. */
export const recorderName = (prefix: string) => `${prefix}recorder`;
export const deliveryChannelName = (prefix: string) => `${prefix}delivery`;
export const recorderRoleName = (prefix: string) => `${prefix}config-recorder`;
/** The role the stack set creates in each member account for its recorder (memberRecorder: create). */
export const memberRecorderRoleName = (prefix: string) => `${prefix}member-config-recorder`;

/** S3 takes lowercase names only; the rest of the prefix's rules keep it valid (config.ts). */
export const deliveryBucketName = (prefix: string, accountId: string, region: string) =>
  `${prefix.toLowerCase()}config-${accountId}-${region}`;
export const deliveryKeyAlias = (prefix: string) => `alias/${prefix}config-delivery`;

/** The compliance-change notifications: a topic, and one EventBridge rule per pattern (the first unnumbered). */
export const complianceTopicName = (prefix: string) => `${prefix}compliance-changes`;
export const complianceEventRuleName = (prefix: string, index: number) =>
  `${prefix}compliance-changes${index === 0 ? '' : `-${index + 1}`}`;

/** Organization mode. */
export const aggregatorName = (prefix: string) => `${prefix}organization`;
export const aggregatorRoleName = (prefix: string) => `${prefix}config-aggregator`;
export const memberRoleStackSetName = (prefix: string) => `${prefix}member-role`;

/**
 * Tracking (docs/tracking.md). The capture function's role carries the functions' role prefix,
 * so the member role's trust (which names that prefix) admits it in organization mode too.
 */
export const trackingFunctionName = (prefix: string) => `${prefix}tracking-capture`;
export const trackingRoleName = (prefix: string) => `${evaluatorRolePrefix(prefix)}tracking-capture`;
/** The schema handler packages, one bucket per account and Region (S3 takes lowercase names only). */
export const schemaBucketName = (prefix: string, accountId: string, region: string) =>
  `${prefix.toLowerCase()}tracking-${accountId}-${region}`;
export const schemaKeyAlias = (prefix: string) => `alias/${prefix}tracking-schemas`;
/** The EventBridge rules that invoke the capture: on the default bus, and on the central bus in organization mode. */
export const TRACKING_EVENT_RULES = ['state-changes', 'api-calls', 'reconcile'] as const;
export type TrackingEventRule = (typeof TRACKING_EVENT_RULES)[number];
export const trackingEventRuleName = (prefix: string, rule: TrackingEventRule) => `${prefix}tracking-${rule}`;
/** Organization mode: the bus member accounts forward their SageMaker events to, and what forwards them. */
export const trackingBusName = (prefix: string) => `${prefix}tracking`;
export const forwardingRuleName = (prefix: string, rule: TrackingEventRule) => `${prefix}tracking-forward-${rule}`;
export const forwarderRoleName = (prefix: string) => `${prefix}tracking-forwarder`;
