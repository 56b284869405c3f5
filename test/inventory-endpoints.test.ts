import {
  DescribeEndpointCommand,
  ListEndpointsCommand,
  ListMonitoringSchedulesCommand,
  ListTagsCommand,
  type DescribeEndpointCommandOutput,
  type MonitoringScheduleSummary,
} from '@aws-sdk/client-sagemaker';
import { GetResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import { describe, expect, it } from 'vitest';
import adapter, { RESOURCE_TYPE } from '../rules/_inventory/endpoints.js';
import { inventoryLoaders, inventoryModules } from '../rules/_inventory/index.js';
import { DEFAULT_CONCURRENCY } from '../rules/_inventory/sagemaker.js';
import monitoringRule from '../rules/sagemaker-endpoint-monitoring-scheduled.js';
import { ACCOUNT, inventoryTestbed, NOW } from './support/inventory.js';

const { sagemaker, tagging, context, serveTags, calledActions, runScheduled } = inventoryTestbed();

const arnOf = (name: string) => `arn:aws:sagemaker:us-east-1:${ACCOUNT}:endpoint/${name}`;

function described(
  name: string,
  status: DescribeEndpointCommandOutput['EndpointStatus'] = 'InService',
): DescribeEndpointCommandOutput {
  return {
    $metadata: { httpStatusCode: 200, requestId: '8c1f2e3d-4b5a-6978-8a9b-0c1d2e3f4a5b' },
    EndpointName: name,
    EndpointArn: arnOf(name),
    EndpointConfigName: `${name}-config-20261101`,
    ProductionVariants: [
      {
        VariantName: 'AllTraffic',
        DeployedImages: [
          {
            SpecifiedImage: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/fraud-scorer:1.4.2`,
            ResolvedImage: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/fraud-scorer@sha256:9f1c3a5e7b2d4f6a8c0e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a`,
            ResolutionTime: new Date('2026-11-01T09:12:30.114Z'),
          },
        ],
        CurrentWeight: 1,
        DesiredWeight: 1,
        CurrentInstanceCount: 2,
        DesiredInstanceCount: 2,
      },
    ],
    EndpointStatus: status,
    CreationTime: new Date('2026-11-01T09:10:02.551Z'),
    LastModifiedTime: new Date('2026-11-01T09:21:47.903Z'),
  };
}

const schedule = (
  name: string,
  endpoint: string | undefined,
  status: MonitoringScheduleSummary['MonitoringScheduleStatus'] = 'Scheduled',
): MonitoringScheduleSummary => ({
  MonitoringScheduleName: name,
  MonitoringScheduleArn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:monitoring-schedule/${name}`,
  CreationTime: new Date('2026-11-02T07:30:00.000Z'),
  LastModifiedTime: new Date('2026-11-03T07:30:00.000Z'),
  MonitoringScheduleStatus: status,
  ...(endpoint ? { EndpointName: endpoint } : {}),
  MonitoringJobDefinitionName: `${name}-definition`,
  MonitoringType: 'DataQuality',
});

const pagesOf = <T>(list: T[], size: number): T[][] => {
  const pages: T[][] = [];
  for (let i = 0; i < Math.max(list.length, 1); i += size) pages.push(list.slice(i, i + size));
  return pages;
};

/** Serve endpoints and schedules in pages, with Describe and ListTags behind them. */
function serve(
  names: string[],
  schedules: MonitoringScheduleSummary[] = [],
  options: { pageSize?: number; delayMs?: number } = {},
) {
  const { pageSize = 100, delayMs = 0 } = options;
  // Paginators reuse one input object across pages, so each call's input is copied as it arrives.
  const state = {
    inFlight: 0,
    maxInFlight: 0,
    endpointInputs: [] as Record<string, unknown>[],
    scheduleInputs: [] as Record<string, unknown>[],
  };
  const endpointPages = pagesOf(names, pageSize);
  sagemaker.on(ListEndpointsCommand).callsFake(async (input) => {
    state.endpointInputs.push({ ...input });
    const index = input.NextToken ? Number(input.NextToken.replace('endpoints-', '')) : 0;
    const next = index + 1 < endpointPages.length ? { NextToken: `endpoints-${index + 1}` } : {};
    return { Endpoints: endpointPages[index]!.map(summary), ...next };
  });
  serveTags(() =>
    names.map((name) => ({ arn: arnOf(name), tags: { 'ml-pipeline': 'fraud-detection', endpoint: name } })),
  );
  const schedulePages = pagesOf(schedules, pageSize);
  sagemaker.on(ListMonitoringSchedulesCommand).callsFake(async (input) => {
    state.scheduleInputs.push({ ...input });
    const index = input.NextToken ? Number(input.NextToken.replace('schedules-', '')) : 0;
    const next = index + 1 < schedulePages.length ? { NextToken: `schedules-${index + 1}` } : {};
    return { MonitoringScheduleSummaries: schedulePages[index]!, ...next };
  });
  sagemaker.on(DescribeEndpointCommand).callsFake(async (input) => {
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    await new Promise((r) => setTimeout(r, delayMs));
    state.inFlight--;
    return described(input.EndpointName);
  });
  return state;
}

/** A ListEndpoints summary (SageMaker lowercases nothing here; the ARN is the one Describe returns). */
const summary = (EndpointName: string) => ({
  EndpointName,
  EndpointArn: arnOf(EndpointName),
  EndpointStatus: 'InService' as const,
  CreationTime: new Date('2026-11-01T09:10:02.551Z'),
  LastModifiedTime: new Date('2026-11-01T09:21:47.903Z'),
});

const plain = (s: MonitoringScheduleSummary) => JSON.parse(JSON.stringify(s));

describe('endpoints inventory adapter', () => {
  it('is registered for AWS::SageMaker::Endpoint, with exactly the actions it calls', async () => {
    expect(RESOURCE_TYPE).toBe('AWS::SageMaker::Endpoint');
    expect(adapter.resourceType).toBe(RESOURCE_TYPE);
    expect(adapter.actions).toEqual({
      list: ['sagemaker:ListEndpoints'],
      describe: ['sagemaker:Search', 'sagemaker:DescribeEndpoint'],
      tags: ['tag:GetResources', 'sagemaker:ListTags'],
      monitoringSchedules: ['sagemaker:ListMonitoringSchedules'],
    });
    expect(await inventoryLoaders[RESOURCE_TYPE]!()).toBe(adapter);
    expect(inventoryModules[RESOURCE_TYPE]).toBe('./endpoints.js');
    // Every API call a listing makes is one of the declared actions (the deploy grants exactly these).
    serve(['fraud-scorer-prod'], [schedule('fraud-scorer-prod-data-quality', 'fraud-scorer-prod')]);
    // Untagged: GetResources leaves it out, so the listing asks ListTags about it (tags.ts).
    serveTags(() => [{ arn: arnOf('fraud-scorer-prod'), tags: {} }]);
    await adapter.list(context());
    expect(calledActions()).toEqual(Object.values(adapter.actions).flat().sort());
  });

  it('goes on listing endpoints while the monitoring schedules are read, not one page ahead of them', async () => {
    const names = ['ep-a', 'ep-b', 'ep-c', 'ep-d', 'ep-e'];
    const state = serve(names, [], { pageSize: 1 });
    // ListMonitoringSchedules answers only once every ListEndpoints page has been asked for, or
    // after a second: a listing that waited for the schedules would make it take the second.
    let listedFirst = false;
    sagemaker.on(ListMonitoringSchedulesCommand).callsFake(async () => {
      const deadline = Date.now() + 1_000;
      while (state.endpointInputs.length < names.length && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 5));
      listedFirst = state.endpointInputs.length === names.length;
      return { MonitoringScheduleSummaries: [schedule('ep-c-quality', 'ep-c')] };
    });
    const items = await adapter.list(context({ reads: new Set(['monitoringSchedules']) }));
    expect(listedFirst).toBe(true);
    expect(items.map((i) => [i.resourceId, (i.configuration.MonitoringSchedules as unknown[]).length])).toEqual([
      ['ep-a', 0],
      ['ep-b', 0],
      ['ep-c', 1],
      ['ep-d', 0],
      ['ep-e', 0],
    ]);
  });

  it('follows NextToken across the pages of ListEndpoints', async () => {
    const names = ['fraud-scorer-prod', 'fraud-scorer-shadow', 'churn-predictor', 'recsys-ranker', 'recsys-retriever'];
    const state = serve(names, [], { pageSize: 2 });
    const items = await adapter.list(context());
    expect(items.map((i) => i.resourceId)).toEqual(names);
    // Newest first: the order Search's records are read in (search-window.ts).
    const order = { SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: 100 };
    expect(state.endpointInputs).toEqual([
      order,
      { ...order, NextToken: 'endpoints-1' },
      { ...order, NextToken: 'endpoints-2' },
    ]);
    expect(sagemaker.commandCalls(DescribeEndpointCommand).map((c) => c.args[0].input)).toEqual(
      names.map((EndpointName) => ({ EndpointName })),
    );
  });

  it("merges the Describe output, the tags and the endpoint's monitoring schedules into a configuration item", async () => {
    const own = [
      schedule('fraud-scorer-prod-data-quality', 'fraud-scorer-prod'),
      schedule('fraud-scorer-prod-model-quality', 'fraud-scorer-prod', 'Stopped'),
    ];
    serve(['fraud-scorer-prod'], [...own, schedule('churn-predictor-data-quality', 'churn-predictor')]);
    const [item] = await adapter.list(context());
    const { $metadata: _metadata, ...describe } = described('fraud-scorer-prod');
    expect(item).toEqual({
      resourceType: 'AWS::SageMaker::Endpoint',
      resourceId: 'fraud-scorer-prod',
      resourceName: 'fraud-scorer-prod',
      arn: arnOf('fraud-scorer-prod'),
      awsAccountId: ACCOUNT,
      awsRegion: 'us-east-1',
      configurationItemStatus: 'OK',
      configurationItemCaptureTime: NOW.toISOString(),
      tags: { 'ml-pipeline': 'fraud-detection', endpoint: 'fraud-scorer-prod' },
      // Plain JSON like a Config item: dates become ISO strings, SDK metadata is dropped.
      configuration: {
        ...JSON.parse(JSON.stringify(describe)),
        MonitoringSchedules: own.map(plain),
      },
      supplementaryConfiguration: {},
    });
    expect(item!.configuration.CreationTime).toBe('2026-11-01T09:10:02.551Z');
    expect(item!.configuration.MonitoringSchedules[0].CreationTime).toBe('2026-11-02T07:30:00.000Z');
    // Tags come from the Tagging API, 100 resources a page, filtered to endpoints: no ListTags per endpoint.
    expect(tagging.inputs).toEqual([{ ResourceTypeFilters: ['sagemaker:endpoint'], ResourcesPerPage: 100 }]);
    expect(sagemaker.commandCalls(ListTagsCommand)).toHaveLength(0);
  });

  it('fetches only the reads asked for: a tag rule costs the listing and the tag pages', async () => {
    const names = Array.from({ length: 250 }, (_, i) => `fraud-scorer-${String(i).padStart(3, '0')}`);
    serve(names, [schedule('fraud-scorer-000-data-quality', 'fraud-scorer-000')]);
    const items = await adapter.list(context({ reads: new Set(['tags']) }));
    expect(items).toHaveLength(250);
    // The summary carries what the tag rule reads besides the tags: the status.
    expect(items[0]!.configuration).toEqual(JSON.parse(JSON.stringify(summary('fraud-scorer-000'))));
    expect(items[7]!.tags).toEqual({ 'ml-pipeline': 'fraud-detection', endpoint: 'fraud-scorer-007' });
    expect(sagemaker.commandCalls(ListEndpointsCommand)).toHaveLength(3);
    expect(tagging.mock.commandCalls(GetResourcesCommand)).toHaveLength(3);
    expect(sagemaker.commandCalls(DescribeEndpointCommand)).toHaveLength(0);
    expect(sagemaker.commandCalls(ListMonitoringSchedulesCommand)).toHaveLength(0);
  });

  it("matches a summary that comes without an ARN to its tags by the ARN's last part, on every page", async () => {
    const names = ['fraud-scorer-prod', 'Fraud-Scorer-Shadow', 'churn-predictor', 'recsys-ranker', 'recsys-retriever'];
    serve(names, [], { pageSize: 2 });
    // The same pages with EndpointArn left out of each summary.
    const pages = pagesOf(names, 2);
    sagemaker.on(ListEndpointsCommand).callsFake(async (input) => {
      const index = input.NextToken ? Number(input.NextToken.replace('endpoints-', '')) : 0;
      const next = index + 1 < pages.length ? { NextToken: `endpoints-${index + 1}` } : {};
      return { Endpoints: pages[index]!.map((name) => ({ ...summary(name), EndpointArn: undefined })), ...next };
    });
    const items = await adapter.list(context({ reads: new Set(['tags']) }));
    expect(items.map((i) => [i.resourceId, i.tags])).toEqual(
      names.map((name) => [name, { 'ml-pipeline': 'fraud-detection', endpoint: name }]),
    );
  });

  it('filters the tag pages by the scope tag, so out-of-scope endpoints carry no tags and are never evaluated', async () => {
    serve(['fraud-scorer-prod']);
    await adapter.list(
      context({ reads: new Set(['tags']), params: { scopeTagKey: 'ml-pipeline', scopeTagValue: 'fraud-detection' } }),
    );
    expect(tagging.inputs[0]!.TagFilters).toEqual([{ Key: 'ml-pipeline', Values: ['fraud-detection'] }]);
  });

  it('reports a failed read and keeps the rest when the caller can take a partial listing', async () => {
    serve(['fraud-scorer-prod']);
    const missing = Object.assign(new Error('Unexpected token \'<\', "<!doctype "... is not valid JSON'), {
      name: 'SyntaxError',
      $metadata: { httpStatusCode: 500 },
    });
    sagemaker.on(ListMonitoringSchedulesCommand).rejects(missing);
    const failed: string[] = [];
    const items = await adapter.list(context({ onReadFailure: (read: string) => failed.push(read) }));
    expect(failed).toEqual(['monitoringSchedules']);
    expect(items[0]!.tags).toEqual({ 'ml-pipeline': 'fraud-detection', endpoint: 'fraud-scorer-prod' });
    expect(items[0]!.configuration).not.toHaveProperty('MonitoringSchedules');
    expect(items[0]!.configuration.ProductionVariants).toHaveLength(1);
  });

  it('lists monitoring schedules once for the account, over all pages, and groups them by endpoint', async () => {
    const names = Array.from({ length: 6 }, (_, i) => `recsys-ranker-${i + 1}`);
    const schedules = [
      schedule('ranker-1-data-quality', 'recsys-ranker-1'),
      schedule('ranker-1-model-bias', 'recsys-ranker-1', 'Failed'),
      schedule('ranker-3-data-quality', 'recsys-ranker-3', 'Pending'),
      // A batch transform monitoring schedule targets no endpoint.
      schedule('nightly-batch-data-quality', undefined),
      schedule('ranker-3-model-quality', 'recsys-ranker-3'),
      schedule('retired-endpoint-data-quality', 'retired-endpoint', 'Stopped'),
    ];
    const state = serve(names, schedules, { pageSize: 4 });
    const items = await adapter.list(context());
    // Two pages of schedules for six endpoints: never one call per endpoint, never filtered by endpoint.
    expect(state.scheduleInputs).toEqual([{ MaxResults: 100 }, { MaxResults: 100, NextToken: 'schedules-1' }]);
    const byName = Object.fromEntries(
      items.map((i) => [
        i.resourceId,
        i.configuration.MonitoringSchedules.map(
          (s: any) => `${s.MonitoringScheduleName}:${s.MonitoringScheduleStatus}`,
        ),
      ]),
    );
    expect(byName).toEqual({
      'recsys-ranker-1': ['ranker-1-data-quality:Scheduled', 'ranker-1-model-bias:Failed'],
      'recsys-ranker-2': [],
      'recsys-ranker-3': ['ranker-3-data-quality:Pending', 'ranker-3-model-quality:Scheduled'],
      'recsys-ranker-4': [],
      'recsys-ranker-5': [],
      'recsys-ranker-6': [],
    });
  });

  it('returns nothing, and describes nothing, when the account has no endpoints', async () => {
    serve([], [schedule('retired-endpoint-data-quality', 'retired-endpoint', 'Stopped')]);
    expect(await adapter.list(context())).toEqual([]);
    expect(sagemaker.commandCalls(DescribeEndpointCommand)).toHaveLength(0);
  });

  it('keeps at most `concurrency` Describe calls in flight', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `churn-predictor-${i + 1}`);
    const state = serve(names, [], { pageSize: 5, delayMs: 5 });
    const items = await adapter.list(context({ concurrency: 3 }));
    expect(items).toHaveLength(12);
    expect(state.maxInFlight).toBe(3);
  });

  it('uses the default bound when none is given', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `churn-predictor-${i + 1}`);
    const state = serve(names, [], { delayMs: 5 });
    await adapter.list(context());
    expect(state.maxInFlight).toBe(DEFAULT_CONCURRENCY);
  });

  it('lets an error from DescribeEndpoint propagate instead of dropping the endpoint', async () => {
    serve(['fraud-scorer-prod', 'churn-predictor']);
    const denied = Object.assign(new Error('User is not authorized to perform: sagemaker:DescribeEndpoint'), {
      name: 'AccessDeniedException',
    });
    sagemaker.on(DescribeEndpointCommand, { EndpointName: 'churn-predictor' }).rejects(denied);
    await expect(adapter.list(context())).rejects.toThrow(/not authorized to perform: sagemaker:DescribeEndpoint/);
  });

  it('lets an error from ListMonitoringSchedules propagate instead of reporting endpoints without schedules', async () => {
    serve(['fraud-scorer-prod']);
    const denied = Object.assign(new Error('User is not authorized to perform: sagemaker:ListMonitoringSchedules'), {
      name: 'AccessDeniedException',
    });
    sagemaker.on(ListMonitoringSchedulesCommand).rejects(denied);
    await expect(adapter.list(context())).rejects.toThrow(/sagemaker:ListMonitoringSchedules/);
  });

  it('lets an error from the Tagging API propagate', async () => {
    serve(['fraud-scorer-prod']);
    tagging.mock
      .on(GetResourcesCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(adapter.list(context())).rejects.toThrow(/Rate exceeded/);
  });

  it('feeds the periodic monitoring rule: one evaluation per listed endpoint', async () => {
    serve(
      ['fraud-scorer-prod', 'churn-predictor', 'recsys-ranker'],
      [
        schedule('fraud-scorer-prod-data-quality', 'fraud-scorer-prod'),
        schedule('churn-predictor-data-quality', 'churn-predictor', 'Stopped'),
      ],
    );
    sagemaker
      .on(DescribeEndpointCommand, { EndpointName: 'recsys-ranker' })
      .resolves(described('recsys-ranker', 'Updating'));
    const { evaluations, configCalls } = await runScheduled(monitoringRule);
    expect(evaluations.map((e) => [e.ComplianceResourceId, e.ComplianceType, e.Annotation])).toEqual([
      ['fraud-scorer-prod', 'COMPLIANT', undefined],
      [
        'churn-predictor',
        'NON_COMPLIANT',
        'no MonitoringSchedules entry is Scheduled (churn-predictor-data-quality: Stopped)',
      ],
      ['recsys-ranker', 'NOT_APPLICABLE', 'EndpointStatus is Updating'],
    ]);
    expect(configCalls).toBe(0);
  });
});
