// normaliseItem field by field (rules/_core/items.ts), each against the exact item it must give:
// the forms Config hands an item over in (event form, the API's JSON strings, an inventory item),
// what each field may hold, and what is refused with the field named. test/items.test.ts compares
// the forms with each other; these pin each one down on its own.
import { describe, expect, it } from 'vitest';
import { InvalidConfigurationError, InvalidEventError } from '../rules/_core/errors.js';
import {
  CAPTURE_SKEW_MS,
  captureTime,
  checkResourceKey,
  EARLIEST_CAPTURE,
  looksLikeItem,
  MAX_RESOURCE_ID,
  MAX_RESOURCE_TYPE,
  normaliseItem,
  toIsoTime,
} from '../rules/_core/items.js';

const NOTEBOOK = 'AWS::SageMaker::NotebookInstance';
const BUCKET = 'AWS::S3::Bucket';
const base = { resourceType: NOTEBOOK, resourceId: 'fraud-detection-dev' };

describe('the item as a whole', () => {
  it('refuses what is not an object, naming the problem', () => {
    for (const raw of [null, undefined, 'item', 42, true, [], [base]])
      expect(() => normaliseItem(raw)).toThrow(new InvalidEventError('a configuration item must be a JSON object'));
  });

  it('refuses a resource type or id that is missing, empty or not a string', () => {
    for (const resourceType of [undefined, '', 7, ['AWS::S3::Bucket']])
      expect(() => normaliseItem({ resourceId: 'b', resourceType })).toThrow(
        new InvalidEventError('configuration item has no resourceType'),
      );
    for (const resourceId of [undefined, '', 7, { id: 'b' }])
      expect(() => normaliseItem({ resourceType: BUCKET, resourceId })).toThrow(
        new InvalidEventError('configuration item has no resourceId'),
      );
  });

  it('gives the least item for the least input: status OK, no tags, empty configuration', () => {
    const item = normaliseItem(base);
    expect(item).toEqual({
      resourceType: NOTEBOOK,
      resourceId: 'fraud-detection-dev',
      configurationItemStatus: 'OK',
      tags: {},
      configuration: {},
      supplementaryConfiguration: {},
    });
    // No optional field is there at all, not even as undefined.
    expect(Object.keys(item).sort()).toEqual([
      'configuration',
      'configurationItemStatus',
      'resourceId',
      'resourceType',
      'supplementaryConfiguration',
      'tags',
    ]);
  });

  it('names every status Config has when it refuses one', () => {
    expect(() => normaliseItem({ ...base, configurationItemStatus: 'Gone' })).toThrow(
      new InvalidEventError(
        'configurationItemStatus "Gone" is not one of OK, ResourceDiscovered, ResourceNotRecorded, ResourceDeleted, ResourceDeletedNotRecorded',
      ),
    );
  });

  it('keeps the name, ARN (either spelling), account, region and capture time, and only when they are real', () => {
    const item = normaliseItem({
      ...base,
      resourceName: 'fraud-detection-dev',
      arn: 'arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/fraud-detection-dev',
      accountId: 123456789012,
      awsRegion: 'us-east-1',
      configurationItemCaptureTime: '2026-11-20T09:14:03.512Z',
    });
    expect(item).toMatchObject({
      resourceName: 'fraud-detection-dev',
      arn: 'arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/fraud-detection-dev',
      awsAccountId: '123456789012',
      awsRegion: 'us-east-1',
      configurationItemCaptureTime: '2026-11-20T09:14:03.512Z',
    });
    expect(normaliseItem({ ...base, ARN: 'arn:aws:s3:::ml-artifacts' }).arn).toBe('arn:aws:s3:::ml-artifacts');
    const empty = normaliseItem({
      ...base,
      resourceName: '',
      ARN: '',
      awsAccountId: null,
      awsRegion: 7,
      configurationItemCaptureTime: '',
    });
    for (const field of ['resourceName', 'arn', 'awsAccountId', 'awsRegion', 'configurationItemCaptureTime'])
      expect(empty).not.toHaveProperty(field);
    expect(normaliseItem({ ...base, resourceName: 42, arn: ['arn'] })).not.toHaveProperty('resourceName');
    expect(normaliseItem({ ...base, arn: ['arn'] })).not.toHaveProperty('arn');
    // The API form's accountId null as well: no account, not the text "null".
    expect(normaliseItem({ ...base, awsAccountId: null, accountId: null })).not.toHaveProperty('awsAccountId');
    // An account id of 0 digits' worth is still what the item said.
    expect(normaliseItem({ ...base, awsAccountId: '' }).awsAccountId).toBe('');
  });

  it('tells an item from an event or an API answer by its type and id, both strings', () => {
    expect(looksLikeItem({ resourceType: BUCKET, resourceId: 'b' })).toBe(true);
    expect(looksLikeItem({ resourceType: BUCKET })).toBe(false);
    expect(looksLikeItem({ resourceId: 'b' })).toBe(false);
    expect(looksLikeItem({ resourceType: BUCKET, resourceId: 7 })).toBe(false);
    expect(looksLikeItem({ configurationItems: [] })).toBe(false);
  });
});

