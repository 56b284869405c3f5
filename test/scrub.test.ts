// What `record` scrubs before a configuration item becomes a committed fixture.
import { describe, expect, it } from 'vitest';
import { scrubAll, Scrubber } from '../cli/scrub.js';

describe('scrubbing a recorded item', () => {
  it('maps the item\'s account to 123456789012 wherever it appears, and each other account to its own example account', () => {
    const item = {
      accountId: '210987654321',
      arn: 'arn:aws:sagemaker:eu-west-1:210987654321:model/churn-v3',
      configuration: JSON.stringify({
        ExecutionRoleArn: 'arn:aws:iam::210987654321:role/SageMakerExecution',
        PrimaryContainer: {
          Image: '210987654321.dkr.ecr.eu-west-1.amazonaws.com/churn:3',
          ModelDataUrl: 's3://churn-artifacts-210987654321/v3/model.tar.gz',
        },
        KmsKeyId: 'arn:aws:kms:eu-west-1:998877665544:key/0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f',
        // Not an account: a longer number that contains the account's digits.
        Build: '42109876543210',
      }),
    };
    const { values, report } = scrubAll('210987654321', item);
    const [scrubbed] = values;
    expect(scrubbed.accountId).toBe('123456789012');
    expect(scrubbed.arn).toBe('arn:aws:sagemaker:eu-west-1:123456789012:model/churn-v3');
    const configuration = JSON.parse(scrubbed.configuration);
    expect(configuration).toEqual({
      ExecutionRoleArn: 'arn:aws:iam::123456789012:role/SageMakerExecution',
      PrimaryContainer: { Image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:3', ModelDataUrl: 's3://churn-artifacts-123456789012/v3/model.tar.gz' },
      KmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f',
      Build: '42109876543210',
    });
    expect(report).toEqual({ accounts: { '210987654321': '123456789012', '998877665544': '111122223333' }, emails: 0 });
  });

  it('replaces e-mail-like values (tags above all) consistently, and leaves other strings alone', () => {
    const item = {
      tags: { owner: 'priya.raman@corp.example.net', team: 'growth-ml', oncall: 'ml-oncall@corp.example.net' },
      configuration: { Tags: [{ Key: 'owner', Value: 'priya.raman@corp.example.net' }], Description: 'contact priya.raman@corp.example.net' },
      supplementaryConfiguration: { BucketTaggingConfiguration: JSON.stringify({ tagSets: [{ tags: { owner: 'priya.raman@corp.example.net' } }] }) },
    };
    const { values, report } = scrubAll(undefined, item);
    const [scrubbed] = values;
    expect(scrubbed.tags).toEqual({ owner: 'user1@example.com', team: 'growth-ml', oncall: 'user2@example.com' });
    expect(scrubbed.configuration.Tags).toEqual([{ Key: 'owner', Value: 'user1@example.com' }]);
    expect(JSON.parse(scrubbed.supplementaryConfiguration.BucketTaggingConfiguration)).toEqual({ tagSets: [{ tags: { owner: 'user1@example.com' } }] });
    // Only whole values that are an address are replaced.
    expect(scrubbed.configuration.Description).toBe('contact priya.raman@corp.example.net');
    expect(report.emails).toBe(2);
  });

  it('shares one mapping across an item, its lookups and the parameters', () => {
    const params = { kmsKeyArns: 'arn:aws:kms:us-east-1:555566667777:key/abc' };
    const model = { arn: 'arn:aws:sagemaker:us-east-1:555566667777:model/m', configuration: { ModelDataUrl: 's3://artifacts-555566667777/m.tar.gz' } };
    const bucket = { resourceId: 'artifacts-555566667777', arn: 'arn:aws:s3:::artifacts-555566667777' };
    const { values } = scrubAll('555566667777', params, model, bucket);
    expect(values[0].kmsKeyArns).toBe('arn:aws:kms:us-east-1:123456789012:key/abc');
    expect(values[1].configuration.ModelDataUrl).toBe('s3://artifacts-123456789012/m.tar.gz');
    expect(values[2].resourceId).toBe('artifacts-123456789012');
  });

  it('keeps an item that is already scrubbed as it is', () => {
    const item = { accountId: '123456789012', arn: 'arn:aws:iam::123456789012:role/x', other: 'arn:aws:kms:us-east-1:111122223333:key/k' };
    const scrubber = new Scrubber('123456789012');
    scrubber.learn(item);
    expect(scrubber.scrub(item)).toEqual(item);
    expect(scrubber.report()).toEqual({ accounts: {}, emails: 0 });
  });
});
