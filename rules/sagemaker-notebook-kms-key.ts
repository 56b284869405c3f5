import { checkKmsKey } from './_core/checks.js';
import { param } from './_core/params.js';
import { defineRule } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-notebook-kms-key',
  description:
    'SageMaker notebook instances encrypt their ML storage volume with a KMS key (KmsKeyId), from kmsKeyArns when given.',
  controls: [
    { source: 'managed-rule', id: 'SAGEMAKER_NOTEBOOK_INSTANCE_KMS_KEY_CONFIGURED' },
    { source: 'prowler', id: 'sagemaker_notebook_instance_encryption_enabled' },
    { source: 'cdk-nag', id: 'AwsSolutions-SM2' },
  ],
  resourceTypes: ['AWS::SageMaker::NotebookInstance'],
  trigger: 'change',
  parameters: {
    kmsKeyArns: param.kmsKeyList('Allowed KMS keys; when unset, any key will do.'),
  },
  evaluate: ({ configuration }, { kmsKeyArns }) => checkKmsKey('KmsKeyId', configuration.KmsKeyId, kmsKeyArns),
});
