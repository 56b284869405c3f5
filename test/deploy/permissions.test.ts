// The IAM a function gets is derived from its rule's runtime path, from what it reads, and from
// the inventory adapters' declared actions per read, never written per rule.
import { describe, expect, it } from 'vitest';
import {
  handsOff,
  loadAdapterActions,
  memberActions,
  runtimeActions,
  type AdapterActions,
} from '../../deploy/permissions.js';
import { inventoryTypesOf, isScheduled, scheduledTypesOf } from '../../rules/_core/recording.js';
import { compliant, defineRule } from '../../rules/_core/rule.js';
import { actionsFor } from '../../rules/_core/inventory.js';
import { readsOf } from '../../rules/_core/reads.js';
import { inventoryLoaders } from '../../rules/_inventory/index.js';
import { rules } from '../../rules/index.js';

const base = {
  description: 'test rule',
  controls: [],
  severity: 'low' as const,
  rationale: 'test rule',
  manualRemediation: 'test rule',
  parameters: {},
  evaluate: () => compliant(),
};
const changeRule = defineRule({
  ...base,
  id: 'change-rule',
  resourceTypes: ['AWS::SageMaker::Model'],
  trigger: 'change',
});
const changeWithLookups = defineRule({
  ...base,
  id: 'change-with-lookups',
  resourceTypes: ['AWS::SageMaker::Model'],
  trigger: 'change',
  lookups: () => [{ resourceType: 'AWS::S3::Bucket', resourceId: 'ml-artifacts' }],
});
const periodicConfig = defineRule({
  ...base,
  id: 'periodic-config',
  resourceTypes: ['AWS::SageMaker::EndpointConfig'],
  trigger: { periodic: 'Six_Hours' },
});
const periodicInventory = defineRule({
  ...base,
  id: 'periodic-inventory',
  resourceTypes: ['AWS::SageMaker::Pipeline'],
  trigger: { periodic: 'TwentyFour_Hours' },
  source: 'inventory',
});
const periodicTagRule = defineRule({ ...periodicInventory, id: 'periodic-tag-rule', reads: ['tags'] });
const adapters: AdapterActions = {
  'AWS::SageMaker::Pipeline': {
    actions: {
      list: ['sagemaker:ListPipelines'],
      describe: ['sagemaker:DescribePipeline'],
      tags: ['tag:GetResources'],
    },
  },
};

