// What a run sends and logs, function by function (rules/_core/account-summary.ts, run-log.ts,
// put-evaluations.ts, evaluations.ts): the account summary's annotation, the log's caps and
// levels, PutEvaluations' own refusals and Config's, and the batches of 100.
import { ConfigServiceClient, PutEvaluationsCommand } from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT_TYPE, summaryTally } from '../rules/_core/account-summary.js';
import { FailedEvaluationsError, InvalidEventError } from '../rules/_core/errors.js';
import { ANNOTATION_MAX, batches, type Evaluation, truncateAnnotation } from '../rules/_core/evaluations.js';
import { resourceKey } from '../rules/_core/items.js';
import { emptyFilter, filterFrom } from '../rules/_core/reported-filter.js';
import { parseEvent } from '../rules/_core/event.js';
import { putEvaluations, refusedResourceType } from '../rules/_core/put-evaluations.js';
import { REPORT_CALLS_IN_FLIGHT, startReport } from '../rules/_core/reporting.js';
import type { ComplianceType, Rule } from '../rules/_core/rule.js';
import { runFindingLines, runTally, summaryLine } from '../rules/_core/run-log.js';
import { ruleById } from '../rules/index.js';
import { fixture } from './support/fixtures.js';

const configMock = mockClient(ConfigServiceClient);
afterAll(() => configMock.restore());

const JOB_TYPE = 'AWS::SageMaker::TrainingJob';
const TS = '2026-11-21T00:05:11.842Z';
const evaluation = (id: string, type: ComplianceType = 'NON_COMPLIANT', resourceType = JOB_TYPE): Evaluation => ({
  ComplianceResourceType: resourceType,
  ComplianceResourceId: id,
  ComplianceType: type,
  ...(type === 'NON_COMPLIANT' ? { Annotation: 'VolumeKmsKeyId is not set' } : {}),
  OrderingTimestamp: TS,
});
const context = { accountId: '123456789012', orderingTimestamp: TS, noun: 'training jobs' };
const job = (i: number) => `fraud-train-${String(i).padStart(3, '0')}`;

