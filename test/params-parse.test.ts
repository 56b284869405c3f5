// Rule parameters as Config passes them (rules/_core/params.ts), builder by builder: what each
// kind takes, the form each refusal names, the KMS key forms a list accepts, and the parsing of
// `ruleParameters` with its memo and its bound.
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH } from '../rules/_core/depth.js';
import { InvalidEventError, InvalidParametersError } from '../rules/_core/errors.js';
import {
  clearParsedParameterStrings,
  commonParameters,
  type ParamSchema,
  param,
  parseParams,
  parseRuleParametersString,
} from '../rules/_core/params.js';
import { rules } from '../rules/index.js';

const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';

describe('lists', () => {
  const schema = { requiredTagKeys: param.list({ description: 'Tag keys every resource carries.' }) };

  it('splits on commas, trims each item and drops the empty ones', () => {
    expect(parseParams('r', schema, { requiredTagKeys: ' team, ,cost-center,, owner ' }).requiredTagKeys).toEqual([
      'team',
      'cost-center',
      'owner',
    ]);
    expect(parseParams('r', schema, { requiredTagKeys: 'team' }).requiredTagKeys).toEqual(['team']);
  });

  it('refuses a list with no item, naming its form', () => {
    expect(() => parseParams('r', schema, { requiredTagKeys: ' , ,' })).toThrow(
      new InvalidParametersError('rule r: parameter "requiredTagKeys" must be a comma-separated list, got ", ,"'),
    );
    expect(param.list({ description: 'd' })).toMatchObject({ kind: 'list', form: 'a comma-separated list' });
    expect(param.list({ description: 'd', default: 'team' })).toMatchObject({ default: 'team' });
    expect(param.list({ description: 'd' })).not.toHaveProperty('default');
  });
});

describe('KMS key lists', () => {
  const schema = { kmsKeyArns: param.kmsKeyList('Keys the resource may use.') };
  const parse = (value: string) => parseParams('r', schema, { kmsKeyArns: value }).kmsKeyArns;

  it.each([
    `arn:aws:kms:us-east-1:123456789012:key/${KEY_ID}`,
    `arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/${KEY_ID}`,
    'arn:aws-cn:kms:cn-north-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab',
    'arn:aws:kms:eu-west-1:123456789012:alias/ml/artifacts_v2',
    'arn:aws:kms:eu-west-1:123456789012:key/a+b=c.d@e_f-g',
    KEY_ID,
    KEY_ID.toUpperCase(),
    'mrk-1234abcd12ab34cd56ef1234567890ab',
    'alias/ml/artifacts_v2-eu',
  ])('takes %s', (key) => {
    expect(parse(key)).toEqual([key]);
  });

  it.each([
    // Something before or after a valid form.
    [`xarn:aws:kms:us-east-1:123456789012:key/${KEY_ID}`],
    [`key/${KEY_ID}`],
    [`${KEY_ID}0`],
    [`alias/ml!`],
    ['mrk-1234abcd12ab34cd56ef1234567890abc'],
    // Each part of the ARN in its place.
    [`arn:aws:kms:us-east-1:12345678901:key/${KEY_ID}`],
    [`arn:aws:kms:us-east-1:1234567890123:key/${KEY_ID}`],
    [`arn:aws:kms:us-east-1:12345678901x:key/${KEY_ID}`],
    [`arn:aws:kms::123456789012:key/${KEY_ID}`],
    [`arn:aws:kms:US-EAST-1:123456789012:key/${KEY_ID}`],
    [`arn:aws:s3:us-east-1:123456789012:key/${KEY_ID}`],
    ['arn:aws:kms:us-east-1:123456789012:key/'],
    ['arn:aws:kms:us-east-1:123456789012:key/a b'],
    ['arn:aws:kms:us-east-1:123456789012:grant/abc'],
    ['arn:aws1:kms:us-east-1:123456789012:key/abc'],
    ['1234abcd-12ab-34cd-56ef-1234567890a'],
    ['1234abcd-12ab-34cd-56ef-1234567890ag'],
    ['mrk-1234abcd12ab34cd56ef1234567890aG'],
    ['mrk-'],
    ['alias/'],
    ['alias/ml artifacts'],
    ['alias/ml.artifacts'],
  ])('refuses %s, naming the forms it takes', (key) => {
    expect(() => parse(key)).toThrow(
      new InvalidParametersError(
        `rule r: parameter "kmsKeyArns" must be comma-separated KMS key ARNs, key ids or alias ARNs, got ${JSON.stringify(key)}`,
      ),
    );
  });
});