describe('runtimeActions', () => {
  it('gives a change rule PutEvaluations and the oversized fetch only', () => {
    expect(runtimeActions(changeRule, {})).toEqual(['config:GetResourceConfigHistory', 'config:PutEvaluations']);
  });

  it('adds BatchGetResourceConfig only for a rule that declares lookups', () => {
    expect(runtimeActions(changeWithLookups, {})).toEqual([
      'config:BatchGetResourceConfig',
      'config:GetResourceConfigHistory',
      'config:PutEvaluations',
    ]);
  });

  it("gives a periodic rule over Config's inventory the listing, the batch read and the clean-up read", () => {
    expect(runtimeActions(periodicConfig, {})).toEqual([
      'config:BatchGetResourceConfig',
      'config:GetComplianceDetailsByConfigRule',
      'config:ListDiscoveredResources',
      'config:PutEvaluations',
    ]);
  });

  it("gives a periodic inventory rule its adapter's listing and the actions of what it reads, and no Config listing", () => {
    expect(runtimeActions(periodicInventory, adapters)).toEqual([
      'config:GetComplianceDetailsByConfigRule',
      'config:PutEvaluations',
      'sagemaker:DescribePipeline',
      'sagemaker:ListPipelines',
    ]);
    // A tag rule reads no Describe output: it is never granted the Describe call.
    expect(runtimeActions(periodicTagRule, adapters)).toEqual([
      'config:GetComplianceDetailsByConfigRule',
      'config:PutEvaluations',
      'sagemaker:ListPipelines',
      'tag:GetResources',
    ]);
  });

  it('adds the tag read when the stack sets a scope tag, since applicability reads the tags', () => {
    expect(runtimeActions(periodicInventory, adapters, { scoped: true })).toContain('tag:GetResources');
    expect(runtimeActions(periodicInventory, adapters)).not.toContain('tag:GetResources');
  });

  it('refuses a rule whose adapter is missing, and any wildcard action an adapter might declare', () => {
    expect(() => runtimeActions(periodicInventory, {})).toThrow(
      'rule periodic-inventory lists AWS::SageMaker::Pipeline through an inventory adapter, but there is none for that type',
    );
    expect(() =>
      runtimeActions(periodicInventory, { 'AWS::SageMaker::Pipeline': { actions: { list: ['sagemaker:List*'] } } }),
    ).toThrow('wildcard');
  });

  it("derives every registry rule's grant from the adapters the pack ships", async () => {
    const loaded = await loadAdapterActions(rules);
    for (const rule of rules) {
      const actions = runtimeActions(rule, loaded);
      expect(actions).toContain('config:PutEvaluations');
      expect(
        actions.every((a) => /^[a-z0-9-]+:[A-Za-z0-9]+$/.test(a)),
        rule.id,
      ).toBe(true);
      if (inventoryTypesOf(rule).length > 0) {
        const declared = new Set<string>();
        for (const type of inventoryTypesOf(rule))
          for (const a of actionsFor((await inventoryLoaders[type]!()).actions, readsOf(rule))) declared.add(a);
        expect(actions.filter((a) => !a.startsWith('config:')).sort(), rule.id).toEqual([...declared].sort());
        expect(actions, rule.id).not.toContain('config:ListDiscoveredResources');
      } else {
        expect(
          actions.some((a) => a.startsWith('sagemaker:') || a.startsWith('s3:') || a.startsWith('tag:')),
          rule.id,
        ).toBe(false);
      }
    }
  });

  it("gives a member account's role the union of the selected rules' actions", () => {
    expect(memberActions([changeRule, periodicInventory], adapters)).toEqual([
      'config:GetComplianceDetailsByConfigRule',
      'config:GetResourceConfigHistory',
      'config:PutEvaluations',
      'sagemaker:DescribePipeline',
      'sagemaker:ListPipelines',
    ]);
  });

  it('lets the scheduled runs over resumable listings hand off, and keeps the member role out of it', async () => {
    const loaded = await loadAdapterActions(rules);
    const chaining = rules.filter((r) => handsOff(r, loaded)).map((r) => r.id);
    // Every rule that lists endpoints or training jobs on a schedule; none that lists anything else.
    const expected = rules
      .filter((r) => isScheduled(r, { tracking: false }))
      .filter((r) =>
        scheduledTypesOf(r, { tracking: false }).some(
          (t) => t === 'AWS::SageMaker::Endpoint' || t === 'AWS::SageMaker::TrainingJob',
        ),
      )
      .map((r) => r.id);
    expect(chaining.length).toBeGreaterThan(0);
    expect(chaining).toEqual(expected);
    expect(chaining).not.toContain('sagemaker-notebook-kms-key');
    expect(memberActions(rules, loaded).some((a) => a.startsWith('lambda:'))).toBe(false);
    // With tracking on, endpoints are recorded, not listed: no hand-off for a change-triggered type.
    expect(handsOff(rules.find((r) => r.id === 'sagemaker-endpoint-config-kms-key')!, loaded, { tracking: true })).toBe(
      false,
    );
  });

  it("grants the endpoint tag rule no Describe or monitoring-schedule call (the issue's 4,021-call design needed both)", async () => {
    const loaded = await loadAdapterActions(rules);
    const tagged = rules.find((r) => r.id === 'sagemaker-endpoint-tagged')!;
    // ListTags only for what GetResources leaves out (a few, or all where it misses the type).
    expect(runtimeActions(tagged, loaded)).toEqual([
      'config:GetComplianceDetailsByConfigRule',
      'config:PutEvaluations',
      'sagemaker:ListEndpoints',
      'sagemaker:ListTags',
      'tag:GetResources',
    ]);
  });
});