describe('the account summary', () => {
  it('names the offenders in sort order, whatever order they came in', () => {
    const tally = summaryTally();
    for (const id of ['fraud-train-c', 'fraud-train-a', 'churn-train-ok', 'fraud-train-b'])
      tally.add(evaluation(id, id.endsWith('ok') ? 'COMPLIANT' : 'NON_COMPLIANT'));
    expect(tally.summary(context).Annotation).toBe('3 of 4 training jobs: fraud-train-a, fraud-train-b, fraud-train-c');
  });

  it('says only how many when the first name alone does not fit', () => {
    const tally = summaryTally();
    tally.add(evaluation('x'.repeat(300)));
    tally.add(evaluation('y'.repeat(300)));
    expect(tally.summary(context).Annotation).toBe('2 of 2 training jobs: … +2 more');
  });

  it('fills the annotation with the smallest names, in order, and counts the rest', () => {
    const tally = summaryTally();
    // Descending, so each name goes in front of those kept and the largest fall off.
    for (let i = 299; i >= 0; i--) tally.add(evaluation(job(i)));
    const annotation = tally.summary(context).Annotation!;
    expect(annotation.length).toBeLessThanOrEqual(ANNOTATION_MAX);
    const [, shown, more] = /^300 of 300 training jobs: (.*), … \+(\d+) more$/.exec(annotation) ?? [];
    const names = shown!.split(', ');
    expect(names).toEqual(names.map((_, i) => job(i)));
    expect(names.length + Number(more)).toBe(300);
    // No room for one more name with its own tail.
    const longer = `300 of 300 training jobs: ${[...names, job(names.length)].join(', ')}, … +${Number(more) - 1} more`;
    expect(longer.length).toBeGreaterThan(ANNOTATION_MAX);
  });

  it('shows every name when they all fit, with no tail', () => {
    const tally = summaryTally();
    for (let i = 4; i >= 0; i--) tally.add(evaluation(job(i)));
    expect(tally.summary(context).Annotation).toBe(`5 of 5 training jobs: ${[0, 1, 2, 3, 4].map(job).join(', ')}`);
  });

  it('uses all 256 characters: a first name that ends on the last one, a last name with no tail after it', () => {
    const one = summaryTally();
    const head = '1 of 1 training jobs: ';
    one.add(evaluation('n'.repeat(ANNOTATION_MAX - head.length)));
    expect(one.summary(context).Annotation).toBe(`${head}${'n'.repeat(ANNOTATION_MAX - head.length)}`);
    const two = summaryTally();
    const start = '2 of 2 training jobs: a, ';
    two.add(evaluation('a'));
    two.add(evaluation('b'.repeat(ANNOTATION_MAX - start.length)));
    const annotation = two.summary(context).Annotation!;
    expect(annotation).toBe(`${start}${'b'.repeat(ANNOTATION_MAX - start.length)}`);
    expect(annotation).toHaveLength(ANNOTATION_MAX);
  });

  it('leaves room for the tail as it will read: "+9 more", not the count before it', () => {
    const tally = summaryTally();
    const head = '11 of 11 training jobs: ';
    // The second name ends where ", … +9 more" (11 characters) just fits; nine larger names follow.
    const second = 'b'.repeat(ANNOTATION_MAX - `${head}a, `.length - ', … +9 more'.length);
    for (const id of ['a', second, ...Array.from({ length: 9 }, (_, i) => `c${i}`)]) tally.add(evaluation(id));
    const annotation = tally.summary(context).Annotation!;
    expect(annotation).toBe(`${head}a, ${second}, … +9 more`);
    expect(annotation).toHaveLength(ANNOTATION_MAX);
  });

  it('holds a bounded few names however many offenders come, in any order', () => {
    const tally = summaryTally();
    for (let i = 0; i < 5_000; i++) tally.add(evaluation(job(i)));
    for (let i = 9_999; i >= 5_000; i--) tally.add(evaluation(job(i)));
    expect(tally.namesHeld()).toBe(Math.ceil(ANNOTATION_MAX / 3));
    expect(tally.summary(context).Annotation).toMatch(
      /^10000 of 10000 training jobs: fraud-train-000, fraud-train-001, /,
    );
  });

  it('keeps enough names for any annotation when more offenders come after it is full', () => {
    const tally = summaryTally();
    for (let i = 0; i < 200; i++) tally.add(evaluation(`j${String(i).padStart(3, '0')}`));
    // Short names: about 85 fit, the kept list's size; later, smaller names still go in front.
    tally.add(evaluation('a000'));
    const annotation = tally.summary(context).Annotation!;
    expect(annotation.startsWith('201 of 201 training jobs: a000, j000, j001, ')).toBe(true);
    const shown = /: (.*), … \+(\d+) more$/.exec(annotation)!;
    const names = shown[1]!.split(', ');
    expect(names.slice(1)).toEqual(names.slice(1).map((_, i) => `j${String(i).padStart(3, '0')}`));
    expect(names.length + Number(shown[2])).toBe(201);
  });
});

describe('the log of a run', () => {
  const base = { rule: 'sagemaker-training-job-volume-kms' };

  it('keeps the first verdicts up to the cap and counts the others', () => {
    const tally = runTally(2);
    tally.add([evaluation('a'), evaluation('b', 'COMPLIANT'), evaluation('c'), evaluation('d')]);
    expect(tally.logged.map((e) => e.ComplianceResourceId)).toEqual(['a', 'c']);
    expect(tally.notLogged).toBe(1);
    expect(tally.counts).toEqual({ COMPLIANT: 1, NON_COMPLIANT: 3, NOT_APPLICABLE: 0 });
  });

  it('says how many verdicts were not logged, as an error only when Config took none of them', () => {
    const tally = runTally(1);
    const [a, b, c] = [evaluation('a'), evaluation('b'), evaluation('c')];
    tally.add([a, b, c]);
    const moreLine = (reported: (e: Evaluation) => boolean, extra: Evaluation[] = []) =>
      runFindingLines(base, extra, tally, reported, 1).at(-1);
    expect(moreLine(() => true)).toEqual({
      level: 'info',
      rule: base.rule,
      kind: 'verdicts-not-logged',
      notLogged: 2,
      message: '2 more NON_COMPLIANT verdicts not logged: at most 1 a run',
    });
    expect(moreLine(() => false)?.level).toBe('error');
    // Some taken: the first logged one only, or only the account summary.
    expect(moreLine((e) => e === a)?.level).toBe('info');
    const account = { ...evaluation('123456789012'), ComplianceResourceType: ACCOUNT_TYPE };
    expect(moreLine((e) => e === account, [account])?.level).toBe('info');
    // Two kept, the second taken and not the first: still some taken.
    const two = runTally(2);
    two.add([a, b, c]);
    expect(runFindingLines(base, [], two, (e) => e === b, 1).at(-1)).toMatchObject({ level: 'info', notLogged: 2 });
  });

  it('counts the clean-up apart from the account summary, and what a failed run had sent', () => {
    const tally = runTally();
    const account = { ...evaluation('123456789012'), ComplianceResourceType: ACCOUNT_TYPE };
    const cleanUps = [evaluation('gone-1', 'NOT_APPLICABLE'), evaluation('gone-2', 'NOT_APPLICABLE')];
    const done = summaryLine(base, {
      verdicts: tally,
      extra: [account, ...cleanUps],
      sent: { evaluations: 3, putEvaluationsCalls: 1 },
      durationMs: 12,
    });
    expect(done).toMatchObject({ accountSummary: 'NON_COMPLIANT', cleanedUp: 2, evaluationsSent: 3 });
    const failed = summaryLine(base, { verdicts: tally, extra: [], sentBeforeFailure: 200, durationMs: 12 });
    expect(failed).toMatchObject({ level: 'error', reported: false, evaluationsSent: 200 });
    expect(failed.message).toBe(
      '0 verdicts (0 COMPLIANT, 0 NON_COMPLIANT, 0 NOT_APPLICABLE); report incomplete: the run failed after Config took 200 evaluations',
    );
  });
});

