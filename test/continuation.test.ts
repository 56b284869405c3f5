// The parts of a chained run one at a time: the continuation an event carries, the position after
// a page, the filters a resumed listing sends, the clock that decides a hand-off, and the account
// summary's count carried from link to link.
import { describe, expect, it } from 'vitest';
import { summaryTally } from '../rules/_core/account-summary.js';
import { handOffClock, HANDOFF_MARGIN_MS } from '../rules/_core/chain.js';
import {
  chainedEvent,
  continuationOf,
  CONTINUATION_FIELD,
  MAX_CHAINED_EVENT_BYTES,
} from '../rules/_core/continuation.js';
import type { Evaluation } from '../rules/_core/evaluations.js';
import { resourceKey, type ConfigItem } from '../rules/_core/items.js';
import { positionAfter } from '../rules/_core/resume-position.js';
import { emptyFilter, FILTER_BITS, filterFrom } from '../rules/_core/reported-filter.js';
import { filterBound, searchBefore, stillToDo } from '../rules/_inventory/resume.js';
import { fixture } from './support/fixtures.js';

/** The filter of a run that reported these endpoints. */
function reportedOf(ids: readonly string[]): string {
  const filter = emptyFilter();
  for (const id of ids) filter.add(resourceKey('AWS::SageMaker::Endpoint', id));
  return filter.text();
}

const valid = () => ({
  link: 2,
  resume: { typeIndex: 0, createdBefore: '2026-11-20T16:20:00.000Z', doneAt: ['fraud-scorer-0399'] },
  sentBefore: 400,
  summary: { total: 400, offenders: 2, names: ['churn-xgb-0003', 'churn-xgb-0053'] },
  reported: reportedOf(['fraud-scorer-0399']),
});

describe('the continuation an event carries', () => {
  it('is absent from an event as Config sends it', () => {
    expect(continuationOf(fixture('_events', 'scheduled.json'))).toBeUndefined();
  });

  it('is read back as the last link wrote it', () => {
    const event = JSON.parse(chainedEvent(fixture('_events', 'scheduled.json'), valid()));
    expect(continuationOf(event)).toEqual(valid());
    // Config's own fields travel unchanged.
    expect(event.resultToken).toBe(fixture('_events', 'scheduled.json').resultToken);
  });

  it.each([
    ['not an object', 'yes', 'must be an object'],
    ['a first link', { ...valid(), link: 1 }, 'link must be a whole number of 2 or more'],
    ['a fractional count', { ...valid(), sentBefore: 1.5 }, 'sentBefore must be a whole number'],
    [
      'a position without a type',
      { ...valid(), resume: { createdBefore: '2026-11-20T16:20:00.000Z' } },
      'resume.typeIndex',
    ],
    [
      'a time that is no time',
      { ...valid(), resume: { typeIndex: 0, createdBefore: 'yesterday' } },
      'resume.createdBefore',
    ],
    ['ids that are not strings', { ...valid(), resume: { typeIndex: 0, doneAt: [7] } }, 'resume.doneAt'],
    ['a summary without its names', { ...valid(), summary: { total: 3, offenders: 1 } }, 'summary must hold'],
    ['a filter that is not text', { ...valid(), reported: 7 }, 'reported must be the filter'],
  ])('is refused when it is %s', (_case, value, message) => {
    expect(() => continuationOf({ ...fixture('_events', 'scheduled.json'), [CONTINUATION_FIELD]: value })).toThrow(
      expect.objectContaining({ name: 'InvalidEventError', message: expect.stringContaining(message) }),
    );
  });

  it('replaces the continuation of the event it came with, and refuses one too large to send', () => {
    const earlier = JSON.parse(chainedEvent(fixture('_events', 'scheduled.json'), valid()));
    const next = JSON.parse(chainedEvent(earlier, { ...valid(), link: 3 }));
    expect(next[CONTINUATION_FIELD].link).toBe(3);
    const tie = Array.from({ length: 20_000 }, (_, i) => `fraud-scorer-batch-deploy-${i}`);
    expect(() => chainedEvent(earlier, { ...valid(), resume: { typeIndex: 0, doneAt: tie } })).toThrow(
      `over ${MAX_CHAINED_EVENT_BYTES}: the run cannot hand off (20000 ids created at one instant)`,
    );
  });
});

describe('the filter of what a chained run reported', () => {
  it('travels as text and holds every key added, and no other of these', () => {
    const sent = Array.from({ length: 5_000 }, (_, i) => `fraud-scorer-${i}`);
    const text = reportedOf(sent);
    expect(Buffer.from(text, 'base64')).toHaveLength(FILTER_BITS / 8);
    const back = filterFrom(text);
    for (const id of sent) expect(back.test(resourceKey('AWS::SageMaker::Endpoint', id))).toBe(true);
    const others = Array.from({ length: 5_000 }, (_, i) =>
      resourceKey('AWS::SageMaker::Endpoint', `churn-scorer-${i}`),
    );
    // At 5,000 keys in 2^21 bits with 7 hashes, about 1 in 10^13 would test true by chance.
    expect(others.filter((k) => back.test(k))).toEqual([]);
  });

  it('refuses a text of another size as no filter of the pack', () => {
    expect(() => filterFrom(Buffer.alloc(1024).toString('base64'))).toThrow(
      expect.objectContaining({
        name: 'InvalidEventError',
        message: `the reported filter is 1024 bytes, not ${FILTER_BITS / 8}`,
      }),
    );
  });
});

