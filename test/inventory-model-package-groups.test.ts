// The model package group inventory adapter over mocked SageMaker responses: pagination, the
// newest-package lookup (ListModelPackages sorted newest first, one result, then DescribeModelPackage),
// the item shape, groups without packages, the concurrency bound, errors, and the rule it feeds.
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import {
  DescribeModelPackageCommand,
  ListModelPackageGroupsCommand,
  ListModelPackagesCommand,
  ListTagsCommand,
  type DescribeModelPackageCommandOutput,
  type ModelApprovalStatus,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { configSources } from '../rules/_core/config-sources.js';
import { evaluateEvent } from '../rules/_core/engine.js';
import { parseEvent } from '../rules/_core/event.js';
import { inventoryLoaders, inventoryModules } from '../rules/_inventory/index.js';
import adapter, { RESOURCE_TYPE } from '../rules/_inventory/model-package-groups.js';
import { DEFAULT_CONCURRENCY } from '../rules/_inventory/sagemaker.js';
import { ACCOUNT, inventoryTestbed } from './support/inventory.js';
import approvalRule from '../rules/sagemaker-model-package-group-approval.js';

const NOW = new Date('2026-11-21T06:00:12.402Z');
const { client, sagemaker, tagging, context, serveTags, calledActions } = inventoryTestbed({ now: NOW });
const XGB = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1';

const groupArn = (name: string) => `arn:aws:sagemaker:us-east-1:${ACCOUNT}:model-package-group/${name}`;
const packageArn = (group: string, version: number) =>
  `arn:aws:sagemaker:us-east-1:${ACCOUNT}:model-package/${group}/${version}`;
const CREATED = new Date('2026-11-20T02:41:09.318Z');

function describedPackage(
  group: string,
  version: number,
  status: ModelApprovalStatus,
  modified?: Date,
): DescribeModelPackageCommandOutput {
  return {
    $metadata: { httpStatusCode: 200, requestId: '5b7d9f1a-3c5e-4a7b-8d9f-1a3c5e7b9d2f' },
    ModelPackageName: group,
    ModelPackageGroupName: group,
    ModelPackageVersion: version,
    ModelPackageArn: packageArn(group, version),
    ModelPackageRegistrationType: 'Registered',
    CreationTime: CREATED,
    InferenceSpecification: {
      Containers: [
        { Image: XGB, ModelDataUrl: `s3://sagemaker-us-east-1-${ACCOUNT}/${group}/model/output/model.tar.gz` },
      ],
      SupportedContentTypes: ['text/csv'],
      SupportedResponseMIMETypes: ['text/csv'],
    },
    ModelPackageStatus: 'Completed',
    ModelPackageStatusDetails: { ValidationStatuses: [], ImageScanStatuses: [] },
    CertifyForMarketplace: false,
    ModelApprovalStatus: status,
    ...(modified ? { LastModifiedTime: modified } : {}),
  };
}

/**
 * Serve `groups` (name → newest package version, or undefined for an empty group) through
 * ListModelPackageGroups pages of `pageSize`, with the package lookups and ListTags behind them.
 */
function serve(groups: Record<string, number | undefined>, pageSize = 100, delayMs = 0) {
  const state = { inFlight: 0, maxInFlight: 0, listInputs: [] as Record<string, unknown>[] };
  const names = Object.keys(groups);
  const pages: string[][] = [];
  for (let i = 0; i < Math.max(names.length, 1); i += pageSize) pages.push(names.slice(i, i + pageSize));
  sagemaker.on(ListModelPackageGroupsCommand).callsFake(async (input) => {
    state.listInputs.push({ ...input });
    const index = input.NextToken ? Number(input.NextToken.replace('page-', '')) : 0;
    return {
      ModelPackageGroupSummaryList: pages[index]!.map((ModelPackageGroupName) => ({
        ModelPackageGroupName,
        ModelPackageGroupArn: groupArn(ModelPackageGroupName),
        ModelPackageGroupDescription: `Models trained by the ${ModelPackageGroupName} pipeline`,
        CreationTime: new Date('2026-09-14T11:30:52.604Z'),
        ModelPackageGroupStatus: 'Completed' as const,
      })),
      ...(index + 1 < pages.length ? { NextToken: `page-${index + 1}` } : {}),
    };
  });
  sagemaker.on(ListModelPackagesCommand).callsFake(async (input) => {
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    await new Promise((r) => setTimeout(r, delayMs));
    state.inFlight--;
    const group = input.ModelPackageGroupName!;
    const version = groups[group];
    return {
      ModelPackageSummaryList:
        version === undefined
          ? []
          : [
              {
                ModelPackageGroupName: group,
                ModelPackageVersion: version,
                ModelPackageArn: packageArn(group, version),
                CreationTime: CREATED,
                ModelPackageStatus: 'Completed' as const,
                ModelApprovalStatus: 'PendingManualApproval' as const,
              },
            ],
      // More versions exist; MaxResults 1 means the adapter never needs them.
      ...(version !== undefined && version > 1 ? { NextToken: 'older-versions' } : {}),
    };
  });
  sagemaker.on(DescribeModelPackageCommand).callsFake(async (input) => {
    const [, group, version] = /model-package\/([^/]+)\/(\d+)$/.exec(input.ModelPackageName)!;
    return describedPackage(group!, Number(version), 'PendingManualApproval');
  });
  serveTags(() => names.map((name) => ({ arn: groupArn(name), tags: { 'ml-pipeline': name } })));
  return state;
}

/**
 * Wait until no group's lookup from a listing that failed is still running. The listing rejects at
 * its first error, while the other groups' ListModelPackages calls go on, each followed by a
 * DescribeModelPackage call: left running, that call would land in the mocks of what comes next.
 */
async function settled(state: { inFlight: number }): Promise<void> {
  // A lookup's DescribeModelPackage follows within the same turn its ListModelPackages answers in.
  do await new Promise((r) => setTimeout(r, 0));
  while (state.inFlight > 0);
}

describe('model-package-groups inventory adapter', () => {
  it('is registered for AWS::SageMaker::ModelPackageGroup, with exactly the actions it calls', async () => {
    expect(RESOURCE_TYPE).toBe('AWS::SageMaker::ModelPackageGroup');
    expect(adapter.resourceType).toBe(RESOURCE_TYPE);
    expect(adapter.actions).toEqual({
      list: ['sagemaker:ListModelPackageGroups'],
      latestModelPackage: ['sagemaker:ListModelPackages', 'sagemaker:DescribeModelPackage'],
      tags: ['tag:GetResources', 'sagemaker:ListTags'],
    });
    expect(await inventoryLoaders[RESOURCE_TYPE]!()).toBe(adapter);
    expect(inventoryModules[RESOURCE_TYPE]).toBe('./model-package-groups.js');
    serve({ 'fraud-detection-xgboost': 7 });
    // Untagged: GetResources leaves it out, so the listing asks ListTags about it (tags.ts).
    serveTags(() => [{ arn: groupArn('fraud-detection-xgboost'), tags: {} }]);
    await adapter.list(context());
    expect(calledActions()).toEqual(Object.values(adapter.actions).flat().sort());
  });

  it('follows NextToken across ListModelPackageGroups pages and looks up each group once, in order', async () => {
    const groups = {
      'fraud-detection-xgboost': 7,
      'churn-lightgbm': 3,
      'recsys-two-tower': undefined,
      'ltv-regressor': 1,
      'fraud-detection-gnn': 2,
    };
    const state = serve(groups, 2);
    const items = await adapter.list(context());
    expect(items.map((i) => i.resourceId)).toEqual(Object.keys(groups));
    expect(state.listInputs).toEqual([
      { MaxResults: 100 },
      { MaxResults: 100, NextToken: 'page-1' },
      { MaxResults: 100, NextToken: 'page-2' },
    ]);
    expect(sagemaker.commandCalls(ListModelPackagesCommand).map((c) => c.args[0].input.ModelPackageGroupName)).toEqual(
      Object.keys(groups),
    );
  });

  it('asks for the newest versioned package only, and describes it by ARN', async () => {
    serve({ 'fraud-detection-xgboost': 7 });
    await adapter.list(context());
    const lists = sagemaker.commandCalls(ListModelPackagesCommand);
    expect(lists).toHaveLength(1);
    expect(lists[0]!.args[0].input).toEqual({
      ModelPackageGroupName: 'fraud-detection-xgboost',
      ModelPackageType: 'Versioned',
      SortBy: 'CreationTime',
      SortOrder: 'Descending',
      MaxResults: 1,
    });
    expect(sagemaker.commandCalls(DescribeModelPackageCommand).map((c) => c.args[0].input)).toEqual([
      { ModelPackageName: packageArn('fraud-detection-xgboost', 7) },
    ]);
  });

  it('merges the group summary, the newest package and the group tags into a configuration item', async () => {
    serve({ 'fraud-detection-xgboost': 7 });
    const [item] = await adapter.list(context());
    const { $metadata: _metadata, ...newest } = describedPackage('fraud-detection-xgboost', 7, 'PendingManualApproval');
    expect(item).toEqual({
      resourceType: 'AWS::SageMaker::ModelPackageGroup',
      resourceId: 'fraud-detection-xgboost',
      resourceName: 'fraud-detection-xgboost',
      arn: groupArn('fraud-detection-xgboost'),
      awsAccountId: ACCOUNT,
      awsRegion: 'us-east-1',
      configurationItemStatus: 'OK',
      configurationItemCaptureTime: NOW.toISOString(),
      tags: { 'ml-pipeline': 'fraud-detection-xgboost' },
      configuration: {
        ModelPackageGroupName: 'fraud-detection-xgboost',
        ModelPackageGroupArn: groupArn('fraud-detection-xgboost'),
        ModelPackageGroupDescription: 'Models trained by the fraud-detection-xgboost pipeline',
        CreationTime: '2026-09-14T11:30:52.604Z',
        ModelPackageGroupStatus: 'Completed',
        LatestModelPackage: JSON.parse(JSON.stringify(newest)),
      },
      supplementaryConfiguration: {},
    });
    expect(item!.configuration.LatestModelPackage.CreationTime).toBe('2026-11-20T02:41:09.318Z');
    // Tags are the group's, not the package's.
    expect(tagging.inputs).toEqual([{ ResourceTypeFilters: ['sagemaker:model-package-group'], ResourcesPerPage: 100 }]);
    expect(sagemaker.commandCalls(ListTagsCommand)).toHaveLength(0);
  });

  it('leaves LatestModelPackage out, and describes nothing, for a group without packages', async () => {
    serve({ 'recsys-two-tower': undefined });
    const [item] = await adapter.list(context());
    expect(item!.resourceId).toBe('recsys-two-tower');
    expect(item!.configuration).not.toHaveProperty('LatestModelPackage');
    expect(item!.tags).toEqual({ 'ml-pipeline': 'recsys-two-tower' });
    expect(sagemaker.commandCalls(DescribeModelPackageCommand)).toHaveLength(0);
  });

  it('returns nothing in an account without model package groups', async () => {
    serve({});
    expect(await adapter.list(context())).toEqual([]);
    expect(sagemaker.commandCalls(ListModelPackagesCommand)).toHaveLength(0);
  });

  it('keeps at most `concurrency` groups in flight, and the default bound without one', async () => {
    const groups = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`churn-lightgbm-segment-${i + 1}`, i + 1]));
    const bounded = serve(groups, 7, 5);
    expect(await adapter.list(context({ concurrency: 3 }))).toHaveLength(20);
    expect(bounded.maxInFlight).toBe(3);
    sagemaker.reset();
    const unbounded = serve(groups, 100, 5);
    await adapter.list(context());
    expect(unbounded.maxInFlight).toBe(DEFAULT_CONCURRENCY);
  });

  it('lets errors from every call propagate', async () => {
    const groups = { 'fraud-detection-xgboost': 7, 'churn-lightgbm': 3 };
    const denied = (action: string) =>
      Object.assign(new Error(`User is not authorized to perform: sagemaker:${action}`), {
        name: 'AccessDeniedException',
      });
    const first = serve(groups);
    sagemaker
      .on(ListModelPackagesCommand, { ModelPackageGroupName: 'churn-lightgbm' })
      .rejects(denied('ListModelPackages'));
    await expect(adapter.list(context())).rejects.toThrow(/sagemaker:ListModelPackages/);
    await settled(first);
    sagemaker.reset();
    const second = serve(groups);
    sagemaker.on(DescribeModelPackageCommand).rejects(denied('DescribeModelPackage'));
    await expect(adapter.list(context())).rejects.toThrow(/sagemaker:DescribeModelPackage/);
    await settled(second);
    sagemaker.reset();
    sagemaker
      .on(ListModelPackageGroupsCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(adapter.list(context())).rejects.toThrow(/Rate exceeded/);
  });

  it('feeds sagemaker-model-package-group-approval through a scheduled run', async () => {
    serve({ 'fraud-detection-xgboost': 7, 'churn-lightgbm': 3, 'ltv-regressor': 2, 'recsys-two-tower': undefined });
    const describedAs = (group: string, version: number, status: ModelApprovalStatus, modified?: Date) =>
      sagemaker
        .on(DescribeModelPackageCommand, { ModelPackageName: packageArn(group, version) })
        .resolves(describedPackage(group, version, status, modified));
    describedAs('fraud-detection-xgboost', 7, 'Approved', new Date('2026-11-20T15:12:47.905Z'));
    describedAs('churn-lightgbm', 3, 'Approved');
    describedAs('ltv-regressor', 2, 'Rejected', new Date('2026-11-20T16:00:00.000Z'));
    const config = new ConfigServiceClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const configMock = mockClient(config);
    const event = parseEvent({
      invokingEvent: JSON.stringify({
        awsAccountId: ACCOUNT,
        notificationCreationTime: '2026-11-21T06:00:00.412Z',
        messageType: 'ScheduledNotification',
        recordVersion: '1.0',
      }),
      ruleParameters: '{}',
      resultToken: 'TESTMODE',
      configRuleName: 'ml-sagemaker-model-package-group-approval',
      accountId: ACCOUNT,
    });
    const sources = configSources({
      config,
      inventory: inventoryLoaders,
      inventoryContext: { sagemaker: client, tagging: tagging.client, now: NOW },
    });
    const { evaluations } = await evaluateEvent(approvalRule, event, sources);
    expect(evaluations.map((e) => [e.ComplianceResourceType, e.ComplianceResourceId, e.ComplianceType])).toEqual([
      ['AWS::SageMaker::ModelPackageGroup', 'fraud-detection-xgboost', 'COMPLIANT'],
      ['AWS::SageMaker::ModelPackageGroup', 'churn-lightgbm', 'NON_COMPLIANT'],
      ['AWS::SageMaker::ModelPackageGroup', 'ltv-regressor', 'NON_COMPLIANT'],
      ['AWS::SageMaker::ModelPackageGroup', 'recsys-two-tower', 'NOT_APPLICABLE'],
    ]);
    expect(evaluations[1]!.Annotation).toMatch(/^newest package \(version 3\) was created already Approved/);
    expect(evaluations[2]!.Annotation).toBe('newest package (version 2): ModelApprovalStatus is Rejected');
    expect(configMock.calls()).toHaveLength(0);
  });
});