describe('PutEvaluations', () => {
  const config = () => new ConfigServiceClient({ region: 'us-east-1' });
  beforeEach(() => configMock.reset());

  it('sends nothing for no evaluations, token or not', async () => {
    expect(await putEvaluations(config(), [], undefined)).toBe(0);
    expect(configMock.calls()).toHaveLength(0);
  });

  it('refuses evaluations without a result token, before any call', async () => {
    const put = putEvaluations(config(), [evaluation('a')], undefined);
    await expect(put).rejects.toThrow(InvalidEventError);
    await expect(put).rejects.toThrow('the event has no resultToken, so its evaluations cannot be reported');
    expect(configMock.calls()).toHaveLength(0);
  });

  it('takes an answer without FailedEvaluations, and names the first three Config rejected', async () => {
    configMock.on(PutEvaluationsCommand).resolvesOnce({});
    expect(await putEvaluations(config(), [evaluation('a')], 'token')).toBe(1);
    configMock.on(PutEvaluationsCommand).resolves({
      FailedEvaluations: ['a', 'b', 'c', 'd'].map((id) => ({
        ComplianceResourceType: JOB_TYPE,
        ComplianceResourceId: id,
        ComplianceType: 'NON_COMPLIANT' as const,
        OrderingTimestamp: new Date(TS),
      })),
    });
    const put = putEvaluations(
      config(),
      ['a', 'b', 'c', 'd'].map((id) => evaluation(id)),
      'token',
    );
    await expect(put).rejects.toThrow(FailedEvaluationsError);
    await expect(put).rejects.toThrow(
      `AWS Config rejected 4 of 4 evaluations (${JOB_TYPE} a; ${JOB_TYPE} b; ${JOB_TYPE} c)`,
    );
  });

  it("reads the refused type from Config's message, however it is spaced or quoted", () => {
    const sent = [evaluation('a'), evaluation('e', 'COMPLIANT', 'AWS::SageMaker::Endpoint')];
    const refusal = (message: string) => Object.assign(new Error(message), { name: 'InvalidParameterValueException' });
    expect(refusedResourceType(refusal(`The resource type  ${JOB_TYPE}  is invalid.`), sent)).toBe(JOB_TYPE);
    expect(refusedResourceType(refusal(`The resource type '${JOB_TYPE}' is invalid.`), sent)).toBe(JOB_TYPE);
    expect(refusedResourceType(refusal('The resource type AWS::ECS::Cluster is invalid.'), sent)).toBeUndefined();
    expect(refusedResourceType(undefined, sent)).toBeUndefined();
    expect(
      refusedResourceType(
        Object.assign(new Error(`resource type ${JOB_TYPE} is invalid`), { name: 'ThrottlingException' }),
        sent,
      ),
    ).toBeUndefined();
  });
});

describe('annotations at the limit', () => {
  it('keeps 256 characters as they are and cuts 257 to 256 with a visible mark', () => {
    expect(truncateAnnotation('a'.repeat(ANNOTATION_MAX))).toBe('a'.repeat(ANNOTATION_MAX));
    const cut = truncateAnnotation('a'.repeat(ANNOTATION_MAX + 1));
    expect(cut).toHaveLength(ANNOTATION_MAX);
    expect(cut.endsWith(' [truncated]')).toBe(true);
  });
});

