// The small modules of rules/_core that every layer leans on, each against its own contract:
// the nesting limit (depth.ts), own-property reads (own.ts), what a listing fetches (reads.ts), and
// an adapter's actions and its lookup by type (inventory.ts), verdicts and rule definitions (rule.ts).
import { describe, expect, it } from 'vitest';
import { assertDepth, MAX_DEPTH } from '../rules/_core/depth.js';
import { InvalidEventError } from '../rules/_core/errors.js';
import { actionsFor, inventoryAdapterOf, noInventoryAdapter, wants } from '../rules/_core/inventory.js';
import { dictionary, hasOwn, own } from '../rules/_core/own.js';
import { DEFAULT_READS, describeFieldsOf, readsOf, unionOfReads } from '../rules/_core/reads.js';
import { compliant, defineRule, frequencyOf, isPeriodic, nonCompliant, notApplicable } from '../rules/_core/rule.js';
import { ruleById } from '../rules/index.js';

/** Objects nested `levels` deep (1 is `{}`), the innermost holding `leaf`. */
function nested(levels: number, leaf: unknown = 'x'): unknown {
  let value: unknown = { leaf };
  for (let i = 1; i < levels; i++) value = { child: value };
  return value;
}

describe('the nesting limit (assertDepth)', () => {
  it(`takes exactly ${MAX_DEPTH} levels of objects and lists, with a number or null at the bottom`, () => {
    expect(MAX_DEPTH).toBe(64);
    expect(() => assertDepth(nested(MAX_DEPTH), 'invokingEvent')).not.toThrow();
    expect(() => assertDepth(nested(MAX_DEPTH, 7), 'invokingEvent')).not.toThrow();
    expect(() => assertDepth(nested(MAX_DEPTH, null), 'invokingEvent')).not.toThrow();
    let list: unknown = [1];
    for (let i = 1; i < MAX_DEPTH; i++) list = [list];
    expect(() => assertDepth(list, 'ruleParameters')).not.toThrow();
    // A null in the deepest list is a value, not one level more.
    let withNull: unknown = [null];
    for (let i = 1; i < MAX_DEPTH; i++) withNull = [withNull];
    expect(() => assertDepth(withNull, 'ruleParameters')).not.toThrow();
  });

  it('refuses one level more, naming what it was given', () => {
    expect(() => assertDepth(nested(MAX_DEPTH + 1), 'invokingEvent')).toThrow(
      new InvalidEventError(`invokingEvent is nested deeper than ${MAX_DEPTH} levels`),
    );
    expect(() => assertDepth({ a: 1, b: nested(MAX_DEPTH) }, 'the file')).toThrow(
      'the file is nested deeper than 64 levels',
    );
    // Lists are counted as objects are, past a shallow first element.
    let list: unknown = [1];
    for (let i = 1; i <= MAX_DEPTH; i++) list = [{}, list];
    expect(() => assertDepth(list, 'ruleParameters')).toThrow('ruleParameters is nested deeper than 64 levels');
  });

  it('takes values that nest nothing', () => {
    for (const value of [null, undefined, 'text', 3, true]) expect(() => assertDepth(value, 'x')).not.toThrow();
  });
});

describe('own-property reads', () => {
  it('read a key only when the map holds it itself, and nothing from a missing map', () => {
    const tags = { team: 'ml' };
    expect(own(tags, 'team')).toBe('ml');
    expect(own(tags, 'constructor')).toBeUndefined();
    expect(own(null, 'team')).toBeUndefined();
    expect(own(undefined, 'team')).toBeUndefined();
    expect(hasOwn(tags, 'team')).toBe(true);
    expect(hasOwn(tags, 'toString')).toBe(false);
    expect(hasOwn(null, 'team')).toBe(false);
    expect(hasOwn(undefined, 'team')).toBe(false);
  });

  it('build maps without a prototype, where __proto__ is a key like any other', () => {
    const map = dictionary<string>();
    expect(Object.getPrototypeOf(map)).toBeNull();
    map.__proto__ = 'x';
    expect(own(map, '__proto__')).toBe('x');
  });
});

