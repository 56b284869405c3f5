// Least privilege, derived from what the runtime actually calls for a rule (rules/_core):
//  - every rule: PutEvaluations (put-evaluations.ts);
//  - change rules: GetResourceConfigHistory for oversized items; BatchGetResourceConfig only
//    when the rule declares `lookups`;
//  - periodic rules: GetComplianceDetailsByConfigRule (the clean-up of earlier results), and
//    either Config's inventory (ListDiscoveredResources + BatchGetResourceConfig) or the exact
//    actions of the rule's inventory adapters (rules/_inventory) for the listing and for what the
//    rule reads (its `reads`, plus the tags when a scope tag is set), read from the adapters at
//    deploy time so a new adapter brings its own grant.
import type { Rule } from '../rules/_core/rule.js';
import { isPeriodic } from '../rules/_core/rule.js';
import type { InventoryLoaders } from '../rules/_core/config-sources.js';
import { actionsFor, type AdapterActions as ActionsByRead } from '../rules/_core/inventory.js';
import { readsOf } from '../rules/_core/reads.js';
import { inventoryLoaders } from '../rules/_inventory/index.js';

/** The IAM actions each inventory adapter declares (its listing's and each read's), by resource type. */
export type AdapterActions = Record<string, { actions: ActionsByRead }>;

export interface GrantOptions {
  /** The stack sets a scope tag: inventory rules then read tags to apply it. */
  scoped?: boolean;
}

export function runtimeActions(rule: Rule, adapters: AdapterActions, options: GrantOptions = {}): string[] {
  const actions = new Set<string>(['config:PutEvaluations']);
  if (rule.lookups) actions.add('config:BatchGetResourceConfig');
  if (!isPeriodic(rule)) {
    actions.add('config:GetResourceConfigHistory');
  } else {
    actions.add('config:GetComplianceDetailsByConfigRule');
    if (rule.source === 'inventory') {
      for (const type of rule.resourceTypes) {
        const adapter = adapters[type];
        if (!adapter) throw new Error(`rule ${rule.id} lists ${type} through an inventory adapter, but none was loaded`);
        const reads = readsOf(rule, options.scoped ? { scopeTagKey: 'scoped' } : {});
        for (const action of actionsFor(adapter.actions, reads)) actions.add(action);
      }
    } else {
      actions.add('config:ListDiscoveredResources');
      actions.add('config:BatchGetResourceConfig');
    }
  }
  const wildcard = [...actions].find((a) => a.includes('*'));
  if (wildcard) throw new Error(`rule ${rule.id}: the runtime would need ${wildcard}; wildcard actions are never granted`);
  return [...actions].sort();
}

/** Load the adapters the selected periodic inventory rules use, for their declared actions. */
export async function loadAdapterActions(rules: readonly Rule[], loaders: InventoryLoaders = inventoryLoaders): Promise<AdapterActions> {
  const types = new Set(rules.filter((r) => isPeriodic(r) && r.source === 'inventory').flatMap((r) => r.resourceTypes));
  const out: AdapterActions = {};
  for (const type of types) {
    const load = loaders[type];
    if (!load) throw new Error(`no inventory adapter for ${type}`);
    out[type] = { actions: (await load()).actions };
  }
  return out;
}

/** The actions a member account's role grants: what every selected rule needs, read and report. */
export function memberActions(rules: readonly Rule[], adapters: AdapterActions, options: GrantOptions = {}): string[] {
  return [...new Set(rules.flatMap((r) => runtimeActions(r, adapters, options)))].sort();
}

/** Config's read/report actions take no resource ARNs; the others are split by service. */
export function statementsFor(actions: readonly string[], sidPrefix = ''): PolicyStatement[] {
  const byService = new Map<string, string[]>();
  for (const action of actions) {
    const service = action.split(':')[0]!;
    byService.set(service, [...(byService.get(service) ?? []), action]);
  }
  return [...byService].map(([service, list]) => ({
    Sid: `${sidPrefix}${service[0]!.toUpperCase()}${service.slice(1)}Runtime`,
    Effect: 'Allow' as const,
    Action: list,
    Resource: '*',
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
