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
  resourceTypes: ['AWS::SageMaker::InferenceExperiment'],
  trigger: 'change',
  parameters: {
    kmsKeyArns: param.kmsKeyList('Allowed KMS keys (for both fields); when unset, any key will do.'),
  },
  evaluate: ({ configuration }, { kmsKeyArns }) => {
    const volume = checkKmsKey('KmsKey', configuration.KmsKey, kmsKeyArns);
    const storage = configuration.DataStorageConfig;
    // Without DataStorageConfig the experiment captures nothing, so there is nothing more to encrypt.
    if (volume.complianceType !== 'COMPLIANT' || !storage || typeof storage !== 'object') return volume;
    return checkKmsKey('DataStorageConfig.KmsKey', storage.KmsKey, kmsKeyArns);
  },
});
