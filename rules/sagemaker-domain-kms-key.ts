import { checkKmsKey } from './_core/checks.js';
import { param } from './_core/params.js';
import { defineRule } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-domain-kms-key',
  description:
    'SageMaker domains encrypt their home EFS volume with a customer KMS key (KmsKeyId), from kmsKeyArns when given.',
  controls: [],
  resourceTypes: ['AWS::SageMaker::Domain'],
  trigger: 'change',
  parameters: {
    kmsKeyArns: param.kmsKeyList('Allowed KMS keys; when unset, any key will do.'),
  },
  // Without KmsKeyId the EFS volume is encrypted with an AWS managed key, which the account cannot control or audit.
  evaluate: ({ configuration }, { kmsKeyArns }) => checkKmsKey('KmsKeyId', configuration.KmsKeyId, kmsKeyArns),
});
