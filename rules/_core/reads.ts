// What the adapters fetch for a selection of rules: the union of what the rules read beyond the
// listing (their `reads`, the Describe output when they declare none), plus the tags whenever a
// scope tag is set, since applicability reads the item's tags before `evaluate` runs.
import type { Read, Rule } from './rule.js';

export const DEFAULT_READS: readonly Read[] = ['describe'];

/** The reads of one rule, with `tags` added when its parameters set a scope tag. */
export function readsOf(rule: Rule, params: Record<string, unknown> = {}): Set<Read> {
  const reads = new Set<Read>(rule.reads ?? DEFAULT_READS);
  if (params.scopeTagKey !== undefined) reads.add('tags');
  return reads;
}

/** The union of the reads of several rules (with their parameters), for one shared listing. */
export function unionOfReads(entries: Iterable<{ rule: Rule; params?: Record<string, unknown> }>): Set<Read> {
  const union = new Set<Read>();
  for (const { rule, params } of entries) for (const read of readsOf(rule, params)) union.add(read);
  return union;
}

/**
 * The Describe fields a shared listing keeps of its Search records: the union of those its rules
 * declare, or undefined (the whole record) when any rule that reads the Describe output declares none.
 */
export function describeFieldsOf(
  entries: Iterable<{ rule: Rule; params?: Record<string, unknown> }>,
): string[] | undefined {
  const fields = new Set<string>();
  for (const { rule, params } of entries) {
    if (!readsOf(rule, params).has('describe')) continue;
    if (!rule.describeFields) return undefined;
    for (const f of rule.describeFields) fields.add(f);
  }
  return [...fields].sort();
}