describe('what a listing fetches (reads)', () => {
  const tagged = ruleById('sagemaker-endpoint-tagged')!;
  const monitoring = ruleById('sagemaker-endpoint-monitoring-scheduled')!;
  const noReads = ruleById('sagemaker-notebook-no-direct-internet')!;

  it("is a rule's declared reads, the Describe output when it declares none, and the tags with a scope tag", () => {
    expect(noReads.reads).toBeUndefined();
    expect(DEFAULT_READS).toEqual(['describe']);
    expect([...readsOf(noReads)]).toEqual(['describe']);
    expect([...readsOf(tagged)]).toEqual(['tags']);
    expect([...readsOf(noReads, { scopeTagKey: 'team' })]).toEqual(['describe', 'tags']);
    expect([...readsOf(monitoring, { scopeTagKey: undefined })]).toEqual(['describe', 'monitoringSchedules']);
  });

  it('is the union over the rules of one listing', () => {
    expect([...unionOfReads([{ rule: tagged }, { rule: monitoring }])].sort()).toEqual([
      'describe',
      'monitoringSchedules',
      'tags',
    ]);
    expect([...unionOfReads([])]).toEqual([]);
  });

  it('keeps the Describe fields the rules declare, and every field once one that reads it declares none', () => {
    expect(describeFieldsOf([{ rule: monitoring }])).toEqual(['ProductionVariants']);
    // The tag rule reads no Describe output: it does not widen what is kept.
    expect(describeFieldsOf([{ rule: tagged }, { rule: monitoring }])).toEqual(['ProductionVariants']);
    // A scope tag adds the tags, never the Describe output.
    expect(describeFieldsOf([{ rule: tagged, params: { scopeTagKey: 'team' } }, { rule: monitoring }])).toEqual([
      'ProductionVariants',
    ]);
    const endpointConfigRule = ruleById('sagemaker-endpoint-config-kms-key')!;
    expect(describeFieldsOf([{ rule: endpointConfigRule }, { rule: monitoring }])).toBeUndefined();
  });
});

describe("an adapter's actions and its lookup by type", () => {
  const actions = {
    list: ['sagemaker:ListEndpoints'],
    describe: ['sagemaker:DescribeEndpoint', 'sagemaker:ListEndpoints'],
    tags: ['tag:GetResources'],
  };

  it('are the listing actions and those of the reads made, each once', () => {
    expect(actionsFor(actions, [])).toEqual(['sagemaker:ListEndpoints']);
    expect(actionsFor(actions, ['describe', 'tags'])).toEqual([
      'sagemaker:ListEndpoints',
      'sagemaker:DescribeEndpoint',
      'tag:GetResources',
    ]);
    // A read the adapter does not make adds nothing.
    expect(actionsFor(actions, ['monitoringSchedules'])).toEqual(['sagemaker:ListEndpoints']);
  });

  it('fetch every read without a set of reads, and only those in it with one', () => {
    const context = { params: {}, accountId: undefined };
    expect(wants(context, 'tags')).toBe(true);
    expect(wants({ ...context, reads: new Set(['describe'] as const) }, 'tags')).toBe(false);
    expect(wants({ ...context, reads: new Set(['tags'] as const) }, 'tags')).toBe(true);
  });

  it('finds the entry for a type, or names the rule and the type that has none', () => {
    const table = { 'AWS::SageMaker::Endpoint': 'endpoints' };
    expect(inventoryAdapterOf(table, 'r', 'AWS::SageMaker::Endpoint')).toBe('endpoints');
    expect(() => inventoryAdapterOf(table, 'r', 'AWS::SageMaker::Space')).toThrow(
      'rule r lists AWS::SageMaker::Space through an inventory adapter, but there is none for that type',
    );
    expect(noInventoryAdapter('r', 'T')).toBe(
      'rule r lists T through an inventory adapter, but there is none for that type',
    );
  });
});

describe('verdicts and rule definitions (rule.ts)', () => {
  it('build each verdict with its annotation, and without one when none is given', () => {
    expect(compliant()).toEqual({ complianceType: 'COMPLIANT' });
    expect(compliant('ok')).toEqual({ complianceType: 'COMPLIANT', annotation: 'ok' });
    expect(nonCompliant('no key')).toEqual({ complianceType: 'NON_COMPLIANT', annotation: 'no key' });
    expect(notApplicable()).toEqual({ complianceType: 'NOT_APPLICABLE' });
    expect(notApplicable('deleted')).toEqual({ complianceType: 'NOT_APPLICABLE', annotation: 'deleted' });
  });

  it("read a rule's items from Config unless it says otherwise, and its trigger's frequency", () => {
    const { source: _source, ...definition } = ruleById('sagemaker-notebook-kms-key')!;
    const defined = defineRule(definition);
    expect(defined.source).toBe('config');
    expect(Object.isFrozen(defined)).toBe(true);
    expect([isPeriodic(defined), frequencyOf(defined)]).toEqual([false, undefined]);
    const periodic = ruleById('sagemaker-training-job-volume-kms')!;
    expect(periodic.source).toBe('inventory');
    expect(isPeriodic(periodic)).toBe(true);
    expect(frequencyOf(periodic)).toBe('TwentyFour_Hours');
  });
});
