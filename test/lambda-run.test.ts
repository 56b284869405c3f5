// One Lambda invocation (rules/_core/lambda-run.ts, handler.ts, change-handler.ts) and the Config
// reads under it (config-reads.ts, config-sources.ts), at the edges the rules' own tests do not
// reach: the account a summary is for, the log's warning and note lines, a change that Config
// does not take, suppressions in both forms, and Config's paging and unprocessed keys.
import {
  BatchGetResourceConfigCommand,
  ConfigServiceClient,
  GetComplianceDetailsByConfigRuleCommand,
  GetResourceConfigHistoryCommand,
  ListDiscoveredResourcesCommand,
  PutEvaluationsCommand,
} from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeChangeHandler } from '../rules/_core/change-handler.js';
import { batchGetItems } from '../rules/_core/config-reads.js';
import { configSources, listRecorded } from '../rules/_core/config-sources.js';
import { makeHandler } from '../rules/_core/handler.js';
import type { RuleHandler } from '../rules/_core/lambda-run.js';
import { SUPPRESSIONS_ENV } from '../rules/_core/suppressions.js';
import { ruleById } from '../rules/index.js';
import { ENDPOINT_TYPE, endpointInventory, endpointName } from './support/endpoint-inventory.js';
import { fixture, fixtureEvent } from './support/fixtures.js';

const configMock = mockClient(ConfigServiceClient);
const config = () => new ConfigServiceClient({ region: 'us-east-1' });
let lines: any[];

beforeEach(() => {
  configMock.reset();
  configMock.on(GetComplianceDetailsByConfigRuleCommand).resolves({ EvaluationResults: [] });
  configMock.on(PutEvaluationsCommand).resolves({ FailedEvaluations: [] });
  lines = [];
  vi.spyOn(console, 'log').mockImplementation((line) => void lines.push(JSON.parse(String(line))));
});
afterEach(() => {
  delete process.env[SUPPRESSIONS_ENV];
  vi.restoreAllMocks();
});
afterAll(() => configMock.restore());

const TAG_RULE = 'sagemaker-endpoint-tagged';
const NOTEBOOK = 'sagemaker-notebook-no-direct-internet';
const sent = () => configMock.commandCalls(PutEvaluationsCommand).flatMap((c) => c.args[0].input.Evaluations ?? []);
const refusing = (message: string) =>
  configMock.on(PutEvaluationsCommand).callsFake((input) => {
    if (input.Evaluations.some((e: any) => e.ComplianceResourceType === ENDPOINT_TYPE))
      throw Object.assign(new Error(message), { name: 'InvalidParameterValueException' });
    return { FailedEvaluations: [] };
  });
const REFUSAL = `The resource type ${ENDPOINT_TYPE} is invalid. Only the following values are permitted: [${Array.from(
  { length: 20 },
  (_, i) => `AWS::Service${i}::Type`,
).join(', ')}]`;

/** The scheduled event of the fixtures with no account in it, as a rule that lost it would get it. */
function scheduledWithoutAccount() {
  const event = fixture('_events', 'scheduled.json');
  const { awsAccountId: _, ...invoking } = JSON.parse(event.invokingEvent);
  const { accountId: __, ...rest } = event;
  return { ...rest, invokingEvent: JSON.stringify(invoking) };
}
/** The two forms of a rule's handler (scripts/build.ts picks one per rule). */
const FORMS: [string, (id: string) => RuleHandler][] = [
  ['the handler of a rule with a scheduled run', (id) => makeHandler(ruleById(id)!, { config: config() })],
  ['the handler of a change rule', (id) => makeChangeHandler(ruleById(id)!, { config: config() })],
];

/** A change to the notebook rule, in the change form, that Config's PutEvaluations throttles. */
function notebookChangeRejected() {
  configMock
    .on(PutEvaluationsCommand)
    .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
  return makeChangeHandler(ruleById(NOTEBOOK)!, { config: config() })(
    fixtureEvent(NOTEBOOK, 'non-compliant.enabled.json'),
  );
}
const tagRun = (count: number) =>
  makeHandler(ruleById(TAG_RULE)!, { config: config(), inventory: endpointInventory(count) });

