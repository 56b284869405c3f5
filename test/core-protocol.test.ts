// The Config protocol's own edges, below the rules (rules/_core/event.ts, engine.ts,
// applicability.ts): what the runtime does with an event or item no fixture of a rule carries.
// Each case is one a contributor could break with a one-line change and no rule's fixture notice.
import { describe, expect, it, vi } from 'vitest';
import { notApplicableReason } from '../rules/_core/applicability.js';
import {
  InvalidConfigurationError,
  InvalidEventError,
  LookupError,
  UnsupportedEventError,
} from '../rules/_core/errors.js';
import { evaluateEvent, paramsFor, scheduledEvaluations, type Sources } from '../rules/_core/engine.js';
import { looksLikeEvent, parseEvent, type ParsedEvent } from '../rules/_core/event.js';
import { normaliseItem, type ConfigItem } from '../rules/_core/items.js';
import { compliant, defineRule, nonCompliant, type Rule } from '../rules/_core/rule.js';
import { ruleById } from '../rules/index.js';
import { fixture } from './support/fixtures.js';

const NOTEBOOK_RULE = 'sagemaker-notebook-no-direct-internet';
const notebookRule = () => ruleById(NOTEBOOK_RULE)!;
const notebookItem = (file = 'non-compliant.enabled.json'): ConfigItem => normaliseItem(fixture(NOTEBOOK_RULE, file));
const MODEL_RULE = 'sagemaker-model-artifact-versioned-bucket';
const modelFixture = (file: string) => fixture(MODEL_RULE, file);

/** A Config rule event around an invokingEvent object, as Config sends it (the object as a string). */
const eventOf = (invoking: unknown, extra: Record<string, unknown> = {}) => ({
  invokingEvent: JSON.stringify(invoking),
  ruleParameters: '{}',
  resultToken: 'result-token',
  ...extra,
});
const snapshot = {
  messageType: 'ConfigurationSnapshotDeliveryCompleted',
  notificationCreationTime: '2026-11-20T09:00:00.000Z',
};
const oversizedOf = (summary: unknown) => ({
  messageType: 'OversizedConfigurationItemChangeNotification',
  notificationCreationTime: '2026-11-20T09:14:05.118Z',
  configurationItemSummary: summary,
});
const summary = {
  changeType: 'UPDATE',
  configurationItemVersion: '1.3',
  configurationItemCaptureTime: '2026-11-20T09:14:03.512Z',
  configurationStateId: 1795166043512,
  awsAccountId: '123456789012',
  configurationItemStatus: 'OK',
  resourceType: 'AWS::SageMaker::NotebookInstance',
  resourceId: 'fraud-detection-large',
  resourceName: 'fraud-detection-large',
  ARN: 'arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/fraud-detection-large',
  awsRegion: 'us-east-1',
  availabilityZone: 'Not Applicable',
  configurationStateMd5Hash: '',
  resourceCreationTime: '2026-11-20T09:12:41.000Z',
};