describe('batches', () => {
  it('cuts a list into runs of the size, the last one short', () => {
    expect(batches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(batches([], 100)).toEqual([]);
  });
});

type ReportArgs = Parameters<typeof startReport>[0];
/** startReport's arguments for a scheduled run of `rule` in this account, with nothing refused yet. */
/** The filter of a chained run whose earlier links reported these endpoints. */
function reportedOf(ids: readonly string[]): string {
  const filter = emptyFilter();
  for (const id of ids) filter.add(resourceKey('AWS::SageMaker::Endpoint', id));
  return filter.text();
}

const reportArgs = (rule: Rule, overrides: Partial<ReportArgs> = {}): ReportArgs => ({
  config: new ConfigServiceClient({ region: 'us-east-1' }),
  rule,
  event: parseEvent(fixture('_events', 'scheduled.json')),
  params: {},
  accountId: '123456789012',
  refusedTypes: new Set<string>(),
  ...overrides,
});

describe('the report of a scheduled run (startReport)', () => {
  const rule = () => ruleById('sagemaker-training-job-volume-kms')!;
  const args = (overrides: Partial<ReportArgs> = {}) =>
    reportArgs(rule(), { params: { lookbackDays: 30 }, ...overrides });
  beforeEach(() => {
    configMock.reset();
    configMock.on(PutEvaluationsCommand).resolves({ FailedEvaluations: [] });
  });
  const sentEvaluations = () =>
    configMock.commandCalls(PutEvaluationsCommand).flatMap((c) => c.args[0].input.Evaluations ?? []);

  it("dates the account summary's window from the notification, lookbackDays back", async () => {
    const stream = startReport(args());
    await stream.add([evaluation('fraud-train-plain'), evaluation('fraud-train-kms', 'COMPLIANT')]);
    await stream.finish();
    // The notification is 2026-11-21T00:05Z: 30 days back is 2026-10-22.
    expect(sentEvaluations()).toEqual([
      expect.objectContaining({
        ComplianceResourceType: ACCOUNT_TYPE,
        ComplianceResourceId: '123456789012',
        Annotation: '1 of 2 training jobs since 2026-10-22: fraud-train-plain',
      }),
    ]);
  });

  it('leaves the window out when the rule lists no window', async () => {
    const stream = startReport(args({ params: {} }));
    await stream.add([evaluation('fraud-train-kms', 'COMPLIANT')]);
    await stream.finish();
    expect(sentEvaluations()[0]!.Annotation).toBe('1 training jobs, none non-compliant');
  });

  it('refuses at once a scheduled run that must report under an account and has none', () => {
    expect(() => startReport(args({ accountId: undefined }))).toThrow(
      'rule sagemaker-training-job-volume-kms reports under AWS::::Account, but the event names no account (accountId, awsAccountId)',
    );
    // A change needs no account: it is reported per resource.
    const change = parseEvent({
      ...fixture('_events', 'scheduled.json'),
      invokingEvent: JSON.stringify({
        messageType: 'ConfigurationSnapshotDeliveryCompleted',
        notificationCreationTime: TS,
      }),
    });
    expect(() => startReport(args({ accountId: undefined, event: change }))).not.toThrow();
  });

  it('fails when Config refuses the account type itself: there is no form left to report in', async () => {
    configMock.on(PutEvaluationsCommand).rejects(
      Object.assign(new Error(`The resource type ${ACCOUNT_TYPE} is invalid.`), {
        name: 'InvalidParameterValueException',
      }),
    );
    const stream = startReport(args());
    await stream.add([evaluation('fraud-train-plain')]);
    await expect(stream.finish()).rejects.toThrow(`The resource type ${ACCOUNT_TYPE} is invalid.`);
  });
});

describe('the report of a scheduled run, per resource', () => {
  const rule = () => ruleById('sagemaker-endpoint-tagged')!;
  const endpoint = (i: number, type: ComplianceType = 'COMPLIANT') =>
    evaluation(`fraud-scorer-${String(i).padStart(3, '0')}`, type, 'AWS::SageMaker::Endpoint');
  const args = (overrides: Partial<ReportArgs> = {}) => reportArgs(rule(), overrides);
  const calls = () => configMock.commandCalls(PutEvaluationsCommand);
  beforeEach(() => {
    configMock.reset();
    configMock.on(PutEvaluationsCommand).resolves({ FailedEvaluations: [] });
  });

  it('sends a full batch of 100 while the listing goes on, and knows what Config took', async () => {
    const stream = startReport(args());
    const first = Array.from({ length: 100 }, (_, i) => endpoint(i));
    await stream.add(first);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls()).toHaveLength(1);
    await stream.add([endpoint(100)]);
    const result = await stream.finish();
    expect(result).toMatchObject({ evaluations: 101, putEvaluationsCalls: 2 });
    expect(stream.wasSent(first[0]!)).toBe(true);
    expect(stream.sentSoFar()).toBe(101);
  });

  it(`keeps up to ${REPORT_CALLS_IN_FLIGHT} batches in flight while the listing goes on, never more, and ends when all have landed`, async () => {
    let inFlight = 0;
    let most = 0;
    let landed = 0;
    configMock.on(PutEvaluationsCommand).callsFake(async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      landed++;
      return { FailedEvaluations: [] };
    });
    const stream = startReport(args());
    // Ten batches' worth arrive at once, as a backlog does when verdicts wait for an account-wide read.
    await stream.add(Array.from({ length: 1_000 }, (_, i) => endpoint(i)));
    expect(most).toBe(REPORT_CALLS_IN_FLIGHT);
    await stream.add([endpoint(1_000)]);
    const result = await stream.finish();
    expect(landed).toBe(11);
    expect(most).toBe(REPORT_CALLS_IN_FLIGHT);
    expect(result).toMatchObject({ evaluations: 1_001, putEvaluationsCalls: 11 });
    const sent = calls().flatMap((c) => c.args[0].input.Evaluations ?? []);
    expect(new Set(sent.map((e) => e.ComplianceResourceId)).size).toBe(1_001);
  });

  it('fails at the end with the first batch Config refused, after every batch in flight has landed', async () => {
    let landed = 0;
    configMock.on(PutEvaluationsCommand).callsFake(async (input) => {
      await new Promise((resolve) =>
        setTimeout(resolve, input.Evaluations[0].ComplianceResourceId.endsWith('100') ? 1 : 10),
      );
      landed++;
      if (input.Evaluations[0].ComplianceResourceId.endsWith('100'))
        throw Object.assign(new Error('The ResultToken is invalid'), { name: 'InvalidParameterValueException' });
      return { FailedEvaluations: [] };
    });
    const stream = startReport(args());
    await stream.add(Array.from({ length: 300 }, (_, i) => endpoint(i)));
    await expect(stream.finish()).rejects.toThrow('The ResultToken is invalid');
    expect(landed).toBe(3);
    expect(stream.sentSoFar()).toBe(200);
  });

  it('fails while the listing goes on with the first batch Config refused, once the batches beside it have landed', async () => {
    let landed = 0;
    configMock.on(PutEvaluationsCommand).callsFake(async (input) => {
      const first = input.Evaluations[0].ComplianceResourceId === 'fraud-scorer-000';
      await new Promise((resolve) => setTimeout(resolve, first ? 1 : 10));
      landed++;
      if (first)
        throw Object.assign(new Error('The ResultToken is invalid'), { name: 'InvalidParameterValueException' });
      return { FailedEvaluations: [] };
    });
    const stream = startReport(args());
    // Six batches: the fifth waits for the first, which fails while the next three are out.
    await expect(stream.add(Array.from({ length: 600 }, (_, i) => endpoint(i)))).rejects.toThrow(
      'The ResultToken is invalid',
    );
    expect(landed).toBe(REPORT_CALLS_IN_FLIGHT);
    expect(stream.sentSoFar()).toBe(300);
  });

  it('reports per account when Config refuses the type, with no one to tell', async () => {
    configMock.on(PutEvaluationsCommand).callsFake((input) => {
      if (input.Evaluations.some((e: any) => e.ComplianceResourceType === 'AWS::SageMaker::Endpoint'))
        throw Object.assign(new Error('The resource type AWS::SageMaker::Endpoint is invalid.'), {
          name: 'InvalidParameterValueException',
        });
      return { FailedEvaluations: [] };
    });
    const refusedTypes = new Set<string>();
    const stream = startReport(args({ refusedTypes }));
    await stream.add([endpoint(0, 'NON_COMPLIANT'), endpoint(1)]);
    const result = await stream.finish();
    expect(refusedTypes).toEqual(new Set(['AWS::SageMaker::Endpoint']));
    expect(result.extra).toEqual([
      expect.objectContaining({
        ComplianceResourceType: ACCOUNT_TYPE,
        ComplianceType: 'NON_COMPLIANT',
        Annotation: '1 of 2 endpoints: fraud-scorer-000',
      }),
    ]);
  });

  it('cleans up what it reported before and not now, never what it reports now', async () => {
    const stream = startReport(
      args({
        previouslyReported: async () => [
          { resourceType: 'AWS::SageMaker::Endpoint', resourceId: 'fraud-scorer-000' },
          { resourceType: 'AWS::SageMaker::Endpoint', resourceId: 'fraud-scorer-gone' },
        ],
      }),
    );
    await stream.add([endpoint(0)]);
    const { extra } = await stream.finish();
    expect(extra).toEqual([
      expect.objectContaining({
        ComplianceResourceId: 'fraud-scorer-gone',
        ComplianceType: 'NOT_APPLICABLE',
        Annotation: 'no longer present or no longer in the rule scope',
      }),
    ]);
  });

  it("in a chained run's last link, leaves out what earlier links sent: in their filter, or recorded since the notification", async () => {
    // The scheduled fixture was notified at 2026-11-21T00:05:11.842Z.
    const earlier = (resourceId: string, recordedAt?: string) => ({
      resourceType: 'AWS::SageMaker::Endpoint',
      resourceId,
      ...(recordedAt ? { recordedAt } : {}),
    });
    const stream = startReport(
      args({
        previouslyReported: async () => [
          earlier('fraud-scorer-link-1', '2026-11-21T00:09:40.000Z'),
          earlier('fraud-scorer-at-notification', '2026-11-21T00:05:11.842Z'),
          earlier('fraud-scorer-link-2-last', '2026-11-20T00:06:00.000Z'),
          earlier('fraud-scorer-gone', '2026-11-20T00:06:00.000Z'),
          earlier('fraud-scorer-gone-no-time'),
        ],
        continuation: {
          link: 3,
          resume: { typeIndex: 0 },
          sentBefore: 800,
          reported: reportedOf(['fraud-scorer-link-2-last']),
        },
      }),
    );
    await stream.add([endpoint(0)]);
    const { extra } = await stream.finish();
    expect(extra.map((e) => [e.ComplianceResourceId, e.ComplianceType])).toEqual([
      ['fraud-scorer-gone', 'NOT_APPLICABLE'],
      ['fraud-scorer-gone-no-time', 'NOT_APPLICABLE'],
    ]);
  });

  it('hands off with what it sent and the last keys, and sends no clean-up', async () => {
    const stream = startReport(
      args({
        previouslyReported: async () => [{ resourceType: 'AWS::SageMaker::Endpoint', resourceId: 'fraud-scorer-gone' }],
        continuation: {
          link: 2,
          resume: { typeIndex: 0 },
          sentBefore: 150,
          reported: reportedOf(['fraud-scorer-earlier-link']),
        },
      }),
    );
    await stream.add(Array.from({ length: 150 }, (_, i) => endpoint(i)));
    const done = await stream.handOff!();
    expect(done).toMatchObject({ evaluations: 150, putEvaluationsCalls: 2 });
    // The filter now holds the earlier links' keys and this link's 150.
    const reported = filterFrom(done.reported);
    for (const id of ['fraud-scorer-earlier-link', 'fraud-scorer-000', 'fraud-scorer-149'])
      expect(reported.test(resourceKey('AWS::SageMaker::Endpoint', id)), id).toBe(true);
    expect(reported.test(resourceKey('AWS::SageMaker::Endpoint', 'fraud-scorer-gone'))).toBe(false);
    const sent = calls().flatMap((c) => c.args[0].input.Evaluations ?? []);
    expect(sent.filter((e) => e.ComplianceType === 'NOT_APPLICABLE')).toEqual([]);
  });

  it('reports per resource without an account: only a summary needs one', async () => {
    const stream = startReport(args({ accountId: undefined }));
    await stream.add([endpoint(0, 'NON_COMPLIANT'), endpoint(1)]);
    const result = await stream.finish();
    expect(result).toMatchObject({ evaluations: 2, putEvaluationsCalls: 1, extra: [] });
  });
});