describe('the account a run is for', () => {
  it("takes it from the function's own ARN when the event names none, for the summary Config shows", async () => {
    refusing(REFUSAL);
    await tagRun(20)(scheduledWithoutAccount(), {
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:210987654321:function:ml-config-rules-sagemaker-endpoint-tagged',
    });
    // The endpoints' own batch was refused; what Config took is the summary, under that account.
    expect(sent().filter((e) => e.ComplianceResourceType !== ENDPOINT_TYPE)).toEqual([
      expect.objectContaining({ ComplianceResourceType: 'AWS::::Account', ComplianceResourceId: '210987654321' }),
    ]);
  });

  it('fails, saying so, when neither the event nor the context names one', async () => {
    refusing(REFUSAL);
    await expect(tagRun(20)(scheduledWithoutAccount(), {})).rejects.toThrow(
      `rule ${TAG_RULE} reports under AWS::::Account, but the event names no account (accountId, awsAccountId)`,
    );
    await expect(
      tagRun(20)(scheduledWithoutAccount(), { invokedFunctionArn: 'arn:aws:lambda:us-east-1' }),
    ).rejects.toThrow('but the event names no account');
  });
});

describe('the log lines of a run', () => {
  it("warns once of a type Config refuses, quoting the first 200 characters of Config's message", async () => {
    refusing(REFUSAL);
    await tagRun(20)(fixture('_events', 'scheduled.json'));
    expect(lines[0]).toEqual({
      level: 'warn',
      rule: TAG_RULE,
      refusedType: ENDPOINT_TYPE,
      message: `PutEvaluations refused ${ENDPOINT_TYPE}: reported per account from now on in this container (${REFUSAL.slice(0, 200)})`,
    });
    expect(lines.filter((l) => l.refusedType)).toHaveLength(1);
  });

  it.each(FORMS)('%s notes a snapshot delivery it does not evaluate', async (_form, make) => {
    await make(NOTEBOOK)(fixture('_events', 'snapshot-delivery.json'));
    expect(lines[0]).toEqual({
      level: 'info',
      rule: NOTEBOOK,
      message: 'ConfigurationSnapshotDeliveryCompleted: nothing to evaluate',
    });
    await make(NOTEBOOK)(fixtureEvent(NOTEBOOK, 'non-compliant.enabled.json'));
    expect(
      lines.filter((l) => l.message === 'ConfigurationSnapshotDeliveryCompleted: nothing to evaluate'),
    ).toHaveLength(1);
  });

  it('times the run in its summary line, whether it succeeded or failed', async () => {
    const before = Date.now();
    await makeChangeHandler(ruleById(NOTEBOOK)!, { config: config() })(
      fixtureEvent(NOTEBOOK, 'non-compliant.enabled.json'),
    );
    await expect(notebookChangeRejected()).rejects.toThrow('Rate exceeded');
    const summaries = lines.filter((l) => l.kind === 'summary');
    expect(summaries).toHaveLength(2);
    for (const s of summaries) {
      expect(s.durationMs).toBeGreaterThanOrEqual(0);
      expect(s.durationMs).toBeLessThanOrEqual(Date.now() - before);
    }
  });

  it('logs the verdict of a change Config did not take as not reported, and no evaluations sent', async () => {
    await expect(notebookChangeRejected()).rejects.toThrow('Rate exceeded');
    expect(lines.filter((l) => l.kind === 'verdict')).toEqual([
      expect.objectContaining({ resourceId: 'churn-explore', complianceType: 'NON_COMPLIANT', reported: false }),
    ]);
    const summary = lines.find((l) => l.kind === 'summary');
    expect(summary).toMatchObject({ reported: false, counts: { NON_COMPLIANT: 1 } });
    expect(summary).not.toHaveProperty('evaluationsSent');
    // A failed run sent no summary and no clean-up.
    expect(summary).not.toHaveProperty('cleanedUp');
    expect(summary).not.toHaveProperty('accountSummary');
  });
});