describe('parseEvent', () => {
  it('tells an event from a bare configuration item', () => {
    expect(looksLikeEvent(eventOf(snapshot))).toBe(true);
    expect(looksLikeEvent(fixture(NOTEBOOK_RULE, 'non-compliant.enabled.json'))).toBe(false);
  });

  it.each([
    ['a string', 'hello'],
    ['null', null],
    ['a list', [eventOf(snapshot)]],
  ])('refuses an event that is %s', (_what, event) => {
    const parse = () => parseEvent(event);
    expect(parse).toThrow(InvalidEventError);
    expect(parse).toThrow('a Config rule event must be a JSON object');
  });

  it('takes an invokingEvent already parsed into an object, as a test harness sends it', () => {
    expect(parseEvent({ invokingEvent: snapshot, resultToken: 't' }).kind).toBe('snapshot');
  });

  it.each([
    ['missing', undefined, 'invokingEvent must be a JSON string'],
    ['empty', '', 'invokingEvent must be a JSON string'],
    ['null', null, 'invokingEvent must be a JSON string'],
    ['a list', [snapshot], 'invokingEvent must be a JSON string'],
    ['a number', 42, 'invokingEvent must be a JSON string'],
    ['a JSON number', '42', 'invokingEvent is not a JSON object string'],
    ['a JSON string', '"ConfigurationSnapshotDeliveryCompleted"', 'invokingEvent is not a JSON object string'],
    ['a JSON list', '[]', 'invokingEvent is not a JSON object string'],
  ])('refuses an invokingEvent that is %s', (_what, invokingEvent, message) => {
    const parse = () => parseEvent({ invokingEvent, resultToken: 't' });
    expect(parse).toThrow(InvalidEventError);
    expect(parse).toThrow(message);
  });

  it('refuses an invokingEvent object nested too deep, naming it', () => {
    let deep: unknown = {};
    for (let i = 0; i < 200; i++) deep = { a: deep };
    expect(() => parseEvent({ invokingEvent: { ...snapshot, deep }, resultToken: 't' })).toThrow(
      /^invokingEvent is nested deeper than \d+ levels$/,
    );
  });

  it('keeps the fields it reads only when they have the type Config sends', () => {
    const parsed = parseEvent(eventOf(snapshot, { resultToken: 7, configRuleName: 7, eventLeftScope: 'yes' }));
    expect(parsed.resultToken).toBeUndefined();
    expect(parsed.configRuleName).toBeUndefined();
    expect(parsed.eventLeftScope).toBe(false);
    expect(parsed.accountId).toBeUndefined();
    expect(parseEvent(eventOf(snapshot, { accountId: null })).accountId).toBeUndefined();
    expect(parseEvent(eventOf({ ...snapshot, awsAccountId: null })).accountId).toBeUndefined();
    const named = parseEvent(eventOf(snapshot, { configRuleName: 'ml-notebook-no-internet', accountId: 123456789012 }));
    expect(named.configRuleName).toBe('ml-notebook-no-internet');
    expect(named.accountId).toBe('123456789012');
    expect(named.resultToken).toBe('result-token');
  });

  it("takes the account from the invokingEvent's awsAccountId when the event has no accountId", () => {
    expect(parseEvent(eventOf({ ...snapshot, awsAccountId: '210987654321' })).accountId).toBe('210987654321');
  });

  it('reads an oversized summary, its status OK when Config leaves it out', () => {
    const { configurationItemStatus: _, ...noStatus } = summary;
    const parsed = parseEvent(eventOf(oversizedOf(noStatus)));
    expect(parsed).toMatchObject({
      kind: 'oversized',
      summary: {
        resourceType: 'AWS::SageMaker::NotebookInstance',
        resourceId: 'fraud-detection-large',
        configurationItemCaptureTime: '2026-11-20T09:14:03.512Z',
        configurationItemStatus: 'OK',
      },
    });
    const deleted = parseEvent(eventOf(oversizedOf({ ...summary, configurationItemStatus: 'ResourceDeleted' })));
    expect(deleted).toMatchObject({ summary: { configurationItemStatus: 'ResourceDeleted' } });
  });

  it.each([
    ['no summary', undefined],
    ['a summary without resourceType', { ...summary, resourceType: undefined }],
    ['a summary whose resourceType is not a string', { ...summary, resourceType: 7 }],
    ['a summary without resourceId', { ...summary, resourceId: undefined }],
  ])('refuses an oversized notification with %s', (_what, s) => {
    const parse = () => parseEvent(eventOf(oversizedOf(s)));
    expect(parse).toThrow(InvalidEventError);
    expect(parse).toThrow(
      'OversizedConfigurationItemChangeNotification without configurationItemSummary.resourceType/resourceId',
    );
  });

  it('refuses an oversized summary without a capture time, or with one Config could not have recorded', () => {
    expect(() => parseEvent(eventOf(oversizedOf({ ...summary, configurationItemCaptureTime: undefined })))).toThrow(
      'configurationItemSummary has no configurationItemCaptureTime',
    );
    const late = () =>
      parseEvent(eventOf(oversizedOf({ ...summary, configurationItemCaptureTime: '2999-01-01T00:00:00Z' })));
    expect(late).toThrow(InvalidConfigurationError);
    expect(late).toThrow(
      /^configurationItemSummary\.configurationItemCaptureTime 2999-01-01T00:00:00\.000Z is outside/,
    );
  });

  it('refuses a scheduled notification without a creation time, and names the field of a bad one', () => {
    const scheduled = { messageType: 'ScheduledNotification', awsAccountId: '123456789012' };
    expect(() => parseEvent(eventOf(scheduled))).toThrow('ScheduledNotification without notificationCreationTime');
    expect(() => parseEvent(eventOf({ ...scheduled, notificationCreationTime: 'yesterday' }))).toThrow(
      'notificationCreationTime is not a date: "yesterday"',
    );
  });

  it('names the message types it takes when it refuses one', () => {
    const parse = () => parseEvent(eventOf({ messageType: 'ComplianceChangeNotification' }));
    expect(parse).toThrow(UnsupportedEventError);
    expect(parse).toThrow(
      'messageType "ComplianceChangeNotification" is not supported (expected one of ConfigurationItemChangeNotification, OversizedConfigurationItemChangeNotification, ScheduledNotification, ConfigurationSnapshotDeliveryCompleted)',
    );
  });
});

