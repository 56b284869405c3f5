// The Config protocol, end to end through the Lambda handler, with AWS mocked at the client.
import {
  BatchGetResourceConfigCommand,
  ConfigServiceClient,
  GetComplianceDetailsByConfigRuleCommand,
  GetResourceConfigHistoryCommand,
  ListDiscoveredResourcesCommand,
  PutEvaluationsCommand,
  type ResourceType,
} from '@aws-sdk/client-config-service';
import {
  DescribeEndpointCommand,
  ListEndpointsCommand,
  ListMonitoringSchedulesCommand,
  ListTagsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  FailedEvaluationsError,
  InvalidEventError,
  InvalidParametersError,
  UnsupportedEventError,
} from '../rules/_core/errors.js';
import { makeChangeHandler } from '../rules/_core/change-handler.js';
import { makeHandler } from '../rules/_core/handler.js';
import type { RuleHandler, RunOptions } from '../rules/_core/lambda-run.js';
import { defineRule, compliant, nonCompliant, type Rule } from '../rules/_core/rule.js';
import { inventoryLoaders } from '../rules/_inventory/index.js';
import { PROBES } from '../rules/_inventory/tags.js';
import { ruleById } from '../rules/index.js';
import { fixture, fixtureEvent } from './support/fixtures.js';

const configMock = mockClient(ConfigServiceClient);
const sagemakerMock = mockClient(SageMakerClient);
const taggingMock = mockClient(ResourceGroupsTaggingAPIClient);
const rule = (id: string) => ruleById(id)!;
const handlerFor = (id: string) =>
  makeHandler(rule(id), { config: new ConfigServiceClient({ region: 'us-east-1' }), inventory: inventoryLoaders });
/** The two forms of a rule's Lambda handler, as scripts/build.ts picks them. */
const FORMS: [string, (rule: Rule, options: RunOptions) => RuleHandler][] = [
  [
    'the handler of a rule with a scheduled run',
    (r, options) => makeHandler(r, { ...options, inventory: inventoryLoaders }),
  ],
  ['the handler of a change rule', (r, options) => makeChangeHandler(r, options)],
];
const putCalls = () => configMock.commandCalls(PutEvaluationsCommand);

