// Least privilege, derived from what the runtime actually calls for a rule (rules/_core):
//  - every rule: PutEvaluations (put-evaluations.ts);
//  - change rules: GetResourceConfigHistory for oversized items; BatchGetResourceConfig only
//    when the rule declares `lookups`;
//  - periodic rules: GetComplianceDetailsByConfigRule (the clean-up of earlier results), and
//    either Config's inventory (ListDiscoveredResources + BatchGetResourceConfig) or the exact
//    actions of the rule's inventory adapters (rules/_inventory), read from the adapters at deploy
//    time so a new adapter brings its own grant.
import type { Rule } from '../rules/_core/rule.js';
import { isPeriodic } from '../rules/_core/rule.js';
import type { InventoryLoaders } from '../rules/_core/config-sources.js';
import { inventoryLoaders } from '../rules/_inventory/index.js';

/** The IAM actions each inventory adapter declares, by resource type. */
export type AdapterActions = Record<string, { actions: readonly string[] }>;

export function runtimeActions(rule: Rule, adapters: AdapterActions): string[] {
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
        for (const action of adapter.actions) actions.add(action);
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
    out[type] = { actions: [...(await load()).actions] };
  }
  return out;
}

/** The actions a member account's role grants: what every selected rule needs, read and report. */
export function memberActions(rules: readonly Rule[], adapters: AdapterActions): string[] {
  return [...new Set(rules.flatMap((r) => runtimeActions(r, adapters)))].sort();
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