describe('notApplicableReason', () => {
  const NO_SCOPE = { scopeTagKey: undefined, scopeTagValue: undefined };
  it('evaluates an item in scope when the caller gives no eventLeftScope', () => {
    expect(notApplicableReason(notebookRule(), notebookItem(), NO_SCOPE)).toBeUndefined();
  });

  it("names the type of an item the rule does not check (a lookup's bucket handed to a notebook rule)", () => {
    const bucket = normaliseItem(fixture('s3-bucket-versioning-enabled', 'compliant.enabled.json'));
    expect(notApplicableReason(notebookRule(), bucket, NO_SCOPE)).toBe(
      'rule sagemaker-notebook-no-direct-internet does not check AWS::S3::Bucket',
    );
  });
});

describe('paramsFor', () => {
  // A copy of a rule with a parameter, so that no other test's calls share its caches.
  const scopedRule = (): Rule => defineRule({ ...ruleById('sagemaker-notebook-kms-key')! });
  const scoped = (value: string) => ({ scopeTagKey: 'ml-pipeline', scopeTagValue: value });

  it('validates a parameter set once: the same object for the same parameters', () => {
    const rule = scopedRule();
    const first = paramsFor(rule, scoped('fraud-detection'));
    expect(first).toMatchObject(scoped('fraud-detection'));
    expect(paramsFor(rule, scoped('fraud-detection'))).toBe(first);
  });

  it('reads a parameter object again when it changed since, unless it is frozen', () => {
    const rule = scopedRule();
    const raw = scoped('fraud-detection');
    paramsFor(rule, raw);
    raw.scopeTagValue = 'churn';
    expect(paramsFor(rule, raw).scopeTagValue).toBe('churn');
  });

  it('keeps at most about 100 parameter sets per rule, and a frozen one (an event reused) for as long as it lives', () => {
    const rule = scopedRule();
    const other = scopedRule();
    const frozen = Object.freeze(scoped('frozen'));
    const fromFrozen = paramsFor(rule, frozen);
    const fromFrozenOther = paramsFor(other, frozen);
    const first = paramsFor(rule, scoped('v0'));
    for (let i = 1; i <= 99; i++) paramsFor(rule, scoped(`v${i}`));
    // 101 sets, the frozen one's among them: not over the limit yet, so the first is still known.
    expect(paramsFor(rule, scoped('v0'))).toBe(first);
    paramsFor(rule, scoped('v100'));
    // Over it: the cache was emptied, and the first set is validated again, to an equal object.
    const again = paramsFor(rule, scoped('v0'));
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    // The frozen object is still known by identity, for each rule it was used with.
    expect(paramsFor(rule, frozen)).toBe(fromFrozen);
    for (let i = 0; i <= 101; i++) paramsFor(other, scoped(`w${i}`));
    expect(paramsFor(other, frozen)).toBe(fromFrozenOther);
  });
});

/** Sources that serve `items` and record what the engine asked for. */
function recordingSources(items: ConfigItem[], listed: ConfigItem[] = []): Sources & { asked: string[][] } {
  const asked: string[][] = [];
  return {
    asked,
    getItem: async () => undefined,
    listItems: async () => listed,
    batchGet: async (keys) => {
      asked.push(keys.map((k) => `${k.resourceType} ${k.resourceId}`));
      return items.filter((i) => keys.some((k) => k.resourceType === i.resourceType && k.resourceId === i.resourceId));
    },
  };
}
const changeOf = (item: unknown, extra: Record<string, unknown> = {}): ParsedEvent =>
  parseEvent(
    eventOf(
      {
        messageType: 'ConfigurationItemChangeNotification',
        notificationCreationTime: '2026-11-20T09:14:05.118Z',
        configurationItem: item,
      },
      extra,
    ),
  );

