import { describe, expect, it } from 'vitest';
import { InvalidEventError } from '../rules/_core/errors.js';
import { normaliseItem } from '../rules/_core/items.js';
import { fixture } from './support/fixtures.js';

describe('normaliseItem', () => {
  const eventForm = fixture('sagemaker-notebook-no-direct-internet', 'compliant.disabled.json');
  const apiForm = fixture('sagemaker-notebook-no-direct-internet', 'compliant.api-form.json').configurationItems[0];

  it('reads the event form and the API form of the same item alike', () => {
    expect(normaliseItem(apiForm)).toEqual(normaliseItem(eventForm));
    expect(normaliseItem(apiForm)).toMatchObject({
      arn: 'arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/fraud-detection-dev',
      awsAccountId: '123456789012',
      configuration: { DirectInternetAccess: 'Disabled' },
    });
  });

  it('parses supplementary values that the API sends as JSON strings', () => {
    const item = normaliseItem({
      resourceType: 'AWS::S3::Bucket',
      resourceId: 'ml-artifacts',
      configuration: '{"name":"ml-artifacts"}',
      supplementaryConfiguration: {
        BucketVersioningConfiguration: '{"status":"Enabled","isMfaDeleteEnabled":null}',
        IsRequesterPaysEnabled: 'false',
      },
    });
    expect(item.supplementaryConfiguration.BucketVersioningConfiguration).toEqual({
      status: 'Enabled',
      isMfaDeleteEnabled: null,
    });
    expect(item.configuration).toEqual({ name: 'ml-artifacts' });
  });

  it('accepts SDK Date objects and CLI epoch seconds as capture times', () => {
    const base = { resourceType: 'AWS::S3::Bucket', resourceId: 'b' };
    expect(
      normaliseItem({ ...base, configurationItemCaptureTime: new Date('2026-11-20T09:14:03.512Z') })
        .configurationItemCaptureTime,
    ).toBe('2026-11-20T09:14:03.512Z');
    expect(normaliseItem({ ...base, configurationItemCaptureTime: 1795166043.512 }).configurationItemCaptureTime).toBe(
      '2026-11-20T09:14:03.512Z',
    );
  });

  it('takes tags from configuration.Tags when the item has no tags map (BatchGetResourceConfig)', () => {
    const { tags: _t, ...untagged } = apiForm;
    expect(normaliseItem(untagged).tags).toEqual({ 'ml-pipeline': 'fraud-detection', team: 'risk-ml' });
  });

  it('treats a deleted item with configuration null as an empty configuration', () => {
    expect(
      normaliseItem({ ...eventForm, configurationItemStatus: 'ResourceDeleted', configuration: null }).configuration,
    ).toEqual({});
  });

  it.each([
    [{ resourceId: 'x' }, /no resourceType/],
    [
      { resourceType: 'AWS::S3::Bucket', resourceId: 'x', configurationItemStatus: 'Gone' },
      /configurationItemStatus "Gone"/,
    ],
    [
      { resourceType: 'AWS::S3::Bucket', resourceId: 'x', configuration: '{broken' },
      /configuration is a string that is not valid JSON/,
    ],
    [
      { resourceType: 'AWS::S3::Bucket', resourceId: 'x', configurationItemCaptureTime: 'yesterday' },
      /configurationItemCaptureTime is not a date/,
    ],
  ])('rejects %j', (raw, message) => {
    expect(() => normaliseItem(raw)).toThrow(InvalidEventError);
    expect(() => normaliseItem(raw)).toThrow(message);
  });
});
