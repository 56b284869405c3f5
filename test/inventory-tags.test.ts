// Tags that cannot be silently wrong, over mocked SageMaker and Tagging API answers: GetResources'
// answer is used as it is when it returns every listed resource; when it leaves some out, ListTags
// is asked about up to three of them, and a tag GetResources should have returned switches the
// listing's left-out resources to ListTags, with one warning. Pipelines stand for any type, since
// AWS names none of SageMaker's types in its GetResources coverage.
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { GetResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import { ListPipelinesCommand, ListTagsCommand } from '@aws-sdk/client-sagemaker';
import { describe, expect, it } from 'vitest';
import { configSources } from '../rules/_core/config-sources.js';
import { evaluateEvent } from '../rules/_core/engine.js';
import { parseEvent } from '../rules/_core/event.js';
import { inventoryLoaders } from '../rules/_inventory/index.js';
import adapter from '../rules/_inventory/pipelines.js';
import { assembleItems } from '../rules/_inventory/sagemaker.js';
import { PROBES, tagsByArn } from '../rules/_inventory/tags.js';
import pipelineTaggedRule from '../rules/sagemaker-pipeline-tagged.js';
import { ACCOUNT, inventoryTestbed, NOW } from './support/inventory.js';
import type { ServeOptions, TaggedResource } from './support/tagging.js';

const { client, sagemaker, tagging, context, serveTags } = inventoryTestbed();
const arnOf = (name: string) => `arn:aws:sagemaker:us-east-1:${ACCOUNT}:pipeline/${name}`;

/** Pipelines with their real tags: listed by ListPipelines, tagged as given (GetResources with `options`' gaps). */
function servePipelines(pipelines: Record<string, Record<string, string>>, options: ServeOptions = {}) {
  const names = Object.keys(pipelines);
  sagemaker.on(ListPipelinesCommand).resolves({
    PipelineSummaries: names.map((PipelineName) => ({
      PipelineName,
      PipelineArn: arnOf(PipelineName),
      CreationTime: new Date('2026-10-02T14:21:07.512Z'),
      LastModifiedTime: new Date('2026-11-19T10:05:44.031Z'),
    })),
  });
  const resources: TaggedResource[] = names.map((name) => ({ arn: arnOf(name), tags: pipelines[name]! }));
  serveTags(() => resources, options);
  return names;
}

const FRAUD = { 'ml-pipeline': 'fraud-detection', team: 'fraud' };
const CHURN = { 'ml-pipeline': 'churn', team: 'churn' };
/** Ten pipelines, four untagged (the 2nd, 4th, 6th and 10th), two of churn's team. */
const TEN = {
  'fraud-train': FRAUD,
  'fraud-adhoc-backfill': {},
  'fraud-deploy': FRAUD,
  'scratch-2026-10': {},
  'fraud-batch-score': FRAUD,
  'scratch-2026-11': {},
  'churn-train': CHURN,
  'churn-deploy': CHURN,
  'fraud-monitor': FRAUD,
  'scratch-2026-12': {},
};
const tagsOnly = (extra: Record<string, unknown> = {}) => context({ reads: new Set(['tags']), ...extra });
const listTagsArns = () => sagemaker.commandCalls(ListTagsCommand).map((c) => c.args[0].input.ResourceArn);

/** The periodic pipeline tag rule, run as its Lambda function runs it, with these parameters. */
async function evaluateTagRule(ruleParameters: Record<string, string>, warnings: string[]) {
  const sources = configSources({
    config: new ConfigServiceClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }),
    inventory: inventoryLoaders,
    inventoryContext: {
      sagemaker: client,
      tagging: tagging.client,
      now: NOW,
      onWarning: (m: string) => warnings.push(m),
    },
  });
  const event = parseEvent({
    invokingEvent: JSON.stringify({
      awsAccountId: ACCOUNT,
      notificationCreationTime: '2026-11-20T06:00:00.412Z',
      messageType: 'ScheduledNotification',
      recordVersion: '1.0',
    }),
    ruleParameters: JSON.stringify(ruleParameters),
    resultToken: 'TESTMODE',
    configRuleName: 'ml-config-sagemaker-pipeline-tagged',
    accountId: ACCOUNT,
  });
  const { evaluations } = await evaluateEvent(pipelineTaggedRule, event, sources);
  return Object.fromEntries(evaluations.map((e) => [e.ComplianceResourceId, e.ComplianceType]));
}