describe('the configuration', () => {
  it('decodes a JSON string, past white space before it, and keeps any other string as it is', () => {
    expect(normaliseItem({ ...base, configuration: ' \n\t{"NotebookInstanceName":"a"}' }).configuration).toEqual({
      NotebookInstanceName: 'a',
    });
    // Not an object: kept for the engine's schema check to refuse.
    expect(normaliseItem({ ...base, configuration: 'Disabled' }).configuration).toBe('Disabled');
    expect(normaliseItem({ ...base, configuration: '' }).configuration).toBe('');
    expect(normaliseItem({ ...base, configuration: '["a"]' }).configuration).toEqual(['a']);
    expect(() => normaliseItem({ ...base, configuration: '  {broken' })).toThrow(
      new InvalidEventError('configuration is a string that is not valid JSON'),
    );
  });

  it('reads null as empty only for an item that is not evaluated', () => {
    for (const status of ['ResourceDeleted', 'ResourceDeletedNotRecorded', 'ResourceNotRecorded'])
      expect(normaliseItem({ ...base, configurationItemStatus: status, configuration: null }).configuration).toEqual(
        {},
      );
    expect(
      normaliseItem({ ...base, configurationItemStatus: 'ResourceDeleted', configuration: 'null' }).configuration,
    ).toEqual({});
    for (const status of ['OK', 'ResourceDiscovered'])
      expect(normaliseItem({ ...base, configurationItemStatus: status, configuration: null }).configuration).toBeNull();
    expect(normaliseItem({ ...base, configuration: undefined }).configuration).toEqual({});
  });
});

