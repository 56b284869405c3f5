// Suppressions field by field (rules/_core/suppressions.ts): each refusal with its message, what a
// parsed suppression holds and nothing more, the function's environment, the resource pattern,
// and the annotation that names the verdict it replaced.
import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../rules/_core/evaluations.js';
import { SuppressionError } from '../rules/_core/errors.js';
import {
  parseSuppressions,
  SUPPRESSIONS_ENV,
  suppress,
  suppressionFor,
  suppressionsFromEnv,
} from '../rules/_core/suppressions.js';

const RULE = 'sagemaker-notebook-no-direct-internet';
const NOW = new Date('2026-12-02T12:00:00Z');
const options = { now: NOW, withResource: true, ruleIds: [RULE] };
const parse = (value: unknown, extra: Partial<Parameters<typeof parseSuppressions>[2]> = {}) =>
  parseSuppressions(value, 'suppressions', { ...options, ...extra });
const refusal = (value: unknown, extra: Partial<Parameters<typeof parseSuppressions>[2]> = {}) => {
  try {
    parse(value, extra);
  } catch (error) {
    expect(error).toBeInstanceOf(SuppressionError);
    return (error as Error).message;
  }
  throw new Error('no refusal');
};
const entry = { id: RULE, resource: 'churn-*', reason: 'sandbox notebook, no data' };

describe('reading a list of suppressions', () => {
  it('refuses an entry that is not a map', () => {
    for (const bad of [null, 'churn-*', 7, [entry]])
      expect(refusal([entry, bad])).toBe('suppressions[1]: must be a map with id and reason');
    expect(refusal(entry)).toBe('suppressions: must be a list of {id, reason} entries');
  });

  it('names an unknown rule id, with the hint only for a string', () => {
    const hint = (id: string) => `did you mean ${RULE}? (${id})`;
    expect(refusal([{ ...entry, id: 'sagemaker-notebook-direct-internet' }], { hint })).toBe(
      `suppressions[0]: unknown rule id "sagemaker-notebook-direct-internet" (did you mean ${RULE}? (sagemaker-notebook-direct-internet))`,
    );
    expect(refusal([{ ...entry, id: 7 }], { hint })).toBe('suppressions[0]: unknown rule id 7');
    expect(refusal([{ ...entry, id: 'other' }])).toBe('suppressions[0]: unknown rule id "other"');
  });

  it('wants a resource in a file and none on a resource, and a blank one is none', () => {
    for (const resource of [undefined, '', '   ', 7])
      expect(refusal([{ ...entry, resource }])).toBe(
        `suppressions[0]: suppression of ${RULE} names no resource (a resource id or ARN pattern)`,
      );
    expect(refusal([entry], { withResource: false })).toBe(
      'suppressions[0]: a suppression on a resource names no other resource',
    );
    const { resource: _r, ...onResource } = entry;
    expect(parse([onResource], { withResource: false })).toEqual([{ id: RULE, reason: entry.reason }]);
  });

  it('holds only what was given: a trimmed reason, no resource or expiry keys when there were none', () => {
    const { resource: _r, ...onResource } = entry;
    const [parsed] = parse([{ ...onResource, reason: '  sandbox notebook  ' }], { withResource: false });
    expect(Object.keys(parsed!)).toEqual(['id', 'reason']);
    expect(parsed!.reason).toBe('sandbox notebook');
    const [withBoth] = parse([{ ...entry, expires: '2027-03-31' }]);
    expect(Object.keys(withBoth!).sort()).toEqual(['expires', 'id', 'reason', 'resource']);
  });

  it('takes an expiry only as a real day, YYYY-MM-DD', () => {
    for (const expires of ['2027-3-31', '2027-13-01', '2027-03-32', 'soon', 20270331, '2027-03-31T00:00:00Z'])
      expect(refusal([{ ...entry, expires }])).toBe(
        `suppressions[0]: expires must be a day, YYYY-MM-DD, got ${JSON.stringify(expires)}`,
      );
    expect(parse([{ ...entry, expires: '2026-12-02' }])[0]!.expires).toBe('2026-12-02');
    expect(refusal([{ ...entry, expires: '2026-12-01' }])).toBe(
      `suppressions[0]: suppression of ${RULE} expired on 2026-12-01: renew it with a reason, or remove it`,
    );
  });
});

