// The resource types AWS Config must record for a selection of rules: the types that change
// rules and Config-inventory periodic rules evaluate, and every type a rule looks up.
import type { Rule } from './rule.js';
export function typesToRecord(rules: readonly Rule[]): string[] {
  const types = new Set<string>();
  for (const rule of rules) {
    if (rule.source !== 'inventory') for (const t of rule.resourceTypes) types.add(t);
    for (const t of rule.lookupTypes ?? []) types.add(t);
  }
  return [...types].sort();
}