describe('strings, whole numbers, booleans, choices', () => {
  it('reads a string as it is, trimmed; the form defaults to a non-empty string', () => {
    const schema = { targetBucket: param.string({ description: 'The bucket.' }) };
    expect(param.string({ description: 'd' })).toMatchObject({ kind: 'string', form: 'a non-empty string' });
    expect(parseParams('r', schema, { targetBucket: '  ml-logs ' }).targetBucket).toBe('ml-logs');
    expect(() => parseParams('r', schema, { targetBucket: 7 })).toThrow(
      new InvalidParametersError(
        'rule r: parameter "targetBucket" must be a non-empty string as a string, got number 7',
      ),
    );
    const patterned = {
      targetBucket: param.string({ description: 'd', form: 'an S3 bucket name', pattern: /^[a-z]+$/ }),
    };
    expect(() => parseParams('r', patterned, { targetBucket: 'ML' })).toThrow(
      'rule r: parameter "targetBucket" must be an S3 bucket name, got "ML"',
    );
  });

  it('trims before it reads a whole number or a boolean, and takes the default for blank', () => {
    const schema = {
      minInstances: param.int({ description: 'd', default: 2, min: 1, max: 10 }),
      strict: param.bool({ description: 'd', default: false }),
    };
    expect(parseParams('r', schema, { minInstances: ' 3 ', strict: ' true ' })).toMatchObject({
      minInstances: 3,
      strict: true,
    });
    expect(parseParams('r', schema, { minInstances: '   ', strict: '' })).toMatchObject({
      minInstances: 2,
      strict: false,
    });
    expect(parseParams('r', schema, { minInstances: '10' }).minInstances).toBe(10);
    expect(schema.minInstances.kind).toBe('int');
    expect(schema.strict.kind).toBe('bool');
    expect(() => parseParams('r', schema, { minInstances: '11' })).toThrow(
      'rule r: parameter "minInstances" must be a whole number from 1 to 10, got "11"',
    );
    expect(() => parseParams('r', schema, { strict: 'yes' })).toThrow('must be `true` or `false`, got "yes"');
    // Digits only: what Number() would also read (an exponent, a plus sign, hex, a decimal point) is refused.
    for (const given of ['1e1', '+4', '0x4', '4.0'])
      expect(() => parseParams('r', schema, { minInstances: given }), given).toThrow(
        `must be a whole number from 1 to 10, got "${given}"`,
      );
    expect(param.oneOf({ description: 'd', values: ['a', 'b'] })).toMatchObject({ kind: 'enum', form: 'one of a, b' });
  });

  it('takes null as unset, as Config does, and refuses every other non-string by its kind', () => {
    expect(parseParams('r', {}, { scopeTagKey: null, scopeTagValue: undefined })).toEqual({
      scopeTagKey: undefined,
      scopeTagValue: undefined,
    });
    expect(() => parseParams('r', {}, { scopeTagKey: ['team'] })).toThrow(
      new InvalidParametersError('rule r: parameter "scopeTagKey" must be a tag key as a string, got a list'),
    );
    expect(() => parseParams('r', {}, { scopeTagValue: { v: 1 } })).toThrow(
      'parameter "scopeTagValue" must be a tag value as a string, got an object',
    );
  });
});

describe('ruleParameters', () => {
  it('reads absent, null and empty as no parameters, and an object as it is', () => {
    for (const text of [undefined, null, '']) expect(parseRuleParametersString(text)).toEqual({});
    const given = { scopeTagKey: 'team' };
    expect(parseRuleParametersString(given)).toBe(given);
  });

  it('refuses what is neither a JSON string nor an object, and a JSON text that is no object', () => {
    expect(() => parseRuleParametersString(7)).toThrow(
      new InvalidParametersError('ruleParameters must be a JSON string of an object, got number'),
    );
    expect(() => parseRuleParametersString(['a'])).toThrow(
      'ruleParameters must be a JSON string of an object, got object',
    );
    for (const text of ['null', '[1]', '"team"', '7', 'true'])
      expect(() => parseRuleParametersString(text)).toThrow(
        new InvalidParametersError('ruleParameters must be a JSON object of parameter names to string values'),
      );
  });

  it('quotes the first 80 characters of a text that is not JSON', () => {
    const text = `{"scopeTagKey": ${'x'.repeat(100)}`;
    expect(() => parseRuleParametersString(text)).toThrow(
      new InvalidParametersError(`ruleParameters is not valid JSON: ${text.slice(0, 80)}`),
    );
  });

  it('refuses parameters nested past the limit, in either form', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < MAX_DEPTH + 1; i++) deep = { a: deep };
    const message = `ruleParameters is nested deeper than ${MAX_DEPTH} levels`;
    expect(() => parseRuleParametersString(deep)).toThrow(new InvalidEventError(message));
    expect(() => parseRuleParametersString(JSON.stringify(deep))).toThrow(new InvalidEventError(message));
  });

  it('parses each text once, frozen, and forgets them all past 101', () => {
    const warm = parseRuleParametersString('{"scopeTagKey":"warm"}');
    clearParsedParameterStrings();
    // Cleared: the same text is parsed again.
    expect(parseRuleParametersString('{"scopeTagKey":"warm"}')).not.toBe(warm);
    clearParsedParameterStrings();
    const texts = Array.from({ length: 102 }, (_, i) => `{"scopeTagKey":"memo-${i}"}`);
    const first = parseRuleParametersString(texts[0]);
    expect(Object.isFrozen(first)).toBe(true);
    expect(parseRuleParametersString(texts[0])).toBe(first);
    // 101 texts are held: the first is still the same object.
    for (const text of texts.slice(1, 101)) parseRuleParametersString(text);
    expect(parseRuleParametersString(texts[0])).toBe(first);
    // The 102nd clears them: the first is parsed again, an equal object but not the same one.
    parseRuleParametersString(texts[101]);
    const again = parseRuleParametersString(texts[0]);
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
  });
});

describe('descriptions', () => {
  it('describe every parameter of every rule, and the common ones, in one sentence (list, docs and the deploy show them)', () => {
    const described = [
      ...Object.entries(commonParameters).map(([name, spec]) => [`common ${name}`, spec.description] as const),
      ...rules.flatMap((rule) =>
        Object.entries(rule.parameters as ParamSchema).map(
          ([name, spec]) => [`${rule.id} ${name}`, spec.description] as const,
        ),
      ),
    ];
    expect(described.length).toBeGreaterThan(2);
    for (const [where, description] of described) expect(description, where).toMatch(/^[A-Z`].*[.)]$/);
  });
});
