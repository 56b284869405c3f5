// The table of where each tagging type's tags are read, and the small functions the tag reads
// build on: every type an adapter uses has a row with its sources, a type the table does not name
// is read with ListTags, an ARN's type is its resource-type segment, and the probes are spread.
import { describe, expect, it } from 'vitest';
import { directLoaders } from '../cli/direct/index.js';
import { inventoryLoaders } from '../rules/_inventory/index.js';
import { SOURCES, TAG_COVERAGE, tagSourceOf, taggingTypeOfArn } from '../rules/_inventory/tagging-coverage.js';
import { belongsInAnswer, scopeFilterOf, spread } from '../rules/_inventory/tags.js';

const A = 'arn:aws:sagemaker:us-east-1:123456789012';

describe('the tag coverage table', () => {
  it('holds one row per type, in order, each a `sagemaker:` ARN segment', () => {
    const types = TAG_COVERAGE.map((r) => r.type);
    expect(types).toEqual([...new Set(types)].sort());
    for (const type of types) expect(type).toMatch(/^sagemaker:[a-z]+(-[a-z]+)*$/);
  });

  it('cites AWS pages in every row: GetResources rows the page that says it supports all resource types', () => {
    for (const row of TAG_COVERAGE) {
      expect(row.taggable, row.type).toMatch(
        /^https:\/\/docs\.aws\.amazon\.com\/sagemaker\/latest\/APIReference\/API_/,
      );
      if (row.via === 'getResources') expect(row.source, row.type).toBe(SOURCES.supportedServices);
    }
    expect(SOURCES.read).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('has a row for exactly the tagging types the adapters use', async () => {
    const used = new Set<string>();
    for (const load of [...Object.values(inventoryLoaders), ...Object.values(directLoaders)]) {
      const adapter = await load();
      if (adapter.resourceType.startsWith('AWS::SageMaker::')) {
        expect(adapter.tagging?.type, adapter.resourceType).toBeDefined();
        used.add(adapter.tagging!.type);
      }
    }
    expect([...used].sort()).toEqual(TAG_COVERAGE.map((r) => r.type));
    // doctor can list a few of each type the functions read through an adapter.
    for (const load of Object.values(inventoryLoaders)) expect((await load()).tagging?.sample).toBeTypeOf('function');
  });

  it('reads a type it does not name with ListTags', () => {
    expect(tagSourceOf('sagemaker:pipeline')).toBe('getResources');
    expect(tagSourceOf('sagemaker:cluster')).toBe('listTags');
    expect(tagSourceOf('sagemaker')).toBe('listTags');
  });
});

describe("an ARN's tagging type", () => {
  it('is the service and the resource-type segment, never a longer or shorter type', () => {
    expect(taggingTypeOfArn(`${A}:model/churn-xgb`)).toBe('sagemaker:model');
    expect(taggingTypeOfArn(`${A}:model-package-group/churn-xgb`)).toBe('sagemaker:model-package-group');
    expect(taggingTypeOfArn(`${A}:model-package/churn-xgb/3`)).toBe('sagemaker:model-package');
    expect(taggingTypeOfArn(`${A}:notebook-instance-lifecycle-config/no-secrets`)).toBe(
      'sagemaker:notebook-instance-lifecycle-config',
    );
    expect(taggingTypeOfArn('arn:aws-cn:sagemaker:cn-north-1:123456789012:endpoint/fraud-scorer')).toBe(
      'sagemaker:endpoint',
    );
    expect(taggingTypeOfArn('arn:aws:lambda:us-east-1:123456789012:function:ml-config-x')).toBe('lambda:function');
    expect(taggingTypeOfArn('fraud-scorer-prod')).toBeUndefined();
    expect(taggingTypeOfArn('')).toBeUndefined();
  });
});

describe('what GetResources should have returned', () => {
  it('any tag without a filter; with the scope tag filter, the key with a matching value', () => {
    expect(belongsInAnswer({}, undefined)).toBe(false);
    expect(belongsInAnswer({ 'ml-pipeline': '' }, undefined)).toBe(true);
    const scoped = scopeFilterOf({ scopeTagKey: 'team', scopeTagValue: 'fraud' });
    expect(scoped).toEqual({ Key: 'team', Values: ['fraud'] });
    expect(belongsInAnswer({ team: 'fraud', owner: 'ml' }, scoped)).toBe(true);
    expect(belongsInAnswer({ team: 'churn' }, scoped)).toBe(false);
    expect(belongsInAnswer({ owner: 'ml' }, scoped)).toBe(false);
    const keyOnly = scopeFilterOf({ scopeTagKey: 'team' });
    expect(keyOnly).toEqual({ Key: 'team' });
    expect(belongsInAnswer({ team: '' }, keyOnly)).toBe(true);
    expect(scopeFilterOf({})).toBeUndefined();
  });
});

describe('the probes', () => {
  it('are spread over what was left out: first, middle and last', () => {
    expect(spread([], 3)).toEqual([]);
    expect(spread(['a', 'b'], 3)).toEqual(['a', 'b']);
    expect(spread(['a', 'b', 'c', 'd'], 3)).toEqual(['a', 'c', 'd']);
    const hundredAndOne = Array.from({ length: 101 }, (_, i) => i);
    expect(spread(hundredAndOne, 3)).toEqual([0, 50, 100]);
    expect(spread(['a', 'b', 'c'], 1)).toEqual(['a']);
  });
});
