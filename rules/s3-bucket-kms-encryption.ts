import { kmsKeyAllowed, shown } from './_core/checks.js';
import { param } from './_core/params.js';
import { defineRule, compliant, nonCompliant } from './_core/rule.js';

const KMS_ALGORITHMS = new Set(['aws:kms', 'aws:kms:dsse']);

export default defineRule({
  id: 's3-bucket-kms-encryption',
  description:
    'S3 buckets encrypt by default with KMS (sseAlgorithm aws:kms or aws:kms:dsse), with a key from kmsKeyArns when given. The remediation sets SSE-KMS with the AWS managed key, which complies only without kmsKeyArns.',
  controls: [
    { source: 'managed-rule', id: 'S3_DEFAULT_ENCRYPTION_KMS' },
    { source: 'securityhub', id: 'S3.17' },
    { source: 'prowler', id: 's3_bucket_kms_encryption' },
  ],
  // Security Hub S3.17: Medium.
  severity: 'medium',
  rationale:
    'Training data, features and model artifacts in S3 are often the most sensitive data an ML platform holds. With SSE-KMS, reading an object also needs kms:Decrypt on the key, so the key policy becomes a second gate beside the bucket policy, every use of the key is logged in CloudTrail, and disabling the key makes the data unreadable at once. SSE-S3 (AES256) encrypts too, but with a key no one can restrict or audit.',
  manualRemediation:
    'Set the bucket\'s default encryption to SSE-KMS: in the S3 console, Properties, Default encryption, choose AWS KMS keys and a customer managed key (one from kmsKeyArns when the rule has it); with the CLI, `aws s3api put-bucket-encryption --bucket BUCKET --server-side-encryption-configuration \'{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"KEY_ARN"},"BucketKeyEnabled":true}]}\'`; in CloudFormation, `BucketEncryption.ServerSideEncryptionConfiguration` with `SSEAlgorithm: aws:kms` and `KMSMasterKeyID`. Existing objects keep their encryption until rewritten (an S3 Batch Operations copy re-encrypts them).',
  resourceTypes: ['AWS::S3::Bucket'],
  trigger: 'change',
  parameters: {
    kmsKeyArns: param.kmsKeyList(
      'Allowed KMS keys; when unset, any KMS key will do, the AWS managed key (aws/s3) included.',
    ),
  },
  remediation: {
    document: 'AWS-EnableS3BucketEncryption',
    parameters: { BucketName: 'RESOURCE_ID', SSEAlgorithm: { static: 'aws:kms' } },
  },
  evaluate: ({ supplementaryConfiguration }, { kmsKeyArns }) => {
    const rules = supplementaryConfiguration.ServerSideEncryptionConfiguration?.rules;
    if (!Array.isArray(rules) || rules.length === 0)
      return nonCompliant('ServerSideEncryptionConfiguration has no default encryption rule');
    // The item's schema (rules/_core/schemas) lets through only objects as entries of rules.
    for (const rule of rules) {
      const { sseAlgorithm, kmsMasterKeyID } = rule.applyServerSideEncryptionByDefault ?? {};
      if (!KMS_ALGORITHMS.has(sseAlgorithm))
        return nonCompliant(
          `ServerSideEncryptionConfiguration sseAlgorithm is ${shown(sseAlgorithm)}, not aws:kms or aws:kms:dsse`,
        );
      if (!kmsKeyArns) continue;
      // No key id means the AWS managed key (aws/s3): no allow-list entry can name it.
      if (typeof kmsMasterKeyID !== 'string' || kmsMasterKeyID === '')
        return nonCompliant('kmsMasterKeyID is unset (AWS managed key aws/s3), which matches no kmsKeyArns entry');
      if (!kmsKeyAllowed(kmsMasterKeyID, kmsKeyArns))
        return nonCompliant(`kmsMasterKeyID ${kmsMasterKeyID} is not in kmsKeyArns`);
    }
    return compliant();
  },
});