describe("a rule function's suppressions", () => {
  it('has none when its environment has none, and refuses text that is not JSON', () => {
    expect(suppressionsFromEnv(RULE, {}, NOW, () => undefined)).toEqual([]);
    expect(suppressionsFromEnv(RULE, { [SUPPRESSIONS_ENV]: '' }, NOW, () => undefined)).toEqual([]);
    expect(() => suppressionsFromEnv(RULE, { [SUPPRESSIONS_ENV]: '[{"id":' }, NOW, () => undefined)).toThrow(
      new SuppressionError(`${SUPPRESSIONS_ENV} is not valid JSON`),
    );
  });

  it('drops one that lapsed since the deploy, and says which', () => {
    const lapsed: string[] = [];
    const env = {
      [SUPPRESSIONS_ENV]: JSON.stringify([
        { ...entry, expires: '2026-11-30' },
        { ...entry, resource: 'fraud-*', expires: '2026-12-02' },
        { ...entry, resource: 'risk-*' },
      ]),
    };
    const kept = suppressionsFromEnv(RULE, env, NOW, (s) => void lapsed.push(s.resource!));
    expect(kept.map((s) => s.resource)).toEqual(['fraud-*', 'risk-*']);
    expect(lapsed).toEqual(['churn-*']);
  });
});

describe('which suppression covers a resource', () => {
  const item = (resourceId: string, arn?: string) => ({ resourceId, ...(arn ? { arn } : {}) });

  it('reads * as any run of characters and every other character as itself', () => {
    const s = [{ id: RULE, resource: 'fraud.scorer-(v1)+*', reason: 'r' }];
    expect(suppressionFor(s, RULE, item('fraud.scorer-(v1)+prod'))).toBe(s[0]);
    expect(suppressionFor(s, RULE, item('fraudXscorer-(v1)+prod'))).toBeUndefined();
    expect(suppressionFor(s, RULE, item('fraud.scorer-v1+prod'))).toBeUndefined();
    // The whole id, not a part of it.
    expect(suppressionFor([{ id: RULE, resource: 'churn', reason: 'r' }], RULE, item('churn-dev'))).toBeUndefined();
  });

  it('matches the ARN when there is one, and nothing for an item without one', () => {
    const byArn = [{ id: RULE, resource: 'arn:aws:sagemaker:*:notebook-instance/churn-*', reason: 'r' }];
    const arn = 'arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/churn-dev';
    expect(suppressionFor(byArn, RULE, item('churn-dev', arn))).toBe(byArn[0]);
    expect(suppressionFor(byArn, RULE, item('churn-dev'))).toBeUndefined();
    // A pattern that an absent ARN would match if it were read as the text "undefined".
    expect(suppressionFor([{ id: RULE, resource: 'undefined', reason: 'r' }], RULE, item('churn-dev'))).toBeUndefined();
    expect(suppressionFor(byArn, 'another-rule', item('churn-dev', arn))).toBeUndefined();
  });
});

describe('a suppressed verdict', () => {
  const evaluation = (annotation?: string): Evaluation => ({
    ComplianceResourceType: 'AWS::SageMaker::NotebookInstance',
    ComplianceResourceId: 'churn-dev',
    ComplianceType: 'NON_COMPLIANT',
    ...(annotation ? { Annotation: annotation } : {}),
    OrderingTimestamp: '2026-12-02T11:58:01.204Z',
  });

  it('names the verdict it replaced, with or without an annotation', () => {
    const s = { id: RULE, resource: 'churn-*', reason: 'sandbox', expires: '2027-01-31' };
    expect(suppress(evaluation('DirectInternetAccess is Enabled'), s)).toMatchObject({
      ComplianceType: 'NOT_APPLICABLE',
      Annotation: 'suppressed: sandbox (was NON_COMPLIANT: DirectInternetAccess is Enabled)',
      suppressed: {
        ComplianceType: 'NON_COMPLIANT',
        Annotation: 'DirectInternetAccess is Enabled',
        expires: '2027-01-31',
      },
    });
    const bare = suppress(evaluation(), { id: RULE, reason: 'sandbox' });
    expect(bare.Annotation).toBe('suppressed: sandbox (was NON_COMPLIANT)');
    expect(bare.suppressed).toEqual({ ComplianceType: 'NON_COMPLIANT', reason: 'sandbox' });
  });
});
