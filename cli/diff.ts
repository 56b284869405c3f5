// Field-level diff of two configuration items: every leaf that was added, removed or changed,
// named by its path (`configuration.ProductionVariants[0].InstanceType`, `tags.owner`,
// `supplementaryConfiguration.BucketVersioningConfiguration.status`).
import type { ConfigItem } from '../rules/_core/items.js';

export type ChangeOp = 'added' | 'removed' | 'changed';

export interface FieldChange {
  op: ChangeOp;
  path: string;
  old?: unknown;
  new?: unknown;
}

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;
const child = (prefix: string, key: string) =>
  PLAIN_KEY.test(key) ? `${prefix}.${key}` : `${prefix}[${JSON.stringify(key)}]`;

/** Leaves by path; empty objects and arrays are leaves too, so "set to []" is a change. */
export function flatten(value: unknown, prefix: string, out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(prefix, []);
    value.forEach((v, i) => {
      flatten(v, `${prefix}[${i}]`, out);
    });
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) out.set(prefix, {});
    for (const [k, v] of entries) flatten(v, child(prefix, k), out);
  } else if (value !== undefined) {
    out.set(prefix, value);
  }
  return out;
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** What changed from `before` to `after` (both plain JSON), as sorted leaf changes. */
export function diffValues(before: unknown, after: unknown, prefix: string): FieldChange[] {
  const a = flatten(before, prefix);
  const b = flatten(after, prefix);
  const changes: FieldChange[] = [];
  for (const [path, old] of a) {
    if (!b.has(path)) changes.push({ op: 'removed', path, old });
    else if (!same(old, b.get(path))) changes.push({ op: 'changed', path, old, new: b.get(path) });
  }
  for (const [path, value] of b) if (!a.has(path)) changes.push({ op: 'added', path, new: value });
  return changes.sort((x, y) => x.path.localeCompare(y.path, 'en'));
}

/** The parts of an item a rule reads: configuration, supplementary configuration and tags. */
export function diffItems(before: ConfigItem, after: ConfigItem): FieldChange[] {
  return [
    ...diffValues(before.configuration, after.configuration, 'configuration'),
    ...diffValues(before.supplementaryConfiguration, after.supplementaryConfiguration, 'supplementaryConfiguration'),
    ...diffValues(before.tags, after.tags, 'tags'),
  ];
}

/** A value as one short line: strings as they are, anything else as JSON, cut to `max` characters. */
export function showValue(value: unknown, max = 80): string {
  const text =
    value === undefined ? '(absent)' : typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value);
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** One change as a line: `~ path: old → new`, `+ path: new`, `- path (was old)`. */
export function describeChange(c: FieldChange, max = 80): string {
  if (c.op === 'added') return `+ ${c.path}: ${showValue(c.new, max)}`;
  if (c.op === 'removed') return `- ${c.path} removed (was ${showValue(c.old, max)})`;
  return `~ ${c.path}: ${showValue(c.old, max)} → ${showValue(c.new, max)}`;
}
