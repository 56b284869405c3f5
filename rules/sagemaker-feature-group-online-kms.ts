import { checkKmsKey, isTrue, shown } from './_core/checks.js';
import { param } from './_core/params.js';
import { defineRule, notApplicable } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-feature-group-online-kms',
  description:
    'SageMaker feature groups with the online store enabled encrypt it with a KMS key (OnlineStoreConfig.SecurityConfig.KmsKeyId), from kmsKeyArns when given, whatever the storage type. Online store disabled or absent → NOT_APPLICABLE.',
  controls: [
    { source: 'securityhub', id: 'SageMaker.18' },
    { source: 'managed-rule', id: 'SAGEMAKER_FEATUREGROUP_ONLINE_STORE_ENCRYPTION' },
  ],
  // Security Hub SageMaker.18: Medium.
  severity: 'medium',
  rationale:
    'The online store serves the latest feature values to endpoints at low latency, and is readable by any role with featurestore-runtime access. Encrypting it with a customer managed key adds a key policy to who can read it and logs each use.',
  manualRemediation:
    'Set `OnlineStoreConfig.SecurityConfig.KmsKeyId` when the feature group is created (console: Feature Store, Create feature group, Online store encryption key; CLI: `aws sagemaker create-feature-group --online-store-config \'{"EnableOnlineStore":true,"SecurityConfig":{"KmsKeyId":"KEY_ARN"}}\' ...`; CloudFormation: `AWS::SageMaker::FeatureGroup` `OnlineStoreConfig.SecurityConfig`). An existing group cannot change it: create a new group and re-ingest.',
  resourceTypes: ['AWS::SageMaker::FeatureGroup'],
  trigger: 'change',
  parameters: {
    kmsKeyArns: param.kmsKeyList('Allowed KMS keys; when unset, any key will do.'),
  },
  evaluate: ({ configuration }, { kmsKeyArns }) => {
    const online = configuration.OnlineStoreConfig;
    // EnableOnlineStore defaults to false: without it there is no online store to encrypt.
    if (!isTrue(online?.EnableOnlineStore)) {
      return notApplicable(
        `online store not enabled (OnlineStoreConfig.EnableOnlineStore is ${shown(online?.EnableOnlineStore)})`,
      );
    }
    return checkKmsKey('OnlineStoreConfig.SecurityConfig.KmsKeyId', online.SecurityConfig?.KmsKeyId, kmsKeyArns);
  },
});
