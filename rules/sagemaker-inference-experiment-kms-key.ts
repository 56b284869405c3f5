import { checkKmsKey } from './_core/checks.js';
import { param } from './_core/params.js';
import { defineRule } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-inference-experiment-kms-key',
  description:
    'SageMaker inference experiments (shadow tests) encrypt their instance storage (KmsKey) and, when they capture data, the captured data (DataStorageConfig.KmsKey) with KMS keys, from kmsKeyArns when given.',
  controls: [
    { source: 'securityhub', id: 'SageMaker.23' },
    { source: 'securityhub', id: 'SageMaker.24' },
    { source: 'managed-rule', id: 'SAGEMAKER_INF_EXPERIMENT_INSTANCE_STORAGE_KMS_ENCRYPTED' },
    { source: 'managed-rule', id: 'SAGEMAKER_INF_EXPERIMENT_DATA_STORAGE_KMS_ENCRYPTED' },
  ],
  // Security Hub SageMaker.23 and SageMaker.24: Medium.
  severity: 'medium',
  rationale:
    "A shadow test runs a candidate model on copies of production requests: its instances' storage holds the model, and its captured data holds real inputs and outputs. Both deserve the same customer managed key protection as the production endpoint.",
  manualRemediation:
    "Create the experiment with `KmsKey` (the key for the shadow variants' storage) and, when it captures data, `DataStorageConfig.KmsKey` (console: Inference, Shadow tests, Create, Encryption key; CLI: `aws sagemaker create-inference-experiment --kms-key KEY_ARN --data-storage-config Destination=s3://BUCKET/prefix,KmsKey=KEY_ARN ...`; CloudFormation: `AWS::SageMaker::InferenceExperiment` `KmsKey`, `DataStorageConfig`). A running experiment cannot change its keys: stop it and start a new one.",
  resourceTypes: ['AWS::SageMaker::InferenceExperiment'],
  trigger: 'change',
  parameters: {
    kmsKeyArns: param.kmsKeyList('Allowed KMS keys (for both fields); when unset, any key will do.'),
  },
  evaluate: ({ configuration }, { kmsKeyArns }) => {
    const volume = checkKmsKey('KmsKey', configuration.KmsKey, kmsKeyArns);
    const storage = configuration.DataStorageConfig;
    // Without DataStorageConfig the experiment captures nothing, so there is nothing more to encrypt.
    // The item's schema (rules/_core/schemas) lets through only an object or null here.
    if (volume.complianceType !== 'COMPLIANT' || !storage) return volume;
    return checkKmsKey('DataStorageConfig.KmsKey', storage.KmsKey, kmsKeyArns);
  },
});