describe('suppressions in Lambda', () => {
  it.each(FORMS)('%s applies them to a change', async (_form, make) => {
    process.env[SUPPRESSIONS_ENV] = JSON.stringify([{ id: NOTEBOOK, resource: 'churn-*', reason: 'sandbox notebook' }]);
    await make(NOTEBOOK)(fixtureEvent(NOTEBOOK, 'non-compliant.enabled.json'));
    expect(sent()).toEqual([
      expect.objectContaining({
        ComplianceType: 'NOT_APPLICABLE',
        Annotation: expect.stringMatching(/^suppressed: sandbox notebook \(was NON_COMPLIANT: /),
      }),
    ]);
  });

  it('applies them to a scheduled run', async () => {
    process.env[SUPPRESSIONS_ENV] = JSON.stringify([{ id: TAG_RULE, resource: endpointName(0), reason: 'load test' }]);
    await tagRun(20)(fixture('_events', 'scheduled.json'));
    const first = sent().find((e) => e.ComplianceResourceId === endpointName(0));
    expect(first).toMatchObject({
      ComplianceType: 'NOT_APPLICABLE',
      Annotation: expect.stringMatching(/^suppressed: load test/),
    });
    expect(sent().filter((e) => e.ComplianceType === 'NON_COMPLIANT')).toHaveLength(1);
  });
});

describe("Config's reads", () => {
  const BUCKET = 'AWS::S3::Bucket';
  const item = (name: string) => ({
    version: '1.3',
    accountId: '123456789012',
    configurationItemCaptureTime: new Date('2026-11-20T09:14:03.512Z'),
    configurationItemStatus: 'OK' as const,
    resourceType: BUCKET as never,
    resourceId: name,
    resourceName: name,
    arn: `arn:aws:s3:::${name}`,
    awsRegion: 'us-east-1',
    configuration: JSON.stringify({ name }),
    supplementaryConfiguration: {},
  });
  const key = (name: string) => ({ resourceType: BUCKET, resourceId: name });

  it('finds no item when GetResourceConfigHistory answers without a list', async () => {
    configMock.on(GetResourceConfigHistoryCommand).resolves({});
    expect(await configSources({ config: config() }).getItem(BUCKET, 'b', '2026-11-20T09:14:03.512Z')).toBeUndefined();
  });

  it('asks again for the keys BatchGetResourceConfig left unprocessed, and returns exactly what it got', async () => {
    configMock
      .on(BatchGetResourceConfigCommand)
      .resolvesOnce({ unprocessedResourceKeys: [key('b') as never] })
      .resolvesOnce({ baseConfigurationItems: [item('b')] });
    const items = await batchGetItems(config(), [key('b')]);
    expect(items.map((i) => i.resourceId)).toEqual(['b']);
    expect(configMock.commandCalls(BatchGetResourceConfigCommand)).toHaveLength(2);
  });

  it('gives up after 5 calls that leave keys unprocessed', async () => {
    configMock.on(BatchGetResourceConfigCommand).resolves({ unprocessedResourceKeys: [key('b') as never] });
    await expect(batchGetItems(config(), [key('b')])).rejects.toThrow(
      'BatchGetResourceConfig left 1 keys unprocessed after 5 attempts',
    );
    expect(configMock.commandCalls(BatchGetResourceConfigCommand)).toHaveLength(5);
  });

  it('lists a recorded type page by page, fetching only the resources Config names, of that type', async () => {
    configMock
      .on(ListDiscoveredResourcesCommand)
      .resolvesOnce({
        resourceIdentifiers: [{ resourceType: BUCKET, resourceId: 'a' }, { resourceType: BUCKET }],
        nextToken: 'p2',
      })
      .resolvesOnce({ nextToken: 'p3' })
      .resolvesOnce({ resourceIdentifiers: [{ resourceType: BUCKET, resourceId: 'c' }] });
    configMock.on(BatchGetResourceConfigCommand).callsFake((input) => ({
      baseConfigurationItems: input.resourceKeys.map((k: { resourceId: string }) => item(k.resourceId)),
    }));
    const items = await listRecorded(config(), BUCKET);
    expect(items.map((i) => i.resourceId)).toEqual(['a', 'c']);
    expect(configMock.commandCalls(ListDiscoveredResourcesCommand).map((c) => c.args[0].input.resourceType)).toEqual([
      BUCKET,
      BUCKET,
      BUCKET,
    ]);
    expect(configMock.commandCalls(BatchGetResourceConfigCommand).map((c) => c.args[0].input.resourceKeys)).toEqual([
      [key('a')],
      [key('c')],
    ]);
  });

  it('reads the earlier results of a rule, keeping only those that name a resource', async () => {
    configMock
      .on(GetComplianceDetailsByConfigRuleCommand)
      .resolvesOnce({ NextToken: 'p2' })
      .resolves({
        EvaluationResults: [
          {
            EvaluationResultIdentifier: {
              EvaluationResultQualifier: { ResourceType: ENDPOINT_TYPE, ResourceId: 'e1' },
            },
          },
          { EvaluationResultIdentifier: { EvaluationResultQualifier: { ResourceType: ENDPOINT_TYPE } } },
          { EvaluationResultIdentifier: { EvaluationResultQualifier: { ResourceId: 'e3' } } },
          { EvaluationResultIdentifier: {} },
          {},
        ],
      });
    expect(await configSources({ config: config() }).previouslyReported!('ml-sagemaker-endpoint-tagged')).toEqual([
      { resourceType: ENDPOINT_TYPE, resourceId: 'e1' },
    ]);
  });
});
