import { describe, expect, it } from 'vitest';
import { checkKmsKey, kmsKeyAllowed } from '../rules/_core/checks.js';
import { InvalidParametersError } from '../rules/_core/errors.js';
import { param, parseParams, parseRuleParametersString } from '../rules/_core/params.js';

const schema = {
  kmsKeyArns: param.kmsKeyList('keys'),
  lookbackDays: param.int({ description: 'days', default: 30, min: 1, max: 3650 }),
  isMfaDeleteEnabled: param.bool({ description: 'mfa', default: false }),
  mode: param.oneOf({ description: 'mode', values: ['GOVERNANCE', 'COMPLIANCE'] }),
};
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('parseParams', () => {
  it('applies defaults and types values', () => {
    expect(parseParams('r', schema, {})).toEqual({
      scopeTagKey: undefined,
      scopeTagValue: undefined,
      kmsKeyArns: undefined,
      lookbackDays: 30,
      isMfaDeleteEnabled: false,
      mode: undefined,
    });
    expect(
      parseParams('r', schema, {
        kmsKeyArns: ` ${KEY} , 0987dcba-09fe-87dc-65ba-ab0987654321`,
        lookbackDays: '7',
        isMfaDeleteEnabled: 'true',
        mode: 'COMPLIANCE',
      }),
    ).toMatchObject({
      kmsKeyArns: [KEY, '0987dcba-09fe-87dc-65ba-ab0987654321'],
      lookbackDays: 7,
      isMfaDeleteEnabled: true,
      mode: 'COMPLIANCE',
    });
  });

  it('treats an empty string as unset, as consoles send it', () => {
    expect(parseParams('r', schema, { lookbackDays: '' }).lookbackDays).toBe(30);
  });

  it('takes strings only, as InputParameters carries them (the command turns its shorthands into strings)', () => {
    expect(parseParams('r', schema, { lookbackDays: '14', isMfaDeleteEnabled: 'true' })).toMatchObject({
      lookbackDays: 14,
      isMfaDeleteEnabled: true,
    });
    expect(() => parseParams('r', schema, { lookbackDays: 14 })).toThrow(
      'rule r: parameter "lookbackDays" must be a whole number from 1 to 3650 as a string, got number 14',
    );
  });

  it.each([
    [
      { lookbackDay: '7' },
      'rule r: unknown parameter "lookbackDay" (this rule takes: scopeTagKey, scopeTagValue, kmsKeyArns, lookbackDays, isMfaDeleteEnabled, mode)',
    ],
    [{ lookbackDays: '0' }, 'rule r: parameter "lookbackDays" must be a whole number from 1 to 3650, got "0"'],
    [{ lookbackDays: '7.5' }, 'rule r: parameter "lookbackDays" must be a whole number from 1 to 3650, got "7.5"'],
    [{ isMfaDeleteEnabled: 'yes' }, 'rule r: parameter "isMfaDeleteEnabled" must be `true` or `false`, got "yes"'],
    [{ mode: 'governance' }, 'rule r: parameter "mode" must be one of GOVERNANCE, COMPLIANCE, got "governance"'],
    [
      { kmsKeyArns: ',' },
      'rule r: parameter "kmsKeyArns" must be comma-separated KMS key ARNs, key ids or alias ARNs, got ","',
    ],
    [
      { kmsKeyArns: ['a'] },
      'rule r: parameter "kmsKeyArns" must be comma-separated KMS key ARNs, key ids or alias ARNs as a string, got a list',
    ],
    [
      { kmsKeyArns: { toString: 'x' } },
      'rule r: parameter "kmsKeyArns" must be comma-separated KMS key ARNs, key ids or alias ARNs as a string, got an object',
    ],
  ])('rejects %j', (raw, message) => {
    expect(() => parseParams('r', schema, raw)).toThrow(InvalidParametersError);
    expect(() => parseParams('r', schema, raw)).toThrow(message);
  });
});

describe('parseRuleParametersString', () => {
  it('reads absent, empty and JSON-string parameters', () => {
    expect(parseRuleParametersString(undefined)).toEqual({});
    expect(parseRuleParametersString('')).toEqual({});
    expect(parseRuleParametersString('{"lookbackDays":"7"}')).toEqual({ lookbackDays: '7' });
  });
  it('rejects what is not a JSON object', () => {
    expect(() => parseRuleParametersString('[1]')).toThrow(/must be a JSON object/);
    expect(() => parseRuleParametersString('{x')).toThrow(/not valid JSON/);
  });
});

describe('KMS allow-lists', () => {
  it('matches equal strings and the same key id on either side', () => {
    expect(kmsKeyAllowed(KEY, [KEY])).toBe(true);
    expect(kmsKeyAllowed('1234abcd-12ab-34cd-56ef-1234567890ab', [KEY])).toBe(true);
    expect(kmsKeyAllowed(KEY, ['1234abcd-12ab-34cd-56ef-1234567890ab'])).toBe(true);
    expect(kmsKeyAllowed(KEY, ['0987dcba-09fe-87dc-65ba-ab0987654321'])).toBe(false);
  });
  it('compares alias ARNs as plain strings', () => {
    const alias = 'arn:aws:kms:us-east-1:123456789012:alias/ml';
    expect(kmsKeyAllowed(alias, [alias])).toBe(true);
    expect(kmsKeyAllowed(alias, [KEY])).toBe(false);
  });
  it('names the field and value when a key is missing or not allowed', () => {
    expect(checkKmsKey('KmsKeyId', undefined, undefined)).toEqual({
      complianceType: 'NON_COMPLIANT',
      annotation: 'KmsKeyId is not set',
    });
    expect(checkKmsKey('KmsKeyId', 'k', ['x']).annotation).toBe('KmsKeyId k is not in kmsKeyArns');
  });
});
