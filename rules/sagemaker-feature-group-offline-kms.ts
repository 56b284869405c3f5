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
  resourceTypes: ['AWS::SageMaker::FeatureGroup'],
  trigger: 'change',
  parameters: {
    kmsKeyArns: param.kmsKeyList('Allowed KMS keys; when unset, any key will do.'),
  },
  evaluate: ({ configuration }, { kmsKeyArns }) => {
    const offline = configuration.OfflineStoreConfig;
    // An online-only feature group has no offline store, hence no S3 data to encrypt.
    if (!offline || typeof offline !== 'object' || Object.keys(offline).length === 0) {
      return notApplicable('no offline store (OfflineStoreConfig is unset)');
    }
    return checkKmsKey('OfflineStoreConfig.S3StorageConfig.KmsKeyId', offline.S3StorageConfig?.KmsKeyId, kmsKeyArns);
  },
});
