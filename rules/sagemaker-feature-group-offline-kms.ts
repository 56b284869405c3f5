import { checkKmsKey } from './_core/checks.js';
import { param } from './_core/params.js';
import { defineRule, notApplicable } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-feature-group-offline-kms',
  description:
    'SageMaker feature groups with an offline store encrypt it with a KMS key (OfflineStoreConfig.S3StorageConfig.KmsKeyId), from kmsKeyArns when given. Feature groups without an offline store are NOT_APPLICABLE.',
  controls: [
    { source: 'securityhub', id: 'SageMaker.17' },
    { source: 'managed-rule', id: 'SAGEMAKER_FEATUREGROUP_ENCRYPTION_AT_REST' },
  ],
  // Security Hub SageMaker.17: Medium.
  severity: 'medium',
  rationale:
    'The offline store keeps every feature value ever written, in S3, as the training history of every model that uses the feature group: often customer data. A customer managed key puts reading it under a key policy and CloudTrail, beside the bucket policy.',
  manualRemediation:
    'The offline store\'s key is set when the feature group is created: create it again with `OfflineStoreConfig.S3StorageConfig.KmsKeyId` (console: Feature Store, Create feature group, Offline store encryption key; CLI: `aws sagemaker create-feature-group --offline-store-config \'{"S3StorageConfig":{"S3Uri":"s3://BUCKET/prefix","KmsKeyId":"KEY_ARN"}}\' ...`; CloudFormation: `AWS::SageMaker::FeatureGroup` `OfflineStoreConfig`), then backfill it from the old one.',
  resourceTypes: ['AWS::SageMaker::FeatureGroup'],
  trigger: 'change',
  parameters: {
    kmsKeyArns: param.kmsKeyList('Allowed KMS keys; when unset, any key will do.'),
  },
  evaluate: ({ configuration }, { kmsKeyArns }) => {
    const offline = configuration.OfflineStoreConfig;
    // An online-only feature group has no offline store, hence no S3 data to encrypt. The item's
    // schema (rules/_core/schemas) lets through only an object or null here.
    if (!offline || Object.keys(offline).length === 0) {
      return notApplicable('no offline store (OfflineStoreConfig is unset)');
    }
    return checkKmsKey('OfflineStoreConfig.S3StorageConfig.KmsKeyId', offline.S3StorageConfig?.KmsKeyId, kmsKeyArns);
  },
});