describe('lookups', () => {
  const modelRule = () => ruleById(MODEL_RULE)!;
  const model = () => modelFixture('compliant.versioned-bucket.json');
  const bucket = () => normaliseItem(modelFixture('_lookup/model-artifact-buckets.json').baseConfigurationItems[0]);

  it('asks Config for nothing when a rule has nothing to look up', async () => {
    const sources = recordingSources([]);
    const rule = defineRule({ ...modelRule(), lookups: () => [], evaluate: () => compliant() });
    const none = defineRule({ ...modelRule(), lookups: () => undefined as never, evaluate: () => compliant() });
    await evaluateEvent(rule, changeOf(model()), sources);
    await evaluateEvent(none, changeOf(model()), sources);
    expect(sources.asked).toEqual([]);
  });

  it('refuses a lookup the rule did not declare, by type and by id', async () => {
    const sources = recordingSources([bucket()]);
    const wrongId = defineRule({
      ...modelRule(),
      evaluate: (_item, _params, { lookup }) =>
        lookup('AWS::S3::Bucket', 'some-other-bucket') ? compliant() : nonCompliant('x'),
    });
    const wrongType = defineRule({
      ...modelRule(),
      evaluate: (_item, _params, { lookup }) =>
        lookup('AWS::KMS::Key', bucket().resourceId) ? compliant() : nonCompliant('x'),
    });
    await expect(evaluateEvent(wrongId, changeOf(model()), sources)).rejects.toThrow(
      new LookupError(
        `rule ${MODEL_RULE} looked up AWS::S3::Bucket some-other-bucket without declaring it in lookups()`,
      ),
    );
    await expect(evaluateEvent(wrongType, changeOf(model()), sources)).rejects.toThrow(
      `rule ${MODEL_RULE} looked up AWS::KMS::Key ${bucket().resourceId} without declaring it in lookups()`,
    );
  });

  it('refuses any lookup from a rule that declares none, with the same function each time', async () => {
    const seen: unknown[] = [];
    const rule = defineRule({
      ...notebookRule(),
      evaluate: (_item, _params, { lookup }) => {
        seen.push(lookup);
        return compliant();
      },
    });
    const looking = defineRule({
      ...notebookRule(),
      evaluate: (_i, _p, { lookup }) => (lookup('AWS::S3::Bucket', 'b') ? compliant() : compliant()),
    });
    await expect(
      evaluateEvent(looking, changeOf(fixture(NOTEBOOK_RULE, 'non-compliant.enabled.json')), recordingSources([])),
    ).rejects.toThrow(
      new LookupError(`rule ${NOTEBOOK_RULE} looked up AWS::S3::Bucket b without declaring it in lookups()`),
    );
    await evaluateEvent(rule, changeOf(fixture(NOTEBOOK_RULE, 'non-compliant.enabled.json')), recordingSources([]));
    await evaluateEvent(rule, changeOf(fixture(NOTEBOOK_RULE, 'compliant.disabled.json')), recordingSources([]));
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBe(seen[0]);
  });

  it('neither checks nor looks up for a resource that left the scope, even a malformed one', async () => {
    const sources = recordingSources([bucket()]);
    const malformed = { ...model(), configuration: { ...model().configuration, EnableNetworkIsolation: 7 } };
    for (const item of [model(), malformed]) {
      const { evaluations } = await evaluateEvent(modelRule(), changeOf(item, { eventLeftScope: true }), sources);
      expect(evaluations[0]).toMatchObject({
        ComplianceType: 'NOT_APPLICABLE',
        Annotation: 'the resource left the rule scope',
      });
    }
    expect(sources.asked).toEqual([]);
    await evaluateEvent(modelRule(), changeOf(model()), sources);
    expect(sources.asked).toEqual([[`AWS::S3::Bucket ${bucket().resourceId}`]]);
  });

  it('checks an item before it looks anything up for it', async () => {
    const sources = recordingSources([bucket()]);
    const malformed = { ...model(), configuration: { ...model().configuration, EnableNetworkIsolation: 7 } };
    await expect(evaluateEvent(modelRule(), changeOf(malformed), sources)).rejects.toThrow(/EnableNetworkIsolation/);
    expect(sources.asked).toEqual([]);
  });

  it('neither checks nor looks up for a resource that is deleted, and checks an item before looking up for it', async () => {
    const sources = recordingSources([bucket()]);
    const deleted = { ...model(), configurationItemStatus: 'ResourceDeleted', configuration: null };
    const { evaluations } = await evaluateEvent(modelRule(), changeOf(deleted), sources);
    expect(evaluations[0]).toMatchObject({
      ComplianceType: 'NOT_APPLICABLE',
      Annotation: 'configurationItemStatus is ResourceDeleted',
    });
    const malformed = {
      ...model(),
      configuration: { ...model().configuration, PrimaryContainer: { ModelDataUrl: 7 } },
    };
    await expect(evaluateEvent(modelRule(), changeOf(malformed), sources)).rejects.toThrow(InvalidConfigurationError);
    expect(sources.asked).toEqual([]);
  });
});

