// What Config records for the pack, and so how each rule is triggered, from the one table of
// recordable types (recordable-types.ts) and, when the deploy turns tracking on, the types the
// pack records in Config itself (rules/_tracking):
//  - a type the table records is evaluated from Config's items: change notifications, and
//    Config's inventory for lookups;
//  - with tracking on, a type the pack tracks (training jobs, endpoints, pipelines...) is recorded
//    by the capture function under its tracked type name, and its rules are change-triggered on
//    that type, whatever their declared trigger;
//  - any other type a rule evaluates is listed through an inventory adapter (the SageMaker API)
//    on a schedule. A change rule with such a type gets a daily scheduled trigger for it beside
//    its change trigger (a hybrid rule); a periodic inventory rule lists every type that way.
// The recorder, the deploy's triggers and scopes, the runtime's scheduled runs, `scan`, `doctor`,
// `history` and the scaffolder all ask these functions.
import { recordableRow } from './recordable-types.js';
import { frequencyOf, type Frequency, type Rule } from './rule.js';
import { isTrackable } from '../_tracking/names.js';

/** Does the pack send this type to a configuration recorder (and read it from Config's items)? */
export function isRecordable(type: string): boolean {
  return recordableRow(type)?.record === true;
}

/** Where a rule's items of one type come from in Lambda. */
export type TypeSource = 'config' | 'tracked' | 'inventory';

export interface RecordingOptions {
  /** The deploy records the trackable SageMaker types itself (stack key `tracking`). */
  tracking?: boolean;
}

export function typeSourceOf(rule: Rule, type: string, options: RecordingOptions = {}): TypeSource {
  if (options.tracking && isTrackable(type)) return 'tracked';
  if (rule.source === 'inventory') return 'inventory';
  return isRecordable(type) ? 'config' : 'inventory';
}

/** The types a rule's change trigger covers: its recorded types (change rules), and the tracked ones. */
export function changeTypesOf(rule: Rule, options: RecordingOptions = {}): string[] {
  return rule.resourceTypes.filter((t) => {
    const source = typeSourceOf(rule, t, options);
    return source === 'tracked' || (source === 'config' && rule.trigger === 'change');
  });
}

/** The types a scheduled run of the rule lists: a periodic rule's untracked ones, a change rule's unrecorded ones. */
export function scheduledTypesOf(rule: Rule, options: RecordingOptions = {}): string[] {
  return rule.resourceTypes.filter((t) => {
    const source = typeSourceOf(rule, t, options);
    return rule.trigger === 'change' ? source === 'inventory' : source !== 'tracked';
  });
}

/** How often the rule runs on a schedule: its own frequency, daily for a change rule's unrecorded types, or never. */
export const DEFAULT_SCHEDULE: Frequency = 'TwentyFour_Hours';
export function scheduleOf(rule: Rule, options: RecordingOptions = {}): Frequency | undefined {
  if (scheduledTypesOf(rule, options).length === 0) return undefined;
  return frequencyOf(rule) ?? DEFAULT_SCHEDULE;
}

/** Does the rule run on a schedule (a periodic rule, or a change rule with unrecorded types)? */
export function isScheduled(rule: Rule, options: RecordingOptions = {}): boolean {
  return scheduleOf(rule, options) !== undefined;
}

/** The types a scheduled run lists through an inventory adapter. */
export function inventoryTypesOf(rule: Rule, options: RecordingOptions = {}): string[] {
  return scheduledTypesOf(rule, options).filter((t) => typeSourceOf(rule, t, options) === 'inventory');
}

/** The types a rule evaluates from items the pack records itself (with tracking on). */
export function trackedTypesOf(rule: Rule, options: RecordingOptions = {}): string[] {
  return rule.resourceTypes.filter((t) => typeSourceOf(rule, t, options) === 'tracked');
}

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
