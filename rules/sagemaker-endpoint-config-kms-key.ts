import { allVariantsServerless, checkKmsKey } from './_core/checks.js';
import { param } from './_core/params.js';
import { defineRule, notApplicable } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-endpoint-config-kms-key',
  description:
    'SageMaker endpoint configurations encrypt the ML storage volume with a KMS key (KmsKeyId), from kmsKeyArns when given.',
  controls: [
    { source: 'managed-rule', id: 'SAGEMAKER_ENDPOINT_CONFIGURATION_KMS_KEY_CONFIGURED' },
    { source: 'managed-rule', id: 'SAGEMAKER_ENDPOINT_CONFIG_KMS_KEY_REQUIRED' },
    { source: 'prowler', id: 'sagemaker_endpoint_config_kms_key' },
  ],
  resourceTypes: ['AWS::SageMaker::EndpointConfig'],
  trigger: 'change',
  parameters: {
    kmsKeyArns: param.kmsKeyList('Allowed KMS keys; when unset, any key will do.'),
  },
  evaluate: ({ configuration }, { kmsKeyArns }) =>
    // Serverless variants have no ML storage volume to encrypt.
    allVariantsServerless(configuration)
      ? notApplicable('every production variant is serverless')
      : checkKmsKey('KmsKeyId', configuration.KmsKeyId, kmsKeyArns),
});