describe('evaluateEvent', () => {
  it('says why a snapshot delivery is not evaluated', async () => {
    expect(await evaluateEvent(notebookRule(), parseEvent(eventOf(snapshot)), recordingSources([]))).toEqual({
      evaluations: [],
      note: 'ConfigurationSnapshotDeliveryCompleted: nothing to evaluate',
    });
  });

  it("dates the evaluation of an item that has no capture time with the caller's clock, or the current time", async () => {
    const { configurationItemCaptureTime: _, ...undated } = fixture(NOTEBOOK_RULE, 'non-compliant.enabled.json');
    const fixed = await evaluateEvent(notebookRule(), changeOf(undated), recordingSources([]), {
      now: () => new Date('2026-11-21T00:00:00.000Z'),
    });
    expect(fixed.evaluations[0]!.OrderingTimestamp).toBe('2026-11-21T00:00:00.000Z');
    vi.useFakeTimers({ now: new Date('2026-11-22T12:00:00.000Z') });
    try {
      const current = await evaluateEvent(notebookRule(), changeOf(undated), recordingSources([]));
      expect(current.evaluations[0]!.OrderingTimestamp).toBe('2026-11-22T12:00:00.000Z');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('scheduledEvaluations', () => {
  // Parsed in each test, never while the file is collected: a broken parser fails tests, not the file.
  const scheduled = () =>
    parseEvent(
      eventOf({
        messageType: 'ScheduledNotification',
        awsAccountId: '123456789012',
        notificationCreationTime: '2026-11-21T06:00:00.000Z',
      }),
    ) as ParsedEvent & { kind: 'scheduled' };
  const listed = (status: string, name: string): ConfigItem => ({
    ...notebookItem(),
    resourceId: name,
    configurationItemStatus: status,
  });

  it('evaluates the items Config lists as OK or ResourceDiscovered, and skips deleted ones', async () => {
    const items = [
      listed('OK', 'nb-ok'),
      listed('ResourceDiscovered', 'nb-discovered'),
      listed('ResourceDeleted', 'nb-deleted'),
      listed('ResourceDeletedNotRecorded', 'nb-not-recorded'),
    ];
    const pages: string[][] = [];
    for await (const page of scheduledEvaluations(notebookRule(), scheduled(), recordingSources([], items)))
      pages.push(page.map((e) => `${e.ComplianceResourceId} ${e.ComplianceType}`));
    expect(pages).toEqual([['nb-ok NON_COMPLIANT', 'nb-discovered NON_COMPLIANT']]);
  });

  it("applies the caller's parameter overrides to the listing's scope", async () => {
    const untagged = { ...listed('OK', 'nb-untagged'), tags: {} };
    const pages: string[] = [];
    for await (const page of scheduledEvaluations(
      notebookRule(),
      scheduled(),
      recordingSources([], [listed('OK', 'nb-tagged'), untagged]),
      { paramOverrides: { scopeTagKey: 'ml-pipeline' } },
    ))
      for (const e of page) pages.push(e.ComplianceResourceId);
    expect(pages).toEqual(['nb-tagged']);
  });

  it('fails, naming the rule, when its sources cannot list', async () => {
    const { listItems: _, ...noListing } = recordingSources([]);
    const run = async () => {
      for await (const _page of scheduledEvaluations(notebookRule(), scheduled(), noListing));
    };
    await expect(run()).rejects.toThrow(
      new UnsupportedEventError(
        `rule ${NOTEBOOK_RULE} has no scheduled run here: a ScheduledNotification cannot be evaluated without a listing of its resources`,
      ),
    );
  });
});
