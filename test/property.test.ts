// Property test over every rule: for 100,000 generated, mutated and malformed configuration items
// per run (40 rules × 2,500), the engine gives a verdict from the rule's `evaluate` or a typed input
// error (a malformed item, nesting too deep); never a TypeError from a missing field, a stack
// overflow or a rule contract error. The verdict's form (one of three, an annotation for
// NON_COMPLIANT, at most 256 characters) is the engine's own check on every verdict
// (`checkVerdict`, `toEvaluation`): a violation throws a RuleContractError here, which is not an
// input error and so fails the property. PROPERTY_RUNS scales the runs per rule and property
// (default 1,000 + 1,000 + 500).
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { evaluateItem, paramsFor } from '../rules/_core/engine.js';
import { RuleError } from '../rules/_core/errors.js';
import { parseEvent } from '../rules/_core/event.js';
import { fixturesOf, readJsonFile } from '../cli/local/fixtures.js';
import { inputToEvent } from '../cli/local/input.js';
import type { ConfigItem } from '../rules/_core/items.js';
import type { Rule } from '../rules/_core/rule.js';
import { rules } from '../rules/index.js';
import { FIXTURES_DIR } from '../cli/paths.js';

const RUNS_PER_RULE = Number(process.env.PROPERTY_RUNS ?? 1000);

interface Seed {
  item: ConfigItem;
  params: Record<string, unknown>;
  lookups: ConfigItem[];
}

