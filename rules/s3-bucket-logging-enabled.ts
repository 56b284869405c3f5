import { shown } from './_core/checks.js';
import { param } from './_core/params.js';
import { defineRule, compliant, nonCompliant } from './_core/rule.js';

export default defineRule({
  id: 's3-bucket-logging-enabled',
  description:
    'S3 buckets have server access logging on (BucketLoggingConfiguration.destinationBucketName set), to targetBucket when given.',
  controls: [
    { source: 'managed-rule', id: 'S3_BUCKET_LOGGING_ENABLED' },
    { source: 'securityhub', id: 'S3.9' },
    { source: 'prowler', id: 's3_bucket_server_access_logging_enabled' },
    { source: 'cdk-nag', id: 'AwsSolutions-S1' },
  ],
  resourceTypes: ['AWS::S3::Bucket'],
  trigger: 'change',
  parameters: {
    targetBucket: param.string({
      description: 'The bucket that must receive the access logs.',
      form: 'an S3 bucket name',
      pattern: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
    }),
  },
  evaluate: ({ supplementaryConfiguration }, { targetBucket }) => {
    const destination = supplementaryConfiguration.BucketLoggingConfiguration?.destinationBucketName;
    if (typeof destination !== 'string' || destination === '') {
      return nonCompliant(
        `BucketLoggingConfiguration.destinationBucketName is ${shown(destination)} (server access logging is off)`,
      );
    }
    if (targetBucket !== undefined && destination !== targetBucket) {
      return nonCompliant(
        `BucketLoggingConfiguration.destinationBucketName is ${destination}, not targetBucket ${targetBucket}`,
      );
    }
    return compliant();
  },
});
