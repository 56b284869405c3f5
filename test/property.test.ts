// Property test over every rule: for thousands of generated and mutated configuration items,
// evaluate gives a valid verdict (one of three, annotation ≤ 256 characters, non-empty for
// NON_COMPLIANT) or throws a typed error; never an unhandled TypeError from a missing field.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paramsFor } from '../rules/_core/engine.js';
import { RuleError } from '../rules/_core/errors.js';
import { checkVerdict } from '../rules/_core/evaluations.js';
import { fixturesOf, readJsonFile } from '../rules/_core/fixtures.js';
import { inputToEvent } from '../rules/_core/input.js';
import type { ConfigItem } from '../rules/_core/items.js';
import { COMPLIANCE_TYPES, type Rule } from '../rules/_core/rule.js';
import { rules } from '../rules/index.js';
import { FIXTURES_DIR } from '../cli/paths.js';

const RUNS_PER_RULE = Number(process.env.PROPERTY_RUNS ?? 300);

interface Seed {
  item: ConfigItem;
  params: Record<string, unknown>;
  lookups: ConfigItem[];
}

/** The rule's own fixtures, normalised: the realistic starting points that mutations break. */
function seedsOf(rule: Rule): Seed[] {
  return fixturesOf(FIXTURES_DIR, rule.id).flatMap((f) => {
    const event = inputToEvent(readJsonFile(f.path));
    return event.kind === 'change' ? [{ item: event.item, params: { ...event.ruleParameters, ...f.params }, lookups: f.lookups }] : [];
  });
}

type Path = (string | number)[];

/** Every path into a JSON value, so a mutation can hit any field at any depth. */
function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const path = [...prefix, Array.isArray(value) ? Number(k) : k];
      out.push(path);
      pathsOf(v, path, out);
    }
  }
  return out;
}

function mutate(root: any, path: Path, action: 'delete' | 'replace', replacement: unknown) {
  let node = root;
  for (const key of path.slice(0, -1)) node = node?.[key];
  if (!node || typeof node !== 'object') return;
  const last = path[path.length - 1]!;
  if (action === 'delete') {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = replacement;
}

// Values that break assumptions: wrong types, empty containers, strings that look like JSON or ARNs.
const hostile = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(null, '', '[]', '{}', '{', 'true', 'false', 0, -1, 1e309, [], {}, [null], 'arn:aws:kms:us-east-1:123456789012:key/', 's3://', 'Enabled', 'Disabled'),
  fc.string({ maxLength: 400 }),
);

const mutation = fc.record({
  pick: fc.nat(),
  action: fc.constantFrom('delete' as const, 'replace' as const),
  value: hostile,
});

function assertValidOutcome(rule: Rule, item: ConfigItem, params: ReturnType<typeof paramsFor>, lookups: ConfigItem[]) {
  const lookup = (type: string, id: string) => lookups.find((l) => l.resourceType === type && l.resourceId === id);
  let verdict: unknown;
  try {
    verdict = rule.evaluate(item, params, { lookup });
  } catch (error) {
    // Typed errors are allowed; a TypeError from reading a missing field is the bug we hunt.
    if (error instanceof RuleError) return;
    throw error;
  }
  const v = checkVerdict(rule.id, verdict);
  expect(COMPLIANCE_TYPES).toContain(v.complianceType);
  if (v.annotation !== undefined) expect(typeof v.annotation).toBe('string');
  if (v.complianceType === 'NON_COMPLIANT') expect(v.annotation!.length).toBeGreaterThan(0);
}

describe.each(rules.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
  const seeds = seedsOf(rule);

  it('survives mutated fixture items', () => {
    if (seeds.length === 0) throw new Error(`${rule.id} has no change-form fixture to mutate`);
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.boolean(), (seedPick, mutations, dropLookups) => {
        const seed = seeds[seedPick % seeds.length]!;
        const item: ConfigItem = structuredClone(seed.item);
        const lookups = dropLookups ? [] : structuredClone(seed.lookups);
        for (const m of mutations) {
          // Mutate the item's configuration, supplementary configuration and tags, or a looked-up item.
          const targets = [item.configuration, item.supplementaryConfiguration, ...lookups.map((l) => l.supplementaryConfiguration)];
          const paths = targets.flatMap((t, i) => pathsOf(t).map((p) => [i, p] as const));
          if (paths.length === 0) break;
          const [target, path] = paths[m.pick % paths.length]!;
          mutate(targets[target], path, m.action, m.value);
        }
        assertValidOutcome(rule, item, paramsFor(rule, seed.params), lookups);
      }),
      { numRuns: RUNS_PER_RULE, seed: 20261126 },
    );
  });

  it('survives generated configurations of any shape', () => {
    const base = seeds[0]?.item;
    const keys = base ? pathsOf(base.configuration).map((p) => String(p[0])) : [];
    const key = keys.length > 0 ? fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 12 })) : fc.string({ maxLength: 12 });
    fc.assert(
      fc.property(fc.dictionary(key, hostile, { maxKeys: 8 }), fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }), (configuration, tags) => {
        const item: ConfigItem = {
          resourceType: rule.resourceTypes[0]!,
          resourceId: 'generated',
          configurationItemStatus: 'OK',
          awsAccountId: '123456789012',
          tags,
          configuration,
          supplementaryConfiguration: rule.resourceTypes[0] === 'AWS::S3::Bucket' ? configuration : {},
        };
        assertValidOutcome(rule, item, paramsFor(rule, {}), []);
      }),
      { numRuns: RUNS_PER_RULE, seed: 20261126 },
    );
  });
});