describe('tags', () => {
  it('takes a tags map, refusing a value that is not a string', () => {
    expect(normaliseItem({ ...base, tags: { team: 'risk-ml', 'ml-pipeline': '' } }).tags).toEqual({
      team: 'risk-ml',
      'ml-pipeline': '',
    });
    expect(() => normaliseItem({ ...base, tags: { team: null } })).toThrow(
      new InvalidConfigurationError('tags.team must be a string, got null'),
    );
    expect(() => normaliseItem({ ...base, tags: { team: ['a'] } })).toThrow('tags.team must be a string, got a list');
    expect(() => normaliseItem({ ...base, tags: { team: { v: 1 } } })).toThrow(
      'tags.team must be a string, got an object',
    );
    expect(() => normaliseItem({ ...base, tags: { team: 7 } })).toThrow('tags.team must be a string, got number 7');
  });

  it('takes a list of Key/Value pairs, on the item or in the configuration: a pair without a value is empty', () => {
    const pairs = [
      { Key: 'team', Value: 'risk-ml' },
      { Key: 'owner' },
      { Key: 'cost', Value: null },
      null,
      { Value: 'x' },
    ];
    const expected = { team: 'risk-ml', owner: '', cost: '' };
    expect(normaliseItem({ ...base, tags: pairs }).tags).toEqual(expected);
    expect(normaliseItem({ ...base, configuration: { Tags: pairs } }).tags).toEqual(expected);
    expect(() => normaliseItem({ ...base, tags: [{ Key: 'team', Value: 7 }] })).toThrow(
      'tags.team must be a string, got number 7',
    );
  });

  it("takes an S3 bucket's first tag set when nothing else has tags", () => {
    const item = normaliseItem({
      resourceType: BUCKET,
      resourceId: 'ml-artifacts',
      supplementaryConfiguration: {
        BucketTaggingConfiguration: { tagSets: [{ tags: { team: 'risk-ml' } }, { tags: { x: 'y' } }] },
      },
    });
    expect(item.tags).toEqual({ team: 'risk-ml' });
    expect(() =>
      normaliseItem({
        resourceType: BUCKET,
        resourceId: 'ml-artifacts',
        supplementaryConfiguration: { BucketTaggingConfiguration: { tagSets: [{ tags: { team: null } }] } },
      }),
    ).toThrow('tags.team must be a string, got null');
    for (const BucketTaggingConfiguration of [{}, { tagSets: [] }, { tagSets: [{ tags: 'team' }] }, { tagSets: null }])
      expect(
        normaliseItem({
          resourceType: BUCKET,
          resourceId: 'b',
          supplementaryConfiguration: { BucketTaggingConfiguration },
        }).tags,
      ).toEqual({});
    // A tags map on the item wins over the configuration's list and the tag set.
    expect(
      normaliseItem({
        resourceType: BUCKET,
        resourceId: 'b',
        tags: { team: 'a' },
        configuration: { Tags: [{ Key: 'team', Value: 'b' }] },
        supplementaryConfiguration: { BucketTaggingConfiguration: { tagSets: [{ tags: { team: 'c' } }] } },
      }).tags,
    ).toEqual({ team: 'a' });
  });

  it('reads a tags field that is neither a map nor a list as no tags', () => {
    expect(normaliseItem({ ...base, tags: 'team=risk-ml' }).tags).toEqual({});
    expect(
      normaliseItem({ ...base, tags: 'team', configuration: { Tags: [{ Key: 'team', Value: 'a' }] } }).tags,
    ).toEqual({
      team: 'a',
    });
  });

  it('keeps a tag named like an object property as a tag', () => {
    const tags = normaliseItem({ ...base, tags: JSON.parse('{"__proto__":"x","constructor":"y"}') }).tags;
    expect(Object.keys(tags).sort()).toEqual(['__proto__', 'constructor']);
    expect(tags.constructor).toBe('y');
  });
});

describe('supplementary values', () => {
  it('decodes JSON objects, lists and "null", past white space, and keeps other strings', () => {
    const item = normaliseItem({
      resourceType: BUCKET,
      resourceId: 'ml-artifacts',
      supplementaryConfiguration: {
        BucketVersioningConfiguration: '\n {"status":"Enabled"}',
        BucketNotificationConfiguration: '[1]',
        BucketPolicy: 'null',
        IsRequesterPaysEnabled: 'false',
        Region: ' us-east-1',
        Empty: '',
        Blank: '   ',
      },
    });
    expect(item.supplementaryConfiguration).toEqual({
      BucketVersioningConfiguration: { status: 'Enabled' },
      BucketNotificationConfiguration: [1],
      BucketPolicy: null,
      IsRequesterPaysEnabled: 'false',
      Region: ' us-east-1',
      Empty: '',
      Blank: '   ',
    });
  });

  it('returns the same object when nothing needs decoding, a copy otherwise', () => {
    const plain = { IsRequesterPaysEnabled: 'false', BucketPolicy: { policyText: null } };
    expect(normaliseItem({ ...base, supplementaryConfiguration: plain }).supplementaryConfiguration).toBe(plain);
    const encoded = { BucketPolicy: '{"policyText":null}' };
    const item = normaliseItem({ ...base, supplementaryConfiguration: encoded });
    expect(item.supplementaryConfiguration).not.toBe(encoded);
    expect(encoded.BucketPolicy).toBe('{"policyText":null}');
  });

  it('names the value that is not valid JSON, and refuses a supplementary configuration that is not a map', () => {
    expect(() => normaliseItem({ ...base, supplementaryConfiguration: { BucketPolicy: '{"policyText":' } })).toThrow(
      new InvalidEventError('supplementaryConfiguration.BucketPolicy is a string that is not valid JSON'),
    );
    expect(normaliseItem({ ...base, supplementaryConfiguration: null }).supplementaryConfiguration).toEqual({});
    expect(() => normaliseItem({ ...base, supplementaryConfiguration: [] })).toThrow(
      new InvalidConfigurationError('supplementaryConfiguration must be an object of named values, got a list'),
    );
    expect(() => normaliseItem({ ...base, supplementaryConfiguration: '{}' })).toThrow(
      'supplementaryConfiguration must be an object of named values, got string',
    );
  });
});

