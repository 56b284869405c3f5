// `doctor`'s tag check, with SageMaker and the Tagging API mocked at the client: for each type the
// deployed rules read tags of through an inventory adapter, one List call of at most 10, one
// GetResources for their ARNs and ListTags for one of them (up to three when GetResources
// returned none); ok when both agree or nothing can differ, a warning naming the type and what
// differed otherwise.
import {
  ConfigServiceClient,
  DescribeConfigRuleEvaluationStatusCommand,
  DescribeConfigRulesCommand,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
  DescribeDeliveryChannelStatusCommand,
  DescribeRemediationConfigurationsCommand,
  type ConfigRule,
} from '@aws-sdk/client-config-service';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import {
  ListEndpointsCommand,
  ListMonitoringSchedulesCommand,
  ListPipelinesCommand,
  ListTagsCommand,
  ListTrainingJobsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { runDoctor } from '../cli/commands/doctor.js';
import type { DeployedRule } from '../cli/doctor/rule-checks.js';
import { SAMPLE, tagCoverageRows } from '../cli/doctor/tag-coverage.js';
import { configRuleName } from '../deploy/names.js';
import { ruleById } from '../rules/index.js';
import { listTagsFrom, type TaggedResource } from './support/tagging.js';

const ACCOUNT = '123456789012';
const PREFIX = 'ml-config-';
const region = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
const sagemakerClient = new SageMakerClient(region);
const taggingClient = new ResourceGroupsTaggingAPIClient(region);
const sagemaker = mockClient(sagemakerClient);
const tagging = mockClient(taggingClient);
const clients = { sagemaker: sagemakerClient, tagging: taggingClient };
afterAll(() => {
  sagemaker.restore();
  tagging.restore();
});

const arn = (type: string, name: string) => `arn:aws:sagemaker:us-east-1:${ACCOUNT}:${type}/${name}`;
const deployed = (id: string, InputParameters?: Record<string, unknown>): DeployedRule => ({
  rule: ruleById(id)!,
  configRule: {
    ConfigRuleName: configRuleName(PREFIX, id),
    ConfigRuleState: 'ACTIVE',
    Source: { Owner: 'CUSTOM_LAMBDA', SourceIdentifier: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:x` },
    ...(InputParameters ? { InputParameters: JSON.stringify(InputParameters) } : {}),
  } as ConfigRule,
});
const check = (rules: DeployedRule[]) => tagCoverageRows(rules, clients, (n) => n);

/** Endpoints, the tags each really has (ListTags), and what GetResources says (its own copy, or nothing). */
function serveEndpoints(resources: TaggedResource[], viaGetResources: (r: TaggedResource) => TaggedResource | null) {
  sagemaker.on(ListEndpointsCommand).resolves({
    Endpoints: resources.map((r) => ({
      EndpointName: r.arn.split('/').pop()!,
      EndpointArn: r.arn,
      EndpointStatus: 'InService',
      CreationTime: new Date('2026-11-01T09:10:02Z'),
      LastModifiedTime: new Date('2026-11-01T09:21:47Z'),
    })),
  });
  sagemaker.on(ListTagsCommand).callsFake(listTagsFrom(() => resources));
  tagging.on(GetResourcesCommand).callsFake(async (input) => ({
    ResourceTagMappingList: resources
      .filter((r) => input.ResourceARNList!.includes(r.arn))
      .map(viaGetResources)
      .filter((r): r is TaggedResource => r !== null && Object.keys(r.tags).length > 0)
      .map((r) => ({ ResourceARN: r.arn, Tags: Object.entries(r.tags).map(([Key, Value]) => ({ Key, Value })) })),
  }));
}

const prod = { arn: arn('endpoint', 'fraud-scorer-prod'), tags: { 'ml-pipeline': 'fraud', 'cost-center': '4410' } };
const shadow = { arn: arn('endpoint', 'fraud-scorer-shadow'), tags: {} };
const churn = { arn: arn('endpoint', 'churn-predictor'), tags: { 'ml-pipeline': 'churn' } };

beforeEach(() => {
  sagemaker.reset();
  tagging.reset();
});

describe("doctor's tag check", () => {
  it('is ok when GetResources and ListTags agree, after one call of each and one page of at most 10', async () => {
    serveEndpoints([shadow, prod, churn], (r) => r);
    expect(await check([deployed('sagemaker-endpoint-tagged')])).toEqual([
      {
        check: 'tag-coverage',
        target: 'sagemaker:endpoint',
        status: 'ok',
        detail: 'GetResources and ListTags agree on fraud-scorer-prod (2 tags)',
      },
    ]);
    expect(sagemaker.commandCalls(ListEndpointsCommand).map((c) => c.args[0].input)).toEqual([{ MaxResults: SAMPLE }]);
    expect(tagging.commandCalls(GetResourcesCommand).map((c) => c.args[0].input)).toEqual([
      { ResourceARNList: [shadow.arn, prod.arn, churn.arn] },
    ]);
    expect(sagemaker.commandCalls(ListTagsCommand).map((c) => c.args[0].input.ResourceArn)).toEqual([prod.arn]);
  });

  it('warns, naming the type, when GetResources returns none of them but ListTags shows tags', async () => {
    serveEndpoints([shadow, prod, churn], () => null);
    const [row] = await check([deployed('sagemaker-endpoint-tagged')]);
    expect(row).toEqual({
      check: 'tag-coverage',
      target: 'sagemaker:endpoint',
      status: 'warn',
      detail:
        'GetResources did not return fraud-scorer-prod, which ListTags shows with 2 tags: it does not cover ' +
        'sagemaker:endpoint here; the functions read the tags of what GetResources leaves out with ListTags ' +
        '(one call each) and log a warning',
    });
    // The first listed is untagged: ListTags goes on to the next, and stops at the first tag found.
    expect(sagemaker.commandCalls(ListTagsCommand).map((c) => c.args[0].input.ResourceArn)).toEqual([
      shadow.arn,
      prod.arn,
    ]);
  });

  it('warns with what differs when both return the resource with other tags', async () => {
    serveEndpoints([prod], (r) => ({ arn: r.arn, tags: { 'ml-pipeline': 'fraud-v1' } }));
    const [row] = await check([deployed('sagemaker-endpoint-tagged')]);
    expect(row).toMatchObject({ status: 'warn', target: 'sagemaker:endpoint' });
    expect(row!.detail).toBe(
      'GetResources and ListTags differ on fraud-scorer-prod: cost-center only through ListTags; ' +
        'ml-pipeline is "fraud-v1" through GetResources, "fraud" through ListTags. The functions read ' +
        'GetResources for this type; a recent change may not have reached it yet (run doctor again later)',
    );
  });

  it('is ok, and says why, when there is nothing to compare: no resource, or none tagged either way', async () => {
    serveEndpoints([], (r) => r);
    expect((await check([deployed('sagemaker-endpoint-tagged')]))[0]).toMatchObject({
      status: 'ok',
      detail: 'nothing to compare: no sagemaker:endpoint resource here (run doctor again once there is one)',
    });
    expect(tagging.commandCalls(GetResourcesCommand)).toHaveLength(0);
    const untagged = Array.from({ length: 7 }, (_, i) => ({ arn: arn('endpoint', `batch-scorer-${i}`), tags: {} }));
    serveEndpoints(untagged, (r) => r);
    expect((await check([deployed('sagemaker-endpoint-tagged')]))[0]).toMatchObject({
      status: 'ok',
      detail:
        'no tags either way on the 3 checked (batch-scorer-0, batch-scorer-3, batch-scorer-6): tag one to compare',
    });
  });

  it('checks the types of the deployed rules that read tags: their own reads, or a scope tag in their parameters', async () => {
    sagemaker.on(ListEndpointsCommand).resolves({ Endpoints: [] });
    sagemaker.on(ListPipelinesCommand).resolves({ PipelineSummaries: [] });
    sagemaker.on(ListTrainingJobsCommand).resolves({ TrainingJobSummaries: [] });
    sagemaker.on(ListMonitoringSchedulesCommand).resolves({ MonitoringScheduleSummaries: [] });
    const targets = async (rules: DeployedRule[]) => (await check(rules)).map((r) => r.target);
    // A Describe rule reads no tags, and notebook rules read Config's items: nothing to check.
    expect(
      await targets([deployed('sagemaker-training-job-volume-kms'), deployed('sagemaker-notebook-kms-key')]),
    ).toEqual([]);
    // With the stack's scope tag the training-job rule reads tags too.
    expect(await targets([deployed('sagemaker-training-job-volume-kms', { scopeTagKey: 'ml-pipeline' })])).toEqual([
      'sagemaker:training-job',
    ]);
    expect(sagemaker.commandCalls(ListTrainingJobsCommand)[0]!.args[0].input).toEqual({
      SortBy: 'CreationTime',
      SortOrder: 'Descending',
      MaxResults: SAMPLE,
    });
    // The change rule over many types reads only monitoring schedules through an adapter; one row per type.
    expect(
      await targets([
        deployed('sagemaker-resource-tagged'),
        deployed('sagemaker-pipeline-tagged'),
        deployed('sagemaker-endpoint-tagged'),
        deployed('sagemaker-pipeline-tagged'),
      ]),
    ).toEqual(['sagemaker:endpoint', 'sagemaker:monitoring-schedule', 'sagemaker:pipeline']);
  });

  it('says a call it could not make, per type, and goes on with the others', async () => {
    serveEndpoints([prod], (r) => r);
    sagemaker.on(ListTagsCommand).rejects(
      Object.assign(new Error('User is not authorized to perform: sagemaker:ListTags'), {
        name: 'AccessDeniedException',
      }),
    );
    sagemaker.on(ListPipelinesCommand).resolves({ PipelineSummaries: [] });
    const rows = await check([deployed('sagemaker-endpoint-tagged'), deployed('sagemaker-pipeline-tagged')]);
    expect(rows.map((r) => [r.target, r.status])).toEqual([
      ['sagemaker:endpoint', 'warn'],
      ['sagemaker:pipeline', 'ok'],
    ]);
    expect(rows[0]!.detail).toMatch(/^could not check \(.*sagemaker:ListTags.*\): allow this call/);
  });

  it('runs in doctor after the rules it found, one row per type', async () => {
    const config = mockClient(ConfigServiceClient);
    try {
      config.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [] });
      config.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [] });
      config.on(DescribeDeliveryChannelsCommand).resolves({ DeliveryChannels: [] });
      config.on(DescribeDeliveryChannelStatusCommand).resolves({ DeliveryChannelsStatus: [] });
      config.on(DescribeConfigRuleEvaluationStatusCommand).resolves({ ConfigRulesEvaluationStatus: [] });
      config.on(DescribeRemediationConfigurationsCommand).resolves({ RemediationConfigurations: [] });
      config.on(DescribeConfigRulesCommand).resolves({
        ConfigRules: [deployed('sagemaker-endpoint-tagged').configRule],
      });
      serveEndpoints([prod], () => null);
      const rows = await runDoctor({
        regions: ['us-east-1', 'eu-west-1'],
        prefix: PREFIX,
        rules: [ruleById('sagemaker-endpoint-tagged')!],
        named: true,
        organization: false,
        clientsFor: () => ({
          config: new ConfigServiceClient(region),
          ssm: new SSMClient(region),
          ...clients,
        }),
      });
      expect(rows.filter((r) => r.check === 'tag-coverage').map((r) => [r.target, r.status])).toEqual([
        ['us-east-1: sagemaker:endpoint', 'warn'],
        ['eu-west-1: sagemaker:endpoint', 'warn'],
      ]);
    } finally {
      config.restore();
    }
  });
});
