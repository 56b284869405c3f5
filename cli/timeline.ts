// A resource's configuration items in time order → its change timeline: each change as a
// field-level diff, with every registry rule that checks the type run on both sides and the
// rules whose verdict the change flipped named. A deletion flips nothing (no rule applies to a
// deleted resource); a resource deleted and created again is compared with its last
// configuration before the deletion. A type the pack records itself
// (`MLConfigRules::SageMaker::TrainingJob`) is checked by the rules of the AWS type they name.
import { evaluateItem, paramsFor } from '../rules/_core/engine.js';
import { resourceKey, type ConfigItem } from '../rules/_core/items.js';
import type { ComplianceType, Lookup, LookupKey, Rule } from '../rules/_core/rule.js';
import { rules as registry } from '../rules/index.js';
import { awsTypeOf } from '../rules/_tracking/names.js';
import { diffItems, type FieldChange } from './diff.js';

/** The tag whose value names the pipeline a resource belongs to (`history --pipeline`). */
export const DEFAULT_PIPELINE_TAG = 'ml-pipeline';

export type EntryKind = 'discovered' | 'changed' | 'deleted' | 'recreated';

export interface RuleVerdict {
  complianceType: ComplianceType;
  annotation?: string;
}

export interface VerdictFlip {
  rule: string;
  from: ComplianceType;
  to: ComplianceType;
  /** The new verdict's annotation: why it is what it is now. */
  annotation?: string;
}

export interface TimelineEntry {
  resourceType: string;
  resourceId: string;
  time: string;
  status: string;
  kind: EntryKind;
  changes: FieldChange[];
  /** Each rule's verdict on the item after this change. */
  verdicts: Record<string, RuleVerdict>;
  flips: VerdictFlip[];
  /** Rules that could not evaluate the item (never turned into a verdict). */
  errors: { rule: string; message: string }[];
}

export interface TimelineResource {
  resourceType: string;
  resourceId: string;
  resourceName?: string;
  items: number;
}

export interface Timeline {
  title: string;
  resources: TimelineResource[];
  /** Every entry of every resource, oldest first. */
  entries: TimelineEntry[];
  /** The end of the period the items cover (now, when read from AWS Config): each last state held at least until then. */
  until?: string;
}

const LIVE = new Set(['OK', 'ResourceDiscovered']);
const isLive = (item: ConfigItem) => LIVE.has(item.configurationItemStatus);
const timeOf = (item: ConfigItem) => Date.parse(item.configurationItemCaptureTime ?? '') || 0;

/** Serves a rule's lookups from items: the newest one captured at or before `time`. */
export function lookupAt(pool: ConfigItem[], time: string): Lookup {
  const at = Date.parse(time);
  return (type, id) =>
    pool
      .filter((i) => i.resourceType === type && i.resourceId === id && timeOf(i) <= at && isLive(i))
      .sort((a, b) => timeOf(b) - timeOf(a))[0];
}

/** Does the rule check this type (a tracked type by the AWS type it stands for)? */
const checks = (rule: Rule, type: string) => rule.resourceTypes.includes(awsTypeOf(type));

/** Keys every rule's lookups ask for across these items (to fetch them before building). */
export function lookupKeys(items: ConfigItem[], rules: readonly Rule[] = registry): { key: LookupKey; time: string }[] {
  const out: { key: LookupKey; time: string }[] = [];
  for (const item of items.filter(isLive)) {
    for (const rule of rules.filter((r) => r.lookups && checks(r, item.resourceType))) {
      let params: ReturnType<typeof paramsFor>;
      try {
        params = paramsFor(rule, {});
      } catch {
        continue;
      }
      for (const key of rule.lookups!(item, params))
        out.push({ key, time: item.configurationItemCaptureTime ?? new Date().toISOString() });
    }
  }
  return out;
}

function verdictsOf(item: ConfigItem, rules: readonly Rule[], pool: ConfigItem[]) {
  const verdicts: Record<string, RuleVerdict> = {};
  const errors: { rule: string; message: string }[] = [];
  const time = item.configurationItemCaptureTime ?? new Date().toISOString();
  for (const rule of rules) {
    try {
      const e = evaluateItem(rule, item, paramsFor(rule, {}), time, lookupAt(pool, time));
      verdicts[rule.id] = { complianceType: e.ComplianceType, ...(e.Annotation ? { annotation: e.Annotation } : {}) };
    } catch (error) {
      errors.push({ rule: rule.id, message: `${(error as Error).name}: ${(error as Error).message}` });
    }
  }
  return { verdicts, errors };
}

