import {
  DescribeNotebookInstanceCommand,
  ListNotebookInstancesCommand,
  ListTagsCommand,
  type DescribeNotebookInstanceCommandOutput,
} from '@aws-sdk/client-sagemaker';
import { describe, expect, it } from 'vitest';
import adapter, { RESOURCE_TYPE } from '../rules/_inventory/notebook-instances.js';
import { inventoryLoaders, inventoryModules } from '../rules/_inventory/index.js';
import { DEFAULT_CONCURRENCY } from '../rules/_inventory/sagemaker.js';
import { ACCOUNT, inventoryTestbed, NOW } from './support/inventory.js';
import platformRule from '../rules/sagemaker-notebook-platform-supported.js';

const { sagemaker, tagging, context, serveTags, calledActions, runScheduled } = inventoryTestbed();

const arnOf = (name: string) => `arn:aws:sagemaker:us-east-1:${ACCOUNT}:notebook-instance/${name}`;
const summary = (name: string) => ({
  NotebookInstanceName: name,
  NotebookInstanceArn: arnOf(name),
  NotebookInstanceStatus: 'InService' as const,
  InstanceType: 'ml.t3.medium' as const,
});

function described(name: string, platform = 'notebook-al2023-v1'): DescribeNotebookInstanceCommandOutput {
  return {
    $metadata: { httpStatusCode: 200, requestId: '5a0e7c1d-2b3f-4e8a-9c6d-0f1e2d3c4b5a' },
    NotebookInstanceArn: arnOf(name),
    NotebookInstanceName: name,
    NotebookInstanceStatus: 'InService',
    Url: `${name}.notebook.us-east-1.sagemaker.aws`,
    InstanceType: 'ml.t3.medium',
    SubnetId: 'subnet-0a1b2c3d4e5f60718',
    SecurityGroups: ['sg-0f1e2d3c4b5a69788'],
    RoleArn: `arn:aws:iam::${ACCOUNT}:role/service-role/AmazonSageMaker-ExecutionRole-20261102T101500`,
    KmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    DirectInternetAccess: 'Disabled',
    RootAccess: 'Disabled',
    VolumeSizeInGB: 20,
    PlatformIdentifier: platform,
    CreationTime: new Date('2026-11-02T10:15:44.870Z'),
    LastModifiedTime: new Date('2026-11-18T14:22:09.311Z'),
  };
}

const tagsFor = (arn: string) => [
  { Key: 'ml-pipeline', Value: 'fraud-detection' },
  { Key: 'notebook', Value: arn.split('/').pop()! },
];

/** Serve `names` through ListNotebookInstances in pages of `pageSize`, with Describe and ListTags behind them. */
function serve(names: string[], pageSize = 100, delayMs = 0) {
  // The paginator reuses one input object across pages, so each call's input is copied as it arrives.
  const state = { inFlight: 0, maxInFlight: 0, listInputs: [] as Record<string, unknown>[] };
  const pages: string[][] = [];
  for (let i = 0; i < Math.max(names.length, 1); i += pageSize) pages.push(names.slice(i, i + pageSize));
  sagemaker.on(ListNotebookInstancesCommand).callsFake(async (input) => {
    state.listInputs.push({ ...input });
    const index = input.NextToken ? Number(input.NextToken.replace('page-', '')) : 0;
    const next = index + 1 < pages.length ? { NextToken: `page-${index + 1}` } : {};
    return { NotebookInstances: pages[index]!.map(summary), ...next };
  });
  sagemaker.on(DescribeNotebookInstanceCommand).callsFake(async (input) => {
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    await new Promise((r) => setTimeout(r, delayMs));
    state.inFlight--;
    return described(input.NotebookInstanceName);
  });
  serveTags(() =>
    names.map((name) => ({
      arn: arnOf(name),
      tags: Object.fromEntries(tagsFor(arnOf(name)).map((t) => [t.Key, t.Value])),
    })),
  );
  return state;
}