const item = (id: string, created: unknown): ConfigItem => ({
  resourceType: 'AWS::SageMaker::Endpoint',
  resourceId: id,
  configurationItemStatus: 'OK',
  configurationItemCaptureTime: '2026-11-21T00:05:11.842Z',
  tags: {},
  configuration: { EndpointName: id, CreationTime: created },
  supplementaryConfiguration: {},
});

describe('the position after a page', () => {
  it("is the page's oldest creation time and the ids created at it", () => {
    const page = [
      item('a', '2026-11-20T10:03:00.000Z'),
      item('b', '2026-11-20T10:02:00.000Z'),
      item('c', '2026-11-20T10:02:00.000Z'),
    ];
    expect(positionAfter({ typeIndex: 1 }, page)).toEqual({
      typeIndex: 1,
      createdBefore: '2026-11-20T10:02:00.000Z',
      doneAt: ['b', 'c'],
    });
  });

  it('adds to the ids of the instant the last page ended on, and starts again at an older one', () => {
    const previous = { typeIndex: 0, createdBefore: '2026-11-20T10:02:00.000Z', doneAt: ['b', 'c'] };
    expect(positionAfter(previous, [item('d', '2026-11-20T10:02:00.000Z')])?.doneAt).toEqual(['b', 'c', 'd']);
    expect(
      positionAfter(previous, [item('d', '2026-11-20T10:02:00.000Z'), item('e', new Date('2026-11-20T10:01:00.000Z'))]),
    ).toEqual({ typeIndex: 0, createdBefore: '2026-11-20T10:01:00.000Z', doneAt: ['e'] });
    expect(previous.doneAt).toEqual(['b', 'c']);
  });

  it('is none when a page is out of order or an item has no creation time: no hand-off there', () => {
    const previous = { typeIndex: 0, createdBefore: '2026-11-20T10:02:00.000Z', doneAt: ['b'] };
    expect(positionAfter(previous, [item('x', '2026-11-20T10:05:00.000Z')])).toBeUndefined();
    expect(positionAfter(previous, [item('x', undefined)])).toBeUndefined();
    expect(positionAfter(previous, [item('x', 'not a time')])).toBeUndefined();
  });

  it('stays where it was after an empty page', () => {
    const previous = { typeIndex: 0 };
    expect(positionAfter(previous, [])).toBe(previous);
  });
});

describe('a listing taken up from a position', () => {
  const resume = { createdBefore: '2026-11-20T10:02:00.250Z', doneAt: ['b'] };
  it('asks for two seconds more than it needs, in the forms ListEndpoints and Search take', () => {
    expect(filterBound(resume).toISOString()).toBe('2026-11-20T10:02:02.000Z');
    expect(searchBefore(resume)).toEqual({
      Filters: [{ Name: 'CreationTime', Operator: 'LessThan', Value: '2026-11-20T10:02:02' }],
    });
  });

  it('leaves out what is newer and what was done at the position, and keeps what cannot be placed', () => {
    const toDo = stillToDo(resume);
    const listed = (id: string, created: unknown) => ({ id, arn: '', summary: { CreationTime: created } as never });
    expect(toDo(listed('newer', new Date('2026-11-20T10:02:01.000Z')))).toBe(false);
    expect(toDo(listed('b', new Date('2026-11-20T10:02:00.250Z')))).toBe(false);
    expect(toDo(listed('c', new Date('2026-11-20T10:02:00.250Z')))).toBe(true);
    expect(toDo(listed('older', '2026-11-20T10:01:59.999Z'))).toBe(true);
    expect(toDo(listed('unplaced', undefined))).toBe(true);
  });
});

describe('the clock that decides a hand-off', () => {
  it('is none without the Lambda context', () => {
    expect(handOffClock({})).toBeUndefined();
  });

  it('is due inside the margin, which grows to twice the longest gap between pages after the first', () => {
    let now = 0;
    let remaining = 10 * 60_000;
    const clock = handOffClock({ getRemainingTimeInMillis: () => remaining }, () => now)!;
    expect(clock.due()).toBe(false);
    remaining = HANDOFF_MARGIN_MS + 1;
    expect(clock.due()).toBe(false);
    remaining = HANDOFF_MARGIN_MS - 1;
    expect(clock.due()).toBe(true);
    // A page that took 50 s: the margin is 100 s.
    now += 50_000;
    remaining = 99_000;
    expect(clock.due()).toBe(true);
    remaining = 101_000;
    expect(clock.due()).toBe(false);
  });
});

describe("the account summary's count carried to the next link", () => {
  const job = (id: string, complianceType: Evaluation['ComplianceType']): Evaluation => ({
    ComplianceResourceType: 'AWS::SageMaker::TrainingJob',
    ComplianceResourceId: id,
    ComplianceType: complianceType,
    OrderingTimestamp: '2026-11-21T00:05:11.842Z',
  });
  it('gives the summary one count over all the links would give', () => {
    const jobs = Array.from({ length: 300 }, (_, i) =>
      job(`churn-xgb-${1000 - i}`, i % 3 ? 'COMPLIANT' : 'NON_COMPLIANT'),
    );
    const whole = summaryTally();
    for (const j of jobs) whole.add(j);
    let state = summaryTally().state();
    for (let from = 0; from < jobs.length; from += 70) {
      const link = summaryTally(JSON.parse(JSON.stringify(state)));
      for (const j of jobs.slice(from, from + 70)) link.add(j);
      state = link.state();
    }
    const context = { accountId: '123456789012', orderingTimestamp: '2026-11-21T00:05:11.842Z', noun: 'training jobs' };
    expect(summaryTally(state).summary(context)).toEqual(whole.summary(context));
    expect(state.offenders).toBe(100);
  });
});