function flipsBetween(before: Record<string, RuleVerdict>, after: Record<string, RuleVerdict>): VerdictFlip[] {
  const flips: VerdictFlip[] = [];
  for (const [rule, now] of Object.entries(after)) {
    const was = before[rule];
    if (was && was.complianceType !== now.complianceType) {
      flips.push({
        rule,
        from: was.complianceType,
        to: now.complianceType,
        ...(now.annotation ? { annotation: now.annotation } : {}),
      });
    }
  }
  return flips;
}

export interface BuildOptions {
  title: string;
  rules?: readonly Rule[];
  /** Items of other resources that rules' lookups may need (fetched at the right times). */
  lookupItems?: ConfigItem[];
  /** The end of the period the items cover (Timeline.until). */
  until?: string;
}

export function buildTimeline(items: ConfigItem[], options: BuildOptions): Timeline {
  const rules = options.rules ?? registry;
  const pool = [...items, ...(options.lookupItems ?? [])];
  const byResource = new Map<string, ConfigItem[]>();
  for (const item of items) {
    const key = resourceKey(item.resourceType, item.resourceId);
    const list = byResource.get(key) ?? [];
    // The same capture listed twice (overlapping windows, copied files) counts once.
    if (
      !list.some(
        (i) =>
          i.configurationItemCaptureTime === item.configurationItemCaptureTime &&
          i.configurationItemStatus === item.configurationItemStatus,
      )
    ) {
      list.push(item);
    }
    byResource.set(key, list);
  }

  const resources: TimelineResource[] = [];
  const entries: TimelineEntry[] = [];
  for (const list of byResource.values()) {
    list.sort((a, b) => timeOf(a) - timeOf(b));
    const first = list[0]!;
    const named = list.find((i) => i.resourceName);
    resources.push({
      resourceType: first.resourceType,
      resourceId: first.resourceId,
      ...(named?.resourceName ? { resourceName: named.resourceName } : {}),
      items: list.length,
    });
    const checking = rules.filter((r) => checks(r, first.resourceType));
    let previous: { item: ConfigItem; verdicts: Record<string, RuleVerdict> } | undefined;
    let lastLive: typeof previous;
    for (const item of list) {
      const { verdicts, errors } = verdictsOf(item, checking, pool);
      const base = {
        resourceType: item.resourceType,
        resourceId: item.resourceId,
        time: item.configurationItemCaptureTime ?? '',
        status: item.configurationItemStatus,
      };
      if (!previous) {
        entries.push({
          ...base,
          kind: isLive(item) ? 'discovered' : 'deleted',
          changes: [],
          verdicts,
          flips: [],
          errors,
        });
      } else if (!isLive(item)) {
        if (isLive(previous.item)) {
          const changes: FieldChange[] = [
            {
              op: 'changed',
              path: 'configurationItemStatus',
              old: previous.item.configurationItemStatus,
              new: item.configurationItemStatus,
            },
          ];
          // Every rule stops applying to a deleted resource: that is the deletion, not a flip.
          entries.push({ ...base, kind: 'deleted', changes, verdicts, flips: [], errors });
        }
      } else {
        const recreated = !isLive(previous.item);
        const against = recreated ? lastLive : previous;
        const changes = against ? diffItems(against.item, item) : [];
        if (recreated)
          changes.unshift({
            op: 'changed',
            path: 'configurationItemStatus',
            old: previous.item.configurationItemStatus,
            new: item.configurationItemStatus,
          });
        const flips = against ? flipsBetween(against.verdicts, verdicts) : [];
        // Config also records items whose only change is a relationship: nothing a rule reads.
        if (changes.length > 0 || flips.length > 0) {
          entries.push({ ...base, kind: recreated ? 'recreated' : 'changed', changes, verdicts, flips, errors });
        }
      }
      previous = { item, verdicts };
      if (isLive(item)) lastLive = previous;
    }
  }
  entries.sort((a, b) => Date.parse(a.time) - Date.parse(b.time) || a.resourceId.localeCompare(b.resourceId));
  resources.sort((a, b) => a.resourceType.localeCompare(b.resourceType) || a.resourceId.localeCompare(b.resourceId));
  return { title: options.title, resources, entries, ...(options.until ? { until: options.until } : {}) };
}

/** "KmsKeyId removed → sagemaker-endpoint-config-kms-key became NON_COMPLIANT (was COMPLIANT)" */
export function describeFlip(flip: VerdictFlip): string {
  return `${flip.rule} became ${flip.to} (was ${flip.from})${flip.annotation ? `: ${flip.annotation}` : ''}`;
}