describe('times', () => {
  it('keeps an ISO time with milliseconds as it is and rewrites every other form to it', () => {
    expect(toIsoTime('2026-11-20T09:14:03.512Z', 'f')).toBe('2026-11-20T09:14:03.512Z');
    expect(toIsoTime('2026-11-20T09:14:03Z', 'f')).toBe('2026-11-20T09:14:03.000Z');
    expect(toIsoTime('2026-11-20T10:14:03.512+01:00', 'f')).toBe('2026-11-20T09:14:03.512Z');
    expect(toIsoTime(new Date('2026-11-20T09:14:03.512Z'), 'f')).toBe('2026-11-20T09:14:03.512Z');
    // Epoch seconds (the CLI) below 1e11, milliseconds above.
    expect(toIsoTime(1795166043.512, 'f')).toBe('2026-11-20T09:14:03.512Z');
    expect(toIsoTime(1795166043512, 'f')).toBe('2026-11-20T09:14:03.512Z');
    expect(toIsoTime(1e11, 'f')).toBe(new Date(1e11).toISOString());
    for (const unset of [undefined, null, '']) expect(toIsoTime(unset, 'f')).toBeUndefined();
  });

  it('refuses what is not a date, naming the field and the value', () => {
    expect(() => toIsoTime('yesterday', 'configurationItemCaptureTime')).toThrow(
      new InvalidEventError('configurationItemCaptureTime is not a date: "yesterday"'),
    );
    expect(() => toIsoTime(true, 'f')).toThrow(new InvalidEventError('f is not a date: true'));
    expect(() => toIsoTime(1e20, 'f')).toThrow(
      new InvalidEventError('f is not a date: 100000000000000000000 is out of range'),
    );
    expect(() => toIsoTime({}, 'f')).toThrow(new InvalidEventError('f is not a date: {}'));
    // A list holding a date string is no date (Date.parse would read it through String()).
    expect(() => toIsoTime(['2026-11-20T09:14:03Z'], 'f')).toThrow(
      new InvalidEventError('f is not a date: ["2026-11-20T09:14:03Z"]'),
    );
  });

  it('takes a capture time from 2006 to now plus the skew, and nothing outside', () => {
    const now = Date.parse('2026-11-20T09:00:00.000Z');
    expect(captureTime(new Date(EARLIEST_CAPTURE), 'c', now)).toBe('2006-01-01T00:00:00.000Z');
    expect(captureTime(new Date(now + CAPTURE_SKEW_MS), 'c', now)).toBe('2026-11-20T09:15:00.000Z');
    expect(captureTime(undefined, 'c', now)).toBeUndefined();
    expect(() => captureTime(new Date(EARLIEST_CAPTURE - 1), 'c', now)).toThrow(
      new InvalidConfigurationError(
        'c 2005-12-31T23:59:59.999Z is outside the range Config records (2006 to now plus 15 minutes)',
      ),
    );
    expect(() => captureTime(new Date(now + CAPTURE_SKEW_MS + 1), 'c', now)).toThrow(InvalidConfigurationError);
  });
});

describe('resource keys at the limits', () => {
  it(`takes ${MAX_RESOURCE_ID} characters of id and ${MAX_RESOURCE_TYPE} of type, not one more`, () => {
    expect(() => checkResourceKey(BUCKET, 'i'.repeat(MAX_RESOURCE_ID))).not.toThrow();
    expect(() => checkResourceKey('T'.repeat(MAX_RESOURCE_TYPE), 'b')).not.toThrow();
    expect(() => checkResourceKey(BUCKET, 'i'.repeat(MAX_RESOURCE_ID + 1))).toThrow(
      new InvalidConfigurationError(
        `resourceId is ${MAX_RESOURCE_ID + 1} characters long; Config allows at most ${MAX_RESOURCE_ID}`,
      ),
    );
    expect(() => checkResourceKey('T'.repeat(MAX_RESOURCE_TYPE + 1), 'b')).toThrow(
      new InvalidConfigurationError(
        `resourceType is ${MAX_RESOURCE_TYPE + 1} characters long; Config allows at most ${MAX_RESOURCE_TYPE}`,
      ),
    );
  });
});