describe('notebook-instances inventory adapter', () => {
  it('is registered for AWS::SageMaker::NotebookInstance in both maps, with exactly the actions it calls', async () => {
    expect(RESOURCE_TYPE).toBe('AWS::SageMaker::NotebookInstance');
    expect(adapter.resourceType).toBe(RESOURCE_TYPE);
    expect(adapter.actions).toEqual({
      list: ['sagemaker:ListNotebookInstances'],
      describe: ['sagemaker:DescribeNotebookInstance'],
      tags: ['tag:GetResources', 'sagemaker:ListTags'],
    });
    expect(await inventoryLoaders[RESOURCE_TYPE]!()).toBe(adapter);
    expect(inventoryModules[RESOURCE_TYPE]).toBe('./notebook-instances.js');
    // Every API call a listing makes is one of the declared actions (the deploy grants exactly these).
    serve(['fraud-detection-dev']);
    // Untagged: GetResources leaves it out, so the listing asks ListTags about it (tags.ts).
    serveTags(() => [{ arn: arnOf('fraud-detection-dev'), tags: {} }]);
    await adapter.list(context());
    expect(calledActions()).toEqual(Object.values(adapter.actions).flat().sort());
  });

  it('follows NextToken across two pages of ListNotebookInstances', async () => {
    const names = ['fraud-detection-dev', 'churn-explore', 'recsys-sandbox'];
    const state = serve(names, 2);
    const items = await adapter.list(context());
    expect(items.map((i) => i.resourceId)).toEqual(names);
    expect(state.listInputs).toEqual([{ MaxResults: 100 }, { MaxResults: 100, NextToken: 'page-1' }]);
    expect(sagemaker.commandCalls(DescribeNotebookInstanceCommand)).toHaveLength(3);
  });

  it('merges the Describe output and the tags into a configuration item', async () => {
    serve(['fraud-detection-dev']);
    const [item] = await adapter.list(context());
    const { $metadata: _metadata, ...describe } = described('fraud-detection-dev');
    expect(item).toEqual({
      resourceType: 'AWS::SageMaker::NotebookInstance',
      resourceId: 'fraud-detection-dev',
      resourceName: 'fraud-detection-dev',
      arn: arnOf('fraud-detection-dev'),
      awsAccountId: ACCOUNT,
      awsRegion: 'us-east-1',
      configurationItemStatus: 'OK',
      configurationItemCaptureTime: NOW.toISOString(),
      tags: { 'ml-pipeline': 'fraud-detection', notebook: 'fraud-detection-dev' },
      // Dates become ISO strings and SDK metadata is dropped, so the item is plain JSON like a Config item.
      configuration: {
        ...describe,
        CreationTime: '2026-11-02T10:15:44.870Z',
        LastModifiedTime: '2026-11-18T14:22:09.311Z',
      },
      supplementaryConfiguration: {},
    });
    expect(sagemaker.commandCalls(DescribeNotebookInstanceCommand)[0]!.args[0].input).toEqual({
      NotebookInstanceName: 'fraud-detection-dev',
    });
    expect(tagging.inputs).toEqual([{ ResourceTypeFilters: ['sagemaker:notebook-instance'], ResourcesPerPage: 100 }]);
    expect(sagemaker.commandCalls(ListTagsCommand)).toHaveLength(0);
  });

  it('returns nothing, and describes nothing, when the account has no notebooks', async () => {
    serve([]);
    expect(await adapter.list(context())).toEqual([]);
    expect(sagemaker.commandCalls(DescribeNotebookInstanceCommand)).toHaveLength(0);
  });

  it('keeps at most `concurrency` Describe calls in flight', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `research-notebook-${i + 1}`);
    const state = serve(names, 5, 5);
    const items = await adapter.list(context({ concurrency: 3 }));
    expect(items).toHaveLength(12);
    expect(state.maxInFlight).toBe(3);
  });

  it('uses the default bound when none is given', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `research-notebook-${i + 1}`);
    const state = serve(names, 100, 5);
    await adapter.list(context());
    expect(state.maxInFlight).toBe(DEFAULT_CONCURRENCY);
  });

  it('lets an error from DescribeNotebookInstance propagate instead of dropping the notebook', async () => {
    serve(['fraud-detection-dev', 'churn-explore']);
    const denied = Object.assign(new Error('User is not authorized to perform: sagemaker:DescribeNotebookInstance'), {
      name: 'AccessDeniedException',
    });
    sagemaker.on(DescribeNotebookInstanceCommand, { NotebookInstanceName: 'churn-explore' }).rejects(denied);
    await expect(adapter.list(context())).rejects.toThrow(
      /not authorized to perform: sagemaker:DescribeNotebookInstance/,
    );
  });

  it('feeds the periodic platform rule: one evaluation per listed notebook', async () => {
    serve(['fraud-detection-dev', 'legacy-churn-notebook']);
    sagemaker
      .on(DescribeNotebookInstanceCommand, { NotebookInstanceName: 'legacy-churn-notebook' })
      .resolves(described('legacy-churn-notebook', 'notebook-al2-v2'));
    const { evaluations, configCalls } = await runScheduled(platformRule);
    expect(evaluations.map((e) => [e.ComplianceResourceType, e.ComplianceResourceId, e.ComplianceType])).toEqual([
      ['AWS::SageMaker::NotebookInstance', 'fraud-detection-dev', 'COMPLIANT'],
      ['AWS::SageMaker::NotebookInstance', 'legacy-churn-notebook', 'NON_COMPLIANT'],
    ]);
    expect(evaluations[1]!.Annotation).toContain('notebook-al2-v2');
    // The notebooks come from the SageMaker API, not from Config's inventory.
    expect(configCalls).toBe(0);
  });
});
