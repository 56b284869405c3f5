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
  // Security Hub S3.9: Medium.
  severity: 'medium',
  rationale:
    'Server access logs record every request made to a bucket: who read which training data set or model artifact, from where, and when. Without them an investigation of a leaked data set or a tampered model has nothing to go on, as CloudTrail data events are off by default and cost more.',
  manualRemediation:
    'Turn on server access logging: in the S3 console, Properties, Server access logging, Edit, and choose a target bucket (the one in targetBucket when the rule has it) in the same Region and account; with the CLI, `aws s3api put-bucket-logging --bucket BUCKET --bucket-logging-status \'{"LoggingEnabled":{"TargetBucket":"LOG_BUCKET","TargetPrefix":"BUCKET/"}}\'`; in CloudFormation, `LoggingConfiguration` with `DestinationBucketName` and `LogFilePrefix`. The target bucket\'s policy must let `logging.s3.amazonaws.com` write to it.',
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