/** The rule's own fixtures, normalised: the realistic starting points that mutations break. */
function seedsOf(rule: Rule): Seed[] {
  return fixturesOf(FIXTURES_DIR, rule.id).flatMap((f) => {
    const event = inputToEvent(readJsonFile(f.path));
    return event.kind === 'change'
      ? [{ item: event.item, params: { ...event.ruleParameters, ...f.params }, lookups: f.lookups }]
      : [];
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
  fc.constantFrom(
    null,
    '',
    '[]',
    '{}',
    '{',
    'true',
    'false',
    0,
    -1,
    Number.POSITIVE_INFINITY, // 1e309 in JSON text: a number beyond float range
    [],
    {},
    [null],
    'arn:aws:kms:us-east-1:123456789012:key/',
    's3://',
    'Enabled',
    'Disabled',
  ),
  fc.string({ maxLength: 400 }),
);

const mutation = fc.record({
  pick: fc.nat(),
  action: fc.constantFrom('delete' as const, 'replace' as const),
  value: hostile,
});

/** Outcomes of the running test's property, for the test to show which kinds it reached. */
const outcomes = { verdicts: 0, inputErrors: 0 };
beforeEach(() => {
  outcomes.verdicts = 0;
  outcomes.inputErrors = 0;
});

/**
 * A property reached an outcome in at least a tenth of its runs: it is not vacuous. Each test checks
 * its own runs, so that it passes alone and in any order. With the default runs every rule reaches
 * at least three times that; over the 40 rules the floors add up to 10,000 verdicts and 2,000 typed
 * input errors.
 */
const expectReached = (count: number, runs: number) => expect(count).toBeGreaterThanOrEqual(runs / 10);

/** Typed input errors are outcomes; anything else thrown (TypeError, RangeError, a rule contract error) is the bug we hunt. */
function expectInputError(error: unknown) {
  if (error instanceof RuleError && error.kind === 'input') {
    outcomes.inputErrors++;
    return;
  }
  throw error;
}

function assertValidOutcome(rule: Rule, item: ConfigItem, params: ReturnType<typeof paramsFor>, lookups: ConfigItem[]) {
  const lookup = (type: string, id: string) => lookups.find((l) => l.resourceType === type && l.resourceId === id);
  try {
    // Through the engine, as Lambda and the command run a rule: applicability, validation, evaluate,
    // and the engine's check of the verdict's form.
    evaluateItem(rule, item, params, '2026-11-20T09:14:03.512Z', lookup);
  } catch (error) {
    return expectInputError(error);
  }
  outcomes.verdicts++;
}

/** `levels` lists inside each other around a value: deep nesting as an attacker would send it. */
const nested = (levels: number, inner: unknown): unknown => {
  let value = inner;
  for (let i = 0; i < levels; i++) value = i % 2 === 0 ? [value] : { deeper: value };
  return value;
};

// Configurations no resource state has: not an object, or nested far too deep.
const malformedConfiguration = fc.oneof(
  fc.constantFrom('garbage', '', 42, -1, 0, true, false, null, [], [{}], 1e20),
  fc.string({ maxLength: 40 }),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.integer({ min: 1, max: 400 }).map((levels) => ({ Nested: nested(levels, 'x') })),
);

describe.each(rules.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
  // Read in the tests, not while the file is collected: a parser that breaks fails tests here.
  let read: Seed[] | undefined;
  const seeds = (): Seed[] => (read ??= seedsOf(rule));

  it('survives mutated fixture items', () => {
    if (seeds().length === 0) throw new Error(`${rule.id} has no change-form fixture to mutate`);
    fc.assert(
      fc.property(
        fc.nat(),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (seedPick, mutations, dropLookups) => {
          const seed = seeds()[seedPick % seeds().length]!;
          const item: ConfigItem = structuredClone(seed.item);
          const lookups = dropLookups ? [] : structuredClone(seed.lookups);
          for (const m of mutations) {
            // Mutate the item's configuration, supplementary configuration and tags, or a looked-up item.
            const targets = [
              item.configuration,
              item.supplementaryConfiguration,
              ...lookups.map((l) => l.supplementaryConfiguration),
            ];
            const paths = targets.flatMap((t, i) => pathsOf(t).map((p) => [i, p] as const));
            if (paths.length === 0) break;
            const [target, path] = paths[m.pick % paths.length]!;
            mutate(targets[target], path, m.action, m.value);
          }
          assertValidOutcome(rule, item, paramsFor(rule, seed.params), lookups);
        },
      ),
      { numRuns: RUNS_PER_RULE, seed: 20261126 },
    );
    expectReached(outcomes.verdicts, RUNS_PER_RULE);
  });

  it('survives generated configurations of any shape', () => {
    const base = seeds()[0]?.item;
    const keys = base ? pathsOf(base.configuration).map((p) => String(p[0])) : [];
    const key =
      keys.length > 0 ? fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 12 })) : fc.string({ maxLength: 12 });
    fc.assert(
      fc.property(
        fc.dictionary(key, hostile, { maxKeys: 8 }),
        fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
        (configuration, tags) => {
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
        },
      ),
      { numRuns: RUNS_PER_RULE, seed: 20261126 },
    );
    expectReached(outcomes.verdicts, RUNS_PER_RULE);
  });

  it('refuses malformed and deeply nested items with a typed error, through the event parser', () => {
    const seed = seeds()[0]!;
    fc.assert(
      fc.property(malformedConfiguration, fc.constantFrom('top', 'field'), (bad, where) => {
        const raw = {
          ...seed.item,
          configuration:
            where === 'top'
              ? bad
              : { ...seed.item.configuration, [Object.keys(seed.item.configuration)[0] ?? 'X']: bad },
        };
        const invokingEvent = JSON.stringify({
          messageType: 'ConfigurationItemChangeNotification',
          configurationItem: raw,
        });
        let event: ReturnType<typeof parseEvent>;
        try {
          event = parseEvent({ invokingEvent, ruleParameters: '{}', resultToken: 'TESTMODE' });
        } catch (error) {
          return expectInputError(error);
        }
        if (event.kind !== 'change') throw new Error(`a change event parsed as ${event.kind}`);
        assertValidOutcome(rule, event.item, paramsFor(rule, seed.params), seed.lookups);
      }),
      { numRuns: Math.ceil(RUNS_PER_RULE / 2), seed: 20261126 },
    );
    expectReached(outcomes.verdicts, Math.ceil(RUNS_PER_RULE / 2));
    expectReached(outcomes.inputErrors, Math.ceil(RUNS_PER_RULE / 2));
  });
});
