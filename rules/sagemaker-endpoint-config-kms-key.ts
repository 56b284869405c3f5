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
  // No Security Hub control; Medium, as Security Hub rates its SageMaker encryption-at-rest controls (SageMaker.17, SageMaker.18).
  severity: 'medium',
  rationale:
    "The ML storage volume of an endpoint's instances holds the model artifacts and may hold request payloads. Encrypting it with a customer managed key puts access to it under a key policy you control and audit, and lets you make a compromised deployment's data unreadable by disabling the key.",
  manualRemediation:
    "Create a new endpoint configuration with `KmsKeyId` (a key from kmsKeyArns when the rule has it): console, Endpoint configurations, Create, Encryption key; CLI, `aws sagemaker create-endpoint-config --kms-key-id KEY_ARN ...`; CloudFormation, `AWS::SageMaker::EndpointConfig` `KmsKeyId`. Then move the endpoint to it with `aws sagemaker update-endpoint --endpoint-config-name NEW`. The endpoint's execution role needs kms:CreateGrant on the key. Instance types with NVMe instance storage (which is encrypted by the hardware) do not take a key.",
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