describe('tags from GetResources, checked with ListTags', () => {
  it('asks nothing more when GetResources returns every listed pipeline', async () => {
    servePipelines({ 'fraud-train': FRAUD, 'churn-train': CHURN });
    const warnings: string[] = [];
    const items = await adapter.list(tagsOnly({ onWarning: (m: string) => warnings.push(m) }));
    expect(items.map((i) => i.tags)).toEqual([FRAUD, CHURN]);
    expect(sagemaker.commandCalls(ListTagsCommand)).toHaveLength(0);
    expect(warnings).toEqual([]);
  });

  it(`asks ListTags about ${PROBES} of the untagged pipelines it leaves out, spread over them, and nothing more`, async () => {
    servePipelines(TEN);
    const warnings: string[] = [];
    const items = await adapter.list(tagsOnly({ onWarning: (m: string) => warnings.push(m) }));
    expect(listTagsArns()).toEqual([arnOf('fraud-adhoc-backfill'), arnOf('scratch-2026-11'), arnOf('scratch-2026-12')]);
    expect(Object.fromEntries(items.map((i) => [i.resourceId, i.tags]))).toEqual(TEN);
    expect(warnings).toEqual([]);
  });

  it('where GetResources does not cover the type: every pipeline it left out read with ListTags, right verdicts, one warning', async () => {
    servePipelines(TEN, { uncovered: ['sagemaker:pipeline'] });
    const warnings: string[] = [];
    const verdicts = await evaluateTagRule({}, warnings);
    expect(verdicts).toEqual(
      Object.fromEntries(
        Object.entries(TEN).map(([name, tags]) => [name, Object.keys(tags).length > 0 ? 'COMPLIANT' : 'NON_COMPLIANT']),
      ),
    );
    // Each pipeline once: the probes, then the others.
    expect(listTagsArns().sort()).toEqual(Object.keys(TEN).map(arnOf).sort());
    expect(warnings).toEqual([
      'tags of sagemaker:pipeline: GetResources left out fraud-train, which ListTags shows tagged; GetResources ' +
        'does not cover this type here, so every listed resource it leaves out is read with ListTags, one call each',
    ]);
  });

  it('with a scope tag and a type GetResources does not cover, keeps the pipelines in scope', async () => {
    servePipelines(TEN, { uncovered: ['sagemaker:pipeline'] });
    const warnings: string[] = [];
    const verdicts = await evaluateTagRule(
      { scopeTagKey: 'team', scopeTagValue: 'fraud', requiredTagKeys: 'ml-pipeline' },
      warnings,
    );
    // The pipelines of team fraud are evaluated, the others are out of scope and not evaluated. Before,
    // the empty filtered answer left every pipeline out of scope: not one verdict, and no word of it.
    expect(verdicts).toEqual({
      'fraud-train': 'COMPLIANT',
      'fraud-deploy': 'COMPLIANT',
      'fraud-batch-score': 'COMPLIANT',
      'fraud-monitor': 'COMPLIANT',
    });
    expect(tagging.inputs.map((i) => i.TagFilters)).toEqual([[{ Key: 'team', Values: ['fraud'] }]]);
    expect(warnings).toEqual([expect.stringMatching(/ListTags shows with the scope tag team; /)]);
  });

  it('with a scope tag GetResources covers: a probe that finds the key with another value is no miss', async () => {
    servePipelines(TEN);
    const warnings: string[] = [];
    const items = await adapter.list(
      tagsOnly({ params: { scopeTagKey: 'team', scopeTagValue: 'fraud' }, onWarning: (m: string) => warnings.push(m) }),
    );
    // Left out: the six without team=fraud; churn-train is among the three asked, and is not a miss.
    expect(listTagsArns()).toEqual([arnOf('fraud-adhoc-backfill'), arnOf('churn-train'), arnOf('scratch-2026-12')]);
    expect(warnings).toEqual([]);
    expect(items.filter((i) => i.tags.team === 'fraud').map((i) => i.resourceId)).toEqual([
      'fraud-train',
      'fraud-deploy',
      'fraud-batch-score',
      'fraud-monitor',
    ]);
  });

  it("keeps only ARNs of the filter's own type, whatever a filter matches", async () => {
    const model = `arn:aws:sagemaker:us-east-1:${ACCOUNT}:model/churn-xgb`;
    serveTags(
      (): TaggedResource[] => [
        { arn: model, tags: { team: 'churn' } },
        { arn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:model-package-group/churn-xgb`, tags: { team: 'churn' } },
        { arn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:model-package/churn-xgb/3`, tags: { stage: 'prod' } },
      ],
      { prefixMatch: true },
    );
    const byArn = await tagsByArn(tagging.client, 'sagemaker:model');
    expect([...byArn.keys()]).toEqual([model]);
  });

  it('a denied probe leaves the answer as GetResources gave it, and says so; the read stands', async () => {
    servePipelines(TEN);
    sagemaker.on(ListTagsCommand).rejects(
      Object.assign(new Error('User is not authorized to perform: sagemaker:ListTags'), {
        name: 'AccessDeniedException',
      }),
    );
    const warnings: string[] = [];
    const items = await adapter.list(tagsOnly({ onWarning: (m: string) => warnings.push(m) }));
    expect(items.find((i) => i.resourceId === 'fraud-train')!.tags).toEqual(FRAUD);
    expect(warnings).toEqual([
      "tags of sagemaker:pipeline: could not check GetResources' answer with ListTags (AccessDeniedException: " +
        'User is not authorized to perform: sagemaker:ListTags); used as GetResources gave it, which left out 4 of 10 listed resources',
    ]);
  });

  it('a fallback that fails fails the tag read: no verdict on tags it could not read', async () => {
    servePipelines(TEN, { uncovered: ['sagemaker:pipeline'] });
    sagemaker
      .on(ListTagsCommand, { ResourceArn: arnOf('churn-deploy') })
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(adapter.list(tagsOnly())).rejects.toThrow(/Rate exceeded/);
    const failed: string[] = [];
    const items = await adapter.list(tagsOnly({ onReadFailure: (read: string) => failed.push(read) }));
    expect(failed).toEqual(['tags']);
    expect(items).toHaveLength(10);
  });

  it('a pipeline deleted since the listing has no tags: ListTags finds it gone, no error', async () => {
    servePipelines({ 'fraud-train': FRAUD, 'scratch-2026-10': {} });
    sagemaker
      .on(ListTagsCommand, { ResourceArn: arnOf('scratch-2026-10') })
      .rejects(Object.assign(new Error('Resource not found'), { name: 'ResourceNotFound' }));
    const items = await adapter.list(tagsOnly());
    expect(items.map((i) => [i.resourceId, i.tags])).toEqual([
      ['fraud-train', FRAUD],
      ['scratch-2026-10', {}],
    ]);
  });

  it('where the endpoint does not offer the Tagging API (HTTP 501), every pipeline is read with ListTags, without a warning', async () => {
    servePipelines(TEN);
    tagging.mock.on(GetResourcesCommand).rejects(
      Object.assign(new Error('The requested operation is not implemented'), {
        name: 'NotImplemented',
        $metadata: { httpStatusCode: 501 },
      }),
    );
    const warnings: string[] = [];
    const items = await adapter.list(tagsOnly({ onWarning: (m: string) => warnings.push(m) }));
    expect(Object.fromEntries(items.map((i) => [i.resourceId, i.tags]))).toEqual(TEN);
    expect(listTagsArns().sort()).toEqual(Object.keys(TEN).map(arnOf).sort());
    expect(warnings).toEqual([]);
  });

  it('a type the table does not name is read with ListTags alone', async () => {
    const cluster = `arn:aws:sagemaker:us-east-1:${ACCOUNT}:cluster/a1b2c3d4e5f6`;
    serveTags(() => [{ arn: cluster, tags: { team: 'fraud' } }]);
    const items = await assembleItems(
      'AWS::SageMaker::Cluster',
      [{ id: 'fraud-hyperpod', arn: cluster, summary: { ClusterName: 'fraud-hyperpod', ClusterArn: cluster } }],
      tagsOnly(),
      { taggingType: 'sagemaker:cluster' },
    );
    expect(items[0]!.tags).toEqual({ team: 'fraud' });
    expect(tagging.mock.commandCalls(GetResourcesCommand)).toHaveLength(0);
    expect(listTagsArns()).toEqual([cluster]);
  });
});