describe('the report of a scheduled run over two types, one of them refused', () => {
  const ENDPOINT = 'AWS::SageMaker::Endpoint';
  const JOB = 'AWS::SageMaker::TrainingJob';
  // A periodic rule that lists endpoints and training jobs; Config refuses endpoints.
  const rule = () => ({ ...ruleById('sagemaker-endpoint-tagged')!, resourceTypes: [ENDPOINT, JOB] });
  const endpoint = (i: number, type: ComplianceType = 'COMPLIANT') =>
    evaluation(`fraud-scorer-${String(i).padStart(3, '0')}`, type, ENDPOINT);
  const job = (i: number) => evaluation(`fraud-train-${String(i).padStart(3, '0')}`, 'COMPLIANT', JOB);
  const args = (overrides: Partial<ReportArgs> = {}) => reportArgs(rule(), overrides);
  /** What Config took, call by call; a call with an endpoint in it is refused. */
  let taken: Evaluation[][];
  /** Config's PutEvaluations, answering after `delayMs`: it refuses a call with an endpoint in it. */
  const refuseEndpoints = (delayMs = 0) =>
    configMock.on(PutEvaluationsCommand).callsFake(async (input) => {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      const evaluations = input.Evaluations as Evaluation[];
      if (evaluations.some((e) => e.ComplianceResourceType === ENDPOINT))
        throw Object.assign(new Error(`The resource type ${ENDPOINT} is invalid.`), {
          name: 'InvalidParameterValueException',
        });
      taken.push(evaluations);
      return { FailedEvaluations: [] };
    });
  beforeEach(() => {
    configMock.reset();
    taken = [];
    refuseEndpoints();
  });
  const ids = (evaluations: Evaluation[]) => evaluations.map((e) => `${e.ComplianceType} ${e.ComplianceResourceId}`);
  const summaryOf = (evaluations: Evaluation[]) => evaluations.find((e) => e.ComplianceResourceType === ACCOUNT_TYPE);

  it('a batch refused while the listing goes on: its endpoints go to the summary, its jobs are sent', async () => {
    const stream = startReport(args());
    // 50 endpoints (every tenth non-compliant) and 50 jobs, interleaved: one full batch.
    const first = Array.from({ length: 50 }, (_, i) => [
      endpoint(i, i % 10 === 0 ? 'NON_COMPLIANT' : 'COMPLIANT'),
      job(i),
    ]).flat();
    await stream.add(first);
    // Then 30 more of each, endpoints now summarised as they come.
    await stream.add(Array.from({ length: 30 }, (_, i) => [endpoint(50 + i), job(50 + i)]).flat());
    const result = await stream.finish();
    const sent = taken.flat();
    expect(sent.filter((e) => e.ComplianceResourceType === ENDPOINT)).toEqual([]);
    const jobs = sent.filter((e) => e.ComplianceResourceType === JOB).map((e) => e.ComplianceResourceId);
    expect(jobs).toEqual(Array.from({ length: 80 }, (_, i) => job(i).ComplianceResourceId));
    expect(summaryOf(sent)).toMatchObject({
      ComplianceType: 'NON_COMPLIANT',
      Annotation:
        '5 of 80 endpoints: fraud-scorer-000, fraud-scorer-010, fraud-scorer-020, fraud-scorer-030, fraud-scorer-040',
    });
    expect(result.evaluations).toBe(81);
  });

  it('two batches in flight at once, both refused: the endpoints of both go to the summary, their jobs are sent once', async () => {
    // Both batches are out before the first refusal comes back.
    refuseEndpoints(5);
    const onRefused: string[] = [];
    const stream = startReport(args({ onRefused: (type) => void onRefused.push(type) }));
    await stream.add(
      Array.from({ length: 100 }, (_, i) => [
        endpoint(i, i === 7 || i === 93 ? 'NON_COMPLIANT' : 'COMPLIANT'),
        job(i),
      ]).flat(),
    );
    const result = await stream.finish();
    expect(onRefused).toEqual([ENDPOINT]);
    const sent = taken.flat();
    expect(sent.filter((e) => e.ComplianceResourceType === ENDPOINT)).toEqual([]);
    expect(
      sent
        .filter((e) => e.ComplianceResourceType === JOB)
        .map((e) => e.ComplianceResourceId)
        .sort(),
    ).toEqual(Array.from({ length: 100 }, (_, i) => job(i).ComplianceResourceId));
    expect(summaryOf(sent)).toMatchObject({
      ComplianceType: 'NON_COMPLIANT',
      Annotation: '2 of 100 endpoints: fraud-scorer-007, fraud-scorer-093',
    });
    expect(result.evaluations).toBe(101);
  });

  it('refused at the end: the queued endpoints go to the summary, the queued jobs are sent once', async () => {
    const onRefused: string[] = [];
    const stream = startReport(args({ onRefused: (type) => void onRefused.push(type) }));
    await stream.add(
      Array.from({ length: 10 }, (_, i) => [endpoint(i, i < 2 ? 'NON_COMPLIANT' : 'COMPLIANT'), job(i)]).flat(),
    );
    await stream.finish();
    expect(onRefused).toEqual([ENDPOINT]);
    expect(ids(taken.flat())).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `COMPLIANT ${job(i).ComplianceResourceId}`),
      'NON_COMPLIANT 123456789012',
    ]);
    expect(summaryOf(taken.flat())?.Annotation).toBe('2 of 10 endpoints: fraud-scorer-000, fraud-scorer-001');
  });

  it('refused in a later batch of the end: nothing an earlier batch sent is sent again', async () => {
    const gone = (type: string, i: number) => ({
      resourceType: type,
      resourceId: `gone-${String(i).padStart(2, '0')}`,
    });
    const stream = startReport(
      args({
        // 20 jobs and 20 endpoints reported before and gone now: their clean-up follows the queue.
        previouslyReported: async () => [
          ...Array.from({ length: 20 }, (_, i) => gone(JOB, i)),
          ...Array.from({ length: 20 }, (_, i) => gone(ENDPOINT, i)),
        ],
      }),
    );
    await stream.add(Array.from({ length: 90 }, (_, i) => job(i)));
    // The end: 90 jobs and 10 job clean-ups in the first batch (taken), then 10 job clean-ups and
    // 20 endpoint clean-ups (refused); then the summary and the rest of the job clean-ups.
    const { extra } = await stream.finish();
    const sent = ids(taken.flat());
    expect(new Set(sent).size).toBe(sent.length);
    expect(sent).toEqual([
      ...Array.from({ length: 90 }, (_, i) => `COMPLIANT ${job(i).ComplianceResourceId}`),
      ...Array.from({ length: 10 }, (_, i) => `NOT_APPLICABLE gone-${String(i).padStart(2, '0')}`),
      // Planned again: the summary of the refused type first, then the job clean-ups not yet sent.
      'COMPLIANT 123456789012',
      ...Array.from({ length: 10 }, (_, i) => `NOT_APPLICABLE gone-${String(10 + i).padStart(2, '0')}`),
    ]);
    expect(summaryOf(extra)?.Annotation).toBe('no endpoints');
  });

  it('fails when Config refuses the account type itself, and tells no one of a refused type', async () => {
    configMock.on(PutEvaluationsCommand).rejects(
      Object.assign(new Error(`The resource type ${ACCOUNT_TYPE} is invalid.`), {
        name: 'InvalidParameterValueException',
      }),
    );
    const onRefused: string[] = [];
    const accountRule = { ...ruleById('sagemaker-training-job-volume-kms')! };
    const stream = startReport(args({ rule: accountRule, onRefused: (type) => void onRefused.push(type) }));
    await stream.add([job(0)]);
    await expect(stream.finish()).rejects.toThrow(`The resource type ${ACCOUNT_TYPE} is invalid.`);
    expect(onRefused).toEqual([]);
    expect(configMock.commandCalls(PutEvaluationsCommand)).toHaveLength(1);
  });
});

describe('the clean-up of an account-level rule', () => {
  it('cleans up per-resource results it reported before, never the account its summary speaks for', async () => {
    configMock.reset();
    configMock.on(PutEvaluationsCommand).resolves({ FailedEvaluations: [] });
    const stream = startReport(
      reportArgs(ruleById('sagemaker-training-job-volume-kms')!, {
        previouslyReported: async () => [
          { resourceType: ACCOUNT_TYPE, resourceId: '123456789012' },
          { resourceType: 'AWS::SageMaker::TrainingJob', resourceId: 'fraud-train-old' },
        ],
      }),
    );
    await stream.add([evaluation('fraud-train-001', 'COMPLIANT')]);
    const { extra } = await stream.finish();
    expect(extra.map((e) => [e.ComplianceResourceType, e.ComplianceResourceId, e.ComplianceType])).toEqual([
      [ACCOUNT_TYPE, '123456789012', 'COMPLIANT'],
      ['AWS::SageMaker::TrainingJob', 'fraud-train-old', 'NOT_APPLICABLE'],
    ]);
  });
});
