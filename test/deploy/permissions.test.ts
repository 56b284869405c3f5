// The IAM a function gets is derived from its rule's runtime path, and from the inventory
// adapters' declared actions, never written per rule.
import { describe, expect, it } from 'vitest';
import { loadAdapterActions, memberActions, runtimeActions, type AdapterActions } from '../../deploy/permissions.js';
import { compliant, defineRule, isPeriodic } from '../../rules/_core/rule.js';
import { inventoryLoaders } from '../../rules/_inventory/index.js';
import { rules } from '../../rules/index.js';

const base = { description: 'test rule', controls: [], parameters: {}, evaluate: () => compliant() };
const changeRule = defineRule({ ...base, id: 'change-rule', resourceTypes: ['AWS::SageMaker::Model'], trigger: 'change' });
const changeWithLookups = defineRule({
  ...base,
  id: 'change-with-lookups',
  resourceTypes: ['AWS::SageMaker::Model'],
  trigger: 'change',
  lookups: () => [{ resourceType: 'AWS::S3::Bucket', resourceId: 'ml-artifacts' }],
});
const periodicConfig = defineRule({ ...base, id: 'periodic-config', resourceTypes: ['AWS::SageMaker::EndpointConfig'], trigger: { periodic: 'Six_Hours' } });
const periodicInventory = defineRule({
  ...base,
  id: 'periodic-inventory',
  resourceTypes: ['AWS::SageMaker::Pipeline'],
  trigger: { periodic: 'TwentyFour_Hours' },
  source: 'inventory',
});
const adapters: AdapterActions = { 'AWS::SageMaker::Pipeline': { actions: ['sagemaker:ListPipelines', 'sagemaker:DescribePipeline', 'sagemaker:ListTags'] } };

describe('runtimeActions', () => {
  it('gives a change rule PutEvaluations and the oversized fetch only', () => {
    expect(runtimeActions(changeRule, {})).toEqual(['config:GetResourceConfigHistory', 'config:PutEvaluations']);
  });

  it('adds BatchGetResourceConfig only for a rule that declares lookups', () => {
    expect(runtimeActions(changeWithLookups, {})).toEqual(['config:BatchGetResourceConfig', 'config:GetResourceConfigHistory', 'config:PutEvaluations']);
  });

  it('gives a periodic rule over Config\'s inventory the listing, the batch read and the clean-up read', () => {
    expect(runtimeActions(periodicConfig, {})).toEqual([
      'config:BatchGetResourceConfig',
      'config:GetComplianceDetailsByConfigRule',
      'config:ListDiscoveredResources',
      'config:PutEvaluations',
    ]);
  });

  it('gives a periodic inventory rule exactly its adapters\' actions, and no Config listing', () => {
    expect(runtimeActions(periodicInventory, adapters)).toEqual([
      'config:GetComplianceDetailsByConfigRule',
      'config:PutEvaluations',
      'sagemaker:DescribePipeline',
      'sagemaker:ListPipelines',
      'sagemaker:ListTags',
    ]);
  });

  it('refuses a rule whose adapter is missing, and any wildcard action an adapter might declare', () => {
    expect(() => runtimeActions(periodicInventory, {})).toThrow('rule periodic-inventory lists AWS::SageMaker::Pipeline through an inventory adapter, but none was loaded');
    expect(() => runtimeActions(periodicInventory, { 'AWS::SageMaker::Pipeline': { actions: ['sagemaker:List*'] } })).toThrow('wildcard');
  });

  it('derives every registry rule\'s grant from the adapters the pack ships', async () => {
    const loaded = await loadAdapterActions(rules);
    for (const rule of rules) {
      const actions = runtimeActions(rule, loaded);
      expect(actions).toContain('config:PutEvaluations');
      expect(actions.every((a) => /^[a-z0-9-]+:[A-Za-z0-9]+$/.test(a)), rule.id).toBe(true);
      if (isPeriodic(rule) && rule.source === 'inventory') {
        const declared = new Set<string>();
        for (const type of rule.resourceTypes) for (const a of (await inventoryLoaders[type]!()).actions) declared.add(a);
        expect(actions.filter((a) => !a.startsWith('config:')).sort(), rule.id).toEqual([...declared].sort());
        expect(actions, rule.id).not.toContain('config:ListDiscoveredResources');
      } else {
        expect(actions.some((a) => a.startsWith('sagemaker:') || a.startsWith('s3:')), rule.id).toBe(false);
      }
    }
  });

  it('gives a member account\'s role the union of the selected rules\' actions', () => {
    expect(memberActions([changeRule, periodicInventory], adapters)).toEqual([
      'config:GetComplianceDetailsByConfigRule',
      'config:GetResourceConfigHistory',
      'config:PutEvaluations',
      'sagemaker:DescribePipeline',
      'sagemaker:ListPipelines',
      'sagemaker:ListTags',
    ]);
  });
});