beforeEach(() => {
  configMock.reset();
  sagemakerMock.reset();
  taggingMock.reset();
  configMock.on(PutEvaluationsCommand).resolves({ FailedEvaluations: [] });
  vi.spyOn(console, 'log').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());
afterAll(() => {
  configMock.restore();
  sagemakerMock.restore();
  taggingMock.restore();
});

// The change path runs the same in both forms of the handler: the full one a scheduled rule gets,
// and the change-only one (change-handler.ts) a rule without a scheduled run is bundled with.
describe.each(FORMS)('%s', (_form, make) => {
  const handlerFor = (id: string) => make(rule(id), { config: new ConfigServiceClient({ region: 'us-east-1' }) });

  describe('change notifications', () => {
    it('evaluates the item of the event and reports it with its capture time', async () => {
      const event = fixtureEvent('sagemaker-notebook-no-direct-internet', 'non-compliant.enabled.json');
      const result = await handlerFor('sagemaker-notebook-no-direct-internet')(event);
      expect(result).toEqual({ evaluations: 1, putEvaluationsCalls: 1 });
      const input = putCalls()[0]!.args[0].input;
      expect(input.ResultToken).toBe(event.resultToken);
      expect(input.TestMode).toBe(false);
      expect(input.Evaluations).toEqual([
        {
          ComplianceResourceType: 'AWS::SageMaker::NotebookInstance',
          ComplianceResourceId: 'churn-explore',
          ComplianceType: 'NON_COMPLIANT',
          Annotation: 'DirectInternetAccess is Enabled',
          OrderingTimestamp: new Date('2026-11-20T09:14:03.512Z'),
        },
      ]);
    });

    it('logs a COMPLIANT verdict in the run summary only, and a NON_COMPLIANT one on a line of its own', async () => {
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      const h = handlerFor('sagemaker-notebook-no-direct-internet');
      await h(fixtureEvent('sagemaker-notebook-no-direct-internet', 'compliant.disabled.json'));
      await h(fixtureEvent('sagemaker-notebook-no-direct-internet', 'non-compliant.enabled.json'));
      const lines = log.mock.calls.map((c) => JSON.parse(String(c[0])));
      const summary = (counts: Record<string, number>) => ({
        level: 'info',
        rule: 'sagemaker-notebook-no-direct-internet',
        kind: 'summary',
        message: expect.stringMatching(/^1 verdicts \(.*\); 1 evaluations sent in 1 PutEvaluations calls$/),
        counts: { COMPLIANT: 0, NON_COMPLIANT: 0, NOT_APPLICABLE: 0, ...counts },
        evaluationsSent: 1,
        putEvaluationsCalls: 1,
        durationMs: expect.any(Number),
      });
      expect(lines).toEqual([
        summary({ COMPLIANT: 1 }),
        {
          level: 'info',
          rule: 'sagemaker-notebook-no-direct-internet',
          kind: 'verdict',
          resourceType: 'AWS::SageMaker::NotebookInstance',
          resourceId: 'churn-explore',
          complianceType: 'NON_COMPLIANT',
          annotation: 'DirectInternetAccess is Enabled',
        },
        summary({ NON_COMPLIANT: 1 }),
      ]);
    });

    it('reports a deleted resource and a resource that left scope as NOT_APPLICABLE without evaluating', async () => {
      const h = handlerFor('sagemaker-notebook-no-direct-internet');
      await h(fixtureEvent('sagemaker-notebook-no-direct-internet', 'not-applicable.deleted.json'));
      await h(fixture('sagemaker-notebook-no-direct-internet', 'not-applicable.event-left-scope.json'));
      expect(putCalls().map((c) => c.args[0].input.Evaluations![0]!.ComplianceType)).toEqual([
        'NOT_APPLICABLE',
        'NOT_APPLICABLE',
      ]);
    });

    it('sets TestMode for the TESTMODE result token', async () => {
      const event = {
        ...fixtureEvent('sagemaker-notebook-no-direct-internet', 'compliant.disabled.json'),
        resultToken: 'TESTMODE',
      };
      await handlerFor('sagemaker-notebook-no-direct-internet')(event);
      expect(putCalls()[0]!.args[0].input.TestMode).toBe(true);
    });
  });

  describe('oversized change notifications', () => {
    it('fetches the item with GetResourceConfigHistory (limit 1, laterTime = capture time) and evaluates it', async () => {
      const history = fixture('sagemaker-notebook-no-direct-internet', '_lookup', 'fraud-detection-large.history.json');
      configMock.on(GetResourceConfigHistoryCommand).resolves(history);
      await handlerFor('sagemaker-notebook-no-direct-internet')(
        fixture('sagemaker-notebook-no-direct-internet', 'non-compliant.oversized.json'),
      );
      const request = configMock.commandCalls(GetResourceConfigHistoryCommand)[0]!.args[0].input;
      expect(request).toEqual({
        resourceType: 'AWS::SageMaker::NotebookInstance',
        resourceId: 'fraud-detection-large',
        laterTime: new Date('2026-11-20T09:14:03.512Z'),
        limit: 1,
      });
      const [evaluation] = putCalls()[0]!.args[0].input.Evaluations!;
      expect(evaluation).toMatchObject({
        ComplianceResourceId: 'fraud-detection-large',
        ComplianceType: 'NON_COMPLIANT',
      });
    });

    it('does not fetch a deleted resource', async () => {
      const event = fixture('sagemaker-notebook-no-direct-internet', 'non-compliant.oversized.json');
      const invoking = JSON.parse(event.invokingEvent);
      invoking.configurationItemSummary.configurationItemStatus = 'ResourceDeleted';
      await handlerFor('sagemaker-notebook-no-direct-internet')({ ...event, invokingEvent: JSON.stringify(invoking) });
      expect(configMock.commandCalls(GetResourceConfigHistoryCommand)).toHaveLength(0);
      expect(putCalls()[0]!.args[0].input.Evaluations![0]!.ComplianceType).toBe('NOT_APPLICABLE');
    });

    it('fails when Config has no item for the summary', async () => {
      configMock.on(GetResourceConfigHistoryCommand).resolves({ configurationItems: [] });
      await expect(
        handlerFor('sagemaker-notebook-no-direct-internet')(
          fixture('sagemaker-notebook-no-direct-internet', 'non-compliant.oversized.json'),
        ),
      ).rejects.toThrow(/no item for AWS::SageMaker::NotebookInstance fraud-detection-large/);
      expect(putCalls()).toHaveLength(0);
    });
  });

  describe('snapshot delivery', () => {
    it('evaluates nothing and calls nothing', async () => {
      const result = await handlerFor('s3-bucket-versioning-enabled')(fixture('_events', 'snapshot-delivery.json'));
      expect(result).toEqual({ evaluations: 0, putEvaluationsCalls: 0 });
      expect(configMock.calls()).toHaveLength(0);
    });
  });

  describe('failures are loud, never verdicts', () => {
    it('fails the invocation when Config returns FailedEvaluations', async () => {
      configMock.on(PutEvaluationsCommand).resolves({
        FailedEvaluations: [
          {
            ComplianceResourceType: 'AWS::SageMaker::NotebookInstance',
            ComplianceResourceId: 'churn-explore',
            ComplianceType: 'NON_COMPLIANT',
            OrderingTimestamp: new Date(),
          },
        ],
      });
      const run = handlerFor('sagemaker-notebook-no-direct-internet')(
        fixtureEvent('sagemaker-notebook-no-direct-internet', 'non-compliant.enabled.json'),
      );
      await expect(run).rejects.toBeInstanceOf(FailedEvaluationsError);
      await expect(run).rejects.toThrow(
        /rejected 1 of 1 evaluations \(AWS::SageMaker::NotebookInstance churn-explore\)/,
      );
    });

    it('rejects an unsupported message type', async () => {
      const run = handlerFor('sagemaker-notebook-no-direct-internet')(
        fixture('_events', 'unsupported-message-type.json'),
      );
      await expect(run).rejects.toBeInstanceOf(UnsupportedEventError);
      await expect(run).rejects.toThrow(/messageType "ComplianceChangeNotification" is not supported/);
    });

    it.each([
      ['a string', 'hello', /must be a JSON object/],
      [
        'invokingEvent that is not JSON',
        { invokingEvent: '{not json', resultToken: 't' },
        /invokingEvent is not a JSON object string/,
      ],
      [
        'a change without configurationItem',
        { invokingEvent: JSON.stringify({ messageType: 'ConfigurationItemChangeNotification' }), resultToken: 't' },
        /without configurationItem/,
      ],
      [
        'an item without resourceId',
        {
          invokingEvent: JSON.stringify({
            messageType: 'ConfigurationItemChangeNotification',
            configurationItem: { resourceType: 'AWS::S3::Bucket' },
          }),
          resultToken: 't',
        },
        /no resourceId/,
      ],
    ])('rejects %s', async (_name, event, message) => {
      const run = handlerFor('s3-bucket-versioning-enabled')(event as any);
      await expect(run).rejects.toBeInstanceOf(InvalidEventError);
      await expect(run).rejects.toThrow(message);
      expect(putCalls()).toHaveLength(0);
    });

    it.each([
      [
        { kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
        /unknown parameter "kmsKeyArn" \(this rule takes: scopeTagKey, scopeTagValue, kmsKeyArns\)/,
      ],
      [{ kmsKeyArns: 'my-key' }, /parameter "kmsKeyArns" must be comma-separated KMS key ARNs/],
      [{ scopeTagValue: 'fraud-detection' }, /"scopeTagValue" needs "scopeTagKey"/],
    ])('rejects bad parameters %j with a message naming the parameter', async (params, message) => {
      const event = {
        ...fixtureEvent('sagemaker-notebook-kms-key', 'compliant.key-arn.json'),
        ruleParameters: JSON.stringify(params),
      };
      const run = handlerFor('sagemaker-notebook-kms-key')(event);
      await expect(run).rejects.toBeInstanceOf(InvalidParametersError);
      await expect(run).rejects.toThrow(message);
      expect(putCalls()).toHaveLength(0);
    });

    it('lets an exception in a rule fail the invocation', async () => {
      const broken = defineRule({
        ...rule('sagemaker-notebook-no-direct-internet'),
        evaluate: () => {
          throw new TypeError('boom');
        },
      });
      const run = make(broken, { config: new ConfigServiceClient({ region: 'us-east-1' }) })(
        fixtureEvent('sagemaker-notebook-no-direct-internet', 'compliant.disabled.json'),
      );
      await expect(run).rejects.toThrow(TypeError);
      expect(putCalls()).toHaveLength(0);
    });

    it('rejects a NON_COMPLIANT verdict without an annotation', async () => {
      const silent = defineRule({ ...rule('sagemaker-notebook-no-direct-internet'), evaluate: () => nonCompliant('') });
      const run = make(silent, { config: new ConfigServiceClient({ region: 'us-east-1' }) })(
        fixtureEvent('sagemaker-notebook-no-direct-internet', 'compliant.disabled.json'),
      );
      await expect(run).rejects.toThrow(/NON_COMPLIANT without an annotation/);
    });

    it.each([
      ['a verdict outside the three', { complianceType: 'INSUFFICIENT_DATA' }],
      ['no verdict', undefined],
    ])('rejects %s as a rule contract error, never a verdict', async (_case, returned) => {
      const wrong = defineRule({
        ...rule('sagemaker-notebook-no-direct-internet'),
        evaluate: () => returned as unknown as ReturnType<typeof compliant>,
      });
      const run = make(wrong, { config: new ConfigServiceClient({ region: 'us-east-1' }) })(
        fixtureEvent('sagemaker-notebook-no-direct-internet', 'compliant.disabled.json'),
      );
      await expect(run).rejects.toThrow(/expected COMPLIANT, NON_COMPLIANT or NOT_APPLICABLE/);
      expect(putCalls()).toHaveLength(0);
    });
  });

  describe('annotations and lookups', () => {
    it('cuts annotations to 256 characters with a visible marker', async () => {
      const verbose = defineRule({
        ...rule('sagemaker-notebook-no-direct-internet'),
        evaluate: () => nonCompliant('x'.repeat(400)),
      });
      await make(verbose, { config: new ConfigServiceClient({ region: 'us-east-1' }) })(
        fixtureEvent('sagemaker-notebook-no-direct-internet', 'compliant.disabled.json'),
      );
      const annotation = putCalls()[0]!.args[0].input.Evaluations![0]!.Annotation!;
      expect(annotation).toHaveLength(256);
      expect(annotation.endsWith(' [truncated]')).toBe(true);
    });

    it('fetches what a rule declares in lookups with BatchGetResourceConfig', async () => {
      const bucketItem = fixture('sagemaker-notebook-no-direct-internet', 'compliant.api-form.json')
        .configurationItems[0];
      configMock
        .on(BatchGetResourceConfigCommand)
        .resolves({ baseConfigurationItems: [{ ...bucketItem, resourceId: 'other-notebook' }] });
      const looking = defineRule({
        ...rule('sagemaker-notebook-no-direct-internet'),
        lookups: () => [{ resourceType: 'AWS::SageMaker::NotebookInstance', resourceId: 'other-notebook' }],
        evaluate: (_item, _params, { lookup }) =>
          lookup('AWS::SageMaker::NotebookInstance', 'other-notebook')
            ? compliant()
            : nonCompliant('other-notebook unknown'),
      });
      await make(looking, { config: new ConfigServiceClient({ region: 'us-east-1' }) })(
        fixtureEvent('sagemaker-notebook-no-direct-internet', 'non-compliant.enabled.json'),
      );
      expect(configMock.commandCalls(BatchGetResourceConfigCommand)[0]!.args[0].input.resourceKeys).toEqual([
        { resourceType: 'AWS::SageMaker::NotebookInstance', resourceId: 'other-notebook' },
      ]);
      expect(putCalls()[0]!.args[0].input.Evaluations![0]!.ComplianceType).toBe('COMPLIANT');
    });
  });
});

const arnOf = (name: string) => `arn:aws:sagemaker:us-east-1:123456789012:endpoint/${name}`;
const summary = (EndpointName: string) => ({
  EndpointName,
  EndpointArn: arnOf(EndpointName),
  EndpointStatus: 'InService' as const,
  CreationTime: new Date('2026-10-01T08:00:00Z'),
  LastModifiedTime: new Date('2026-10-01T08:10:00Z'),
});

function seedEndpoints(count: number) {
  const names = Array.from({ length: count }, (_, i) => `fraud-scorer-${String(i).padStart(3, '0')}`);
  const pages = [names.slice(0, 100), names.slice(100)];
  sagemakerMock
    .on(ListEndpointsCommand)
    .resolvesOnce({ Endpoints: pages[0]!.map(summary), NextToken: 'page-2' })
    .resolves({ Endpoints: pages[1]!.map(summary) });
  sagemakerMock.on(DescribeEndpointCommand).callsFake((input) => ({
    EndpointName: input.EndpointName,
    EndpointArn: `arn:aws:sagemaker:us-east-1:123456789012:endpoint/${input.EndpointName}`,
    EndpointConfigName: `${input.EndpointName}-config`,
    EndpointStatus: 'InService',
    CreationTime: new Date('2026-10-01T08:00:00Z'),
    LastModifiedTime: new Date('2026-10-01T08:10:00Z'),
  }));
  // Every third endpoint is untagged: the Tagging API returns the others, filtered as asked.
  taggingMock.on(GetResourcesCommand).callsFake((input) => {
    const tagged = names.filter((n) => Number(n.slice(-3)) % 3 !== 0);
    const wanted = input.TagFilters?.[0];
    const matching = wanted?.Values && !wanted.Values.includes('fraud-detection') ? [] : tagged;
    return {
      ResourceTagMappingList: matching.map((n) => ({
        ResourceARN: arnOf(n),
        Tags: [{ Key: 'ml-pipeline', Value: 'fraud-detection' }],
      })),
    };
  });
  sagemakerMock.on(ListMonitoringSchedulesCommand).resolves({ MonitoringScheduleSummaries: [] });
  // ListTags agrees: the endpoints GetResources leaves out are untagged.
  sagemakerMock.on(ListTagsCommand).callsFake((input) => ({
    Tags: Number(input.ResourceArn.slice(-3)) % 3 !== 0 ? [{ Key: 'ml-pipeline', Value: 'fraud-detection' }] : [],
  }));
  return names;
}

describe('scheduled notifications', () => {
  const scheduled = (overrides: Record<string, unknown> = {}) => ({
    ...fixture('_events', 'scheduled.json'),
    ...overrides,
  });

  it('fails loudly in a rule bundled without a scheduled run, and reports nothing', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const run = makeChangeHandler(rule('sagemaker-endpoint-tagged'), {
      config: new ConfigServiceClient({ region: 'us-east-1' }),
    })(scheduled());
    await expect(run).rejects.toBeInstanceOf(UnsupportedEventError);
    await expect(run).rejects.toThrow(
      'rule sagemaker-endpoint-tagged has no scheduled run here: a ScheduledNotification cannot be evaluated without a listing of its resources',
    );
    expect(putCalls()).toHaveLength(0);
    expect(sagemakerMock.calls()).toHaveLength(0);
    const lines = log.mock.calls.map((c) => JSON.parse(String(c[0])));
    expect(lines.at(-1)).toMatchObject({
      level: 'error',
      rule: 'sagemaker-endpoint-tagged',
      error: 'UnsupportedEventError',
    });
  });

  it('lists inventory resources and reports more than 100 evaluations in batches of at most 100', async () => {
    const names = seedEndpoints(150);
    configMock.on(GetComplianceDetailsByConfigRuleCommand).resolves({ EvaluationResults: [] });
    const result = await handlerFor('sagemaker-endpoint-tagged')(scheduled());
    expect(result).toEqual({ evaluations: 150, putEvaluationsCalls: 2 });
    const batches = putCalls().map((c) => c.args[0].input.Evaluations!);
    expect(batches.map((b) => b.length)).toEqual([100, 50]);
    const all = batches.flat();
    expect(all.map((e) => e.ComplianceResourceId).sort()).toEqual(names);
    expect(all.filter((e) => e.ComplianceType === 'NON_COMPLIANT')).toHaveLength(50);
    // The periodic run fetches what the tag rule reads: the listing and the tag pages, and ListTags
    // for PROBES of the untagged endpoints GetResources left out, nothing per endpoint.
    expect(sagemakerMock.commandCalls(DescribeEndpointCommand)).toHaveLength(0);
    expect(sagemakerMock.commandCalls(ListTagsCommand)).toHaveLength(PROBES);
    expect(sagemakerMock.commandCalls(ListMonitoringSchedulesCommand)).toHaveLength(0);
    const created = JSON.parse(scheduled().invokingEvent).notificationCreationTime;
    expect(all.every((e) => (e.OrderingTimestamp as Date).toISOString() === new Date(created).toISOString())).toBe(
      true,
    );
  });

  it('logs one warning line when GetResources misses tagged endpoints, and judges them on ListTags', async () => {
    const names = seedEndpoints(150);
    // GetResources answers nothing for endpoints, as where it would not cover the type.
    taggingMock.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [] });
    configMock.on(GetComplianceDetailsByConfigRuleCommand).resolves({ EvaluationResults: [] });
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await handlerFor('sagemaker-endpoint-tagged')(scheduled());
    const all = putCalls().flatMap((c) => c.args[0].input.Evaluations!);
    expect(all).toHaveLength(names.length);
    expect(all.filter((e) => e.ComplianceType === 'NON_COMPLIANT')).toHaveLength(50);
    expect(sagemakerMock.commandCalls(ListTagsCommand)).toHaveLength(names.length);
    const warnings = log.mock.calls.map((c) => JSON.parse(String(c[0]))).filter((l) => l.level === 'warn');
    expect(warnings).toEqual([
      {
        level: 'warn',
        rule: 'sagemaker-endpoint-tagged',
        message: expect.stringMatching(/^tags of sagemaker:endpoint: GetResources left out .* read with ListTags/),
      },
    ]);
  });

  it('reports resources it reported before that are gone as NOT_APPLICABLE, once', async () => {
    seedEndpoints(101);
    configMock.on(GetComplianceDetailsByConfigRuleCommand).resolves({
      EvaluationResults: [
        {
          EvaluationResultIdentifier: {
            EvaluationResultQualifier: { ResourceType: 'AWS::SageMaker::Endpoint', ResourceId: 'fraud-scorer-000' },
          },
        },
        {
          EvaluationResultIdentifier: {
            EvaluationResultQualifier: { ResourceType: 'AWS::SageMaker::Endpoint', ResourceId: 'retired-endpoint' },
          },
        },
      ],
    });
    await handlerFor('sagemaker-endpoint-tagged')(scheduled());
    const all = putCalls().flatMap((c) => c.args[0].input.Evaluations!);
    expect(all.filter((e) => e.ComplianceResourceId === 'retired-endpoint')).toEqual([
      expect.objectContaining({ ComplianceType: 'NOT_APPLICABLE' }),
    ]);
    expect(all.filter((e) => e.ComplianceResourceId === 'fraud-scorer-000')).toHaveLength(1);
    const query = configMock.commandCalls(GetComplianceDetailsByConfigRuleCommand)[0]!.args[0].input;
    expect(query).toMatchObject({
      ConfigRuleName: 'ml-sagemaker-endpoint-tagged',
      ComplianceTypes: ['COMPLIANT', 'NON_COMPLIANT'],
    });
  });

  it('skips out-of-scope resources instead of reporting each of them on every run', async () => {
    seedEndpoints(30);
    configMock.on(GetComplianceDetailsByConfigRuleCommand).resolves({ EvaluationResults: [] });
    const params = JSON.stringify({ scopeTagKey: 'ml-pipeline', scopeTagValue: 'fraud-detection' });
    const result = await handlerFor('sagemaker-endpoint-tagged')(scheduled({ ruleParameters: params }));
    expect(result.evaluations).toBe(20);
  });

  it('does not read back previous results in TESTMODE', async () => {
    seedEndpoints(3);
    await handlerFor('sagemaker-endpoint-tagged')(scheduled({ resultToken: 'TESTMODE' }));
    expect(configMock.commandCalls(GetComplianceDetailsByConfigRuleCommand)).toHaveLength(0);
    expect(putCalls()[0]!.args[0].input.TestMode).toBe(true);
  });

  it("lists recorded types from Config's inventory: ListDiscoveredResources, then BatchGetResourceConfig", async () => {
    const periodicRecorded = defineRule({
      ...rule('sagemaker-notebook-no-direct-internet'),
      id: 'test-periodic-notebook',
      trigger: { periodic: 'Six_Hours' },
      source: 'config',
    });
    const item = fixture('sagemaker-notebook-no-direct-internet', 'compliant.api-form.json').configurationItems[0];
    const ids = Array.from({ length: 130 }, (_, i) => `notebook-${i}`);
    configMock
      .on(ListDiscoveredResourcesCommand)
      .resolvesOnce({
        resourceIdentifiers: ids
          .slice(0, 100)
          .map((resourceId) => ({ resourceId, resourceType: 'AWS::SageMaker::NotebookInstance' as ResourceType })),
        nextToken: 't',
      })
      .resolves({
        resourceIdentifiers: ids
          .slice(100)
          .map((resourceId) => ({ resourceId, resourceType: 'AWS::SageMaker::NotebookInstance' as ResourceType })),
      });
    // Config may leave keys unprocessed: they are asked for again.
    configMock.on(BatchGetResourceConfigCommand).callsFake((input) => {
      const keys = input.resourceKeys as { resourceId: string }[];
      const [first, ...rest] = keys;
      return {
        baseConfigurationItems: rest.map((k) => ({ ...item, resourceId: k.resourceId })),
        unprocessedResourceKeys: first && keys.length > 1 ? [first] : [],
        ...(keys.length === 1 ? { baseConfigurationItems: [{ ...item, resourceId: first!.resourceId }] } : {}),
      };
    });
    configMock.on(GetComplianceDetailsByConfigRuleCommand).resolves({ EvaluationResults: [] });
    const result = await makeHandler(periodicRecorded, { config: new ConfigServiceClient({ region: 'us-east-1' }) })(
      scheduled(),
    );
    expect(result.evaluations).toBe(130);
    expect(
      configMock.commandCalls(BatchGetResourceConfigCommand).every((c) => c.args[0].input.resourceKeys!.length <= 100),
    ).toBe(true);
  });
});
