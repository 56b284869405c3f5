// What Config records for the pack, and so how each rule is triggered, from the one table of
// recordable types (recordable-types.ts):
//  - a type the table records is evaluated from Config's items: change notifications, and
//    Config's inventory for lookups;
//  - any other type a rule evaluates is listed through an inventory adapter (the SageMaker API)
//    on a schedule. A change rule with such a type gets a daily scheduled trigger for it beside
//    its change trigger (a hybrid rule); a periodic inventory rule lists every type that way.
// The recorder, the deploy's triggers and scopes, the runtime's scheduled runs, `scan`, `doctor`,
// `history` and the scaffolder all ask these functions.
import { recordableRow } from './recordable-types.js';
import { frequencyOf, type Frequency, type Rule } from './rule.js';

/** Does the pack send this type to a configuration recorder (and read it from Config's items)? */
export const isRecordable = (type: string): boolean => recordableRow(type)?.record === true;

/** Where a rule's items of one type come from in Lambda. */
export type TypeSource = 'config' | 'inventory';

export function typeSourceOf(rule: Rule, type: string): TypeSource {
  if (rule.source === 'inventory') return 'inventory';
  return isRecordable(type) ? 'config' : 'inventory';
}

/** The types a rule's change trigger covers: its types Config records (none for a periodic rule). */
export const changeTypesOf = (rule: Rule): string[] =>
  rule.trigger === 'change' ? rule.resourceTypes.filter((t) => typeSourceOf(rule, t) === 'config') : [];

/** The types a scheduled run of the rule lists: all of a periodic rule's, a change rule's unrecorded ones. */
export const scheduledTypesOf = (rule: Rule): string[] =>
  rule.trigger === 'change'
    ? rule.resourceTypes.filter((t) => typeSourceOf(rule, t) === 'inventory')
    : [...rule.resourceTypes];

/** How often the rule runs on a schedule: its own frequency, daily for a change rule's unrecorded types, or never. */
export const DEFAULT_SCHEDULE: Frequency = 'TwentyFour_Hours';
export function scheduleOf(rule: Rule): Frequency | undefined {
  const own = frequencyOf(rule);
  if (own) return own;
  return scheduledTypesOf(rule).length > 0 ? DEFAULT_SCHEDULE : undefined;
}

/** Does the rule run on a schedule (a periodic rule, or a change rule with unrecorded types)? */
export const isScheduled = (rule: Rule): boolean => scheduleOf(rule) !== undefined;

/** The types a scheduled run lists through an inventory adapter. */
export const inventoryTypesOf = (rule: Rule): string[] =>
  scheduledTypesOf(rule).filter((t) => typeSourceOf(rule, t) === 'inventory');

/** The types a rule reads from Config: those it evaluates from Config's items, and those it looks up. */
export function configTypesOf(rule: Rule): string[] {
  const types = new Set(rule.resourceTypes.filter((t) => typeSourceOf(rule, t) === 'config'));
  for (const t of rule.lookupTypes ?? []) types.add(t);
  return [...types];
}

/** The resource types AWS Config must record for a selection of rules, never one the table does not record. */
export function typesToRecord(rules: readonly Rule[]): string[] {
  const types = new Set<string>();
  for (const rule of rules) for (const t of configTypesOf(rule)) if (isRecordable(t)) types.add(t);
  return [...types].sort();
}

/** The types the selected rules evaluate that Config does not record: read through the SageMaker API. */
export function typesNotRecorded(rules: readonly Rule[]): string[] {
  const types = new Set<string>();
  for (const rule of rules) for (const t of rule.resourceTypes) if (!isRecordable(t)) types.add(t);
  return [...types].sort();
}
