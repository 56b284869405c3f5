// Least privilege, derived from what the runtime actually calls for a rule (rules/_core):
//  - every rule: PutEvaluations (put-evaluations.ts);
//  - change triggers: GetResourceConfigHistory for oversized items; BatchGetResourceConfig only
//    when the rule declares `lookups`;
//  - scheduled runs (periodic rules, and change rules for the types Config does not record,
//    recording.ts): GetComplianceDetailsByConfigRule (the clean-up of earlier results), and
//    either Config's inventory (ListDiscoveredResources + BatchGetResourceConfig) or the exact
//    actions of the rule's inventory adapters (rules/_inventory) for the listing and for what the
//    rule reads (its `reads`, plus the tags when a scope tag is set), read from the adapters at
//    deploy time so a new adapter brings its own grant;
//  - a scheduled run that can hand off to a chained invocation (handsOff): lambda:InvokeFunction
//    on the function's own ARN, granted by rule-pack.ts beside these (never to a member role);
//  - with tracking on, a rule's tracked types are change-triggered on the items the capture
//    function records (recording.ts): they need neither a schedule's grants nor an adapter's.
import type { Rule } from '../rules/_core/rule.js';
import {
  changeTypesOf,
  inventoryTypesOf,
  isScheduled,
  scheduledTypesOf,
  typeSourceOf,
} from '../rules/_core/recording.js';
import type { InventoryLoaders } from '../rules/_core/config-sources.js';
import { actionsFor, inventoryAdapterOf, type AdapterActions as ActionsByRead } from '../rules/_core/inventory.js';
import { readsOf } from '../rules/_core/reads.js';
import { inventoryLoaders } from '../rules/_inventory/index.js';

/**
 * The IAM actions each inventory adapter declares (its listing's and each read's), by resource
 * type, and whether its listing can be taken up by a chained link (rules/_core/continuation.ts).
 */
export type AdapterActions = Record<string, { actions: ActionsByRead; resumable?: boolean }>;

export interface GrantOptions {
  /** The stack sets a scope tag: inventory rules then read tags to apply it. */
  scoped?: boolean;
  /** The stack turns tracking on: the trackable types are recorded, not listed (recording.ts). */
  tracking?: boolean;
}

export function runtimeActions(rule: Rule, adapters: AdapterActions, options: GrantOptions = {}): string[] {
  const recording = { tracking: options.tracking === true };
  const actions = new Set<string>(['config:PutEvaluations']);
  if (rule.lookups) actions.add('config:BatchGetResourceConfig');
  // Change notifications for the types Config records; a scheduled run for the rest (recording.ts).
  if (changeTypesOf(rule, recording).length > 0) actions.add('config:GetResourceConfigHistory');
  if (isScheduled(rule, recording)) {
    actions.add('config:GetComplianceDetailsByConfigRule');
    for (const type of scheduledTypesOf(rule, recording)) {
      if (typeSourceOf(rule, type, recording) === 'inventory') {
        const adapter = inventoryAdapterOf(adapters, rule.id, type);
        const reads = readsOf(rule, options.scoped ? { scopeTagKey: 'scoped' } : {});
        for (const action of actionsFor(adapter.actions, reads)) actions.add(action);
      } else {
        actions.add('config:ListDiscoveredResources');
        actions.add('config:BatchGetResourceConfig');
      }
    }
  }
  const wildcard = [...actions].find((a) => a.includes('*'));
  if (wildcard)
    throw new Error(`rule ${rule.id}: the runtime would need ${wildcard}; wildcard actions are never granted`);
  return [...actions].sort();
}

/**
 * Whether the rule's scheduled run may hand off to a chained invocation of its own function
 * (rules/_core/continuation.ts): it lists a type through an adapter whose listing can be taken up
 * mid-way. Only such a function is granted lambda:InvokeFunction, on its own ARN alone.
 */
export function handsOff(rule: Rule, adapters: AdapterActions, options: Pick<GrantOptions, 'tracking'> = {}): boolean {
  const recording = { tracking: options.tracking === true };
  if (!isScheduled(rule, recording)) return false;
  return scheduledTypesOf(rule, recording).some(
    (type) => typeSourceOf(rule, type, recording) === 'inventory' && adapters[type]?.resumable === true,
  );
}

/** Load the adapters the selected rules list types through, for their declared actions. */
export async function loadAdapterActions(
  rules: readonly Rule[],
  loaders: InventoryLoaders = inventoryLoaders,
  options: Pick<GrantOptions, 'tracking'> = {},
): Promise<AdapterActions> {
  const out: AdapterActions = {};
  for (const rule of rules) {
    for (const type of inventoryTypesOf(rule, { tracking: options.tracking === true })) {
      if (out[type]) continue;
      const adapter = await inventoryAdapterOf(loaders, rule.id, type)();
      out[type] = { actions: adapter.actions, ...(adapter.resumable ? { resumable: true } : {}) };
    }
  }
  return out;
}

/** The actions a member account's role grants: what every selected rule needs, read and report. */
export function memberActions(rules: readonly Rule[], adapters: AdapterActions, options: GrantOptions = {}): string[] {
  return [...new Set(rules.flatMap((r) => runtimeActions(r, adapters, options)))].sort();
}

/** The account and Region a function runs in: the only ones whose resources it may read by ARN. */
export interface RoleScope {
  partition: string;
  region: string;
  accountId: string;
}

/**
 * The resource ARNs an action is limited to, for the actions that accept them; undefined for
 * those that take none (List*, PutEvaluations, GetResourceConfigHistory, ...: Resource "*").
 *  - SageMaker Describe* and ListTags name the resource they read (notebook-instance, endpoint,
 *    pipeline, training-job, model-package...): this account's, in this Region.
 *    https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsagemaker.html
 *  - config:GetComplianceDetailsByConfigRule takes the ConfigRule resource. Its ARN ends in the
 *    rule's generated id (config-rule/config-rule-a1b2c3), known only once the rule exists, after
 *    this role: so this account and Region's rules.
 *    https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsconfig.html
 */
export function scopedResource(action: string, scope: RoleScope): string | undefined {
  const { partition, region, accountId } = scope;
  const arn = (service: string, resource: string) => `arn:${partition}:${service}:${region}:${accountId}:${resource}`;
  if (/^sagemaker:(Describe[A-Za-z]+|ListTags)$/.test(action)) return arn('sagemaker', '*');
  if (action === 'config:GetComplianceDetailsByConfigRule') return arn('config', 'config-rule/*');
  return undefined;
}

/**
 * One statement per service for the actions that take no resource ARNs (Resource "*"), and,
 * with a scope, one per service and resource pattern for those that do.
 */
export function statementsFor(actions: readonly string[], sidPrefix = '', scope?: RoleScope): PolicyStatement[] {
  const groups = new Map<string, { service: string; resource: string; actions: string[] }>();
  for (const action of actions) {
    const service = action.split(':')[0]!;
    const resource = (scope && scopedResource(action, scope)) ?? '*';
    const key = `${service} ${resource}`;
    const group = groups.get(key) ?? { service, resource, actions: [] };
    group.actions.push(action);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ service, resource, actions: list }) => ({
    Sid: `${sidPrefix}${service[0]!.toUpperCase()}${service.slice(1)}Runtime${resource === '*' ? '' : 'OwnResources'}`,
    Effect: 'Allow' as const,
    Action: list,
    Resource: resource,
  }));
}

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: unknown;
  Action: string | string[];
  Resource?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}
