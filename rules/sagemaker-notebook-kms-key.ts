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
  // No Security Hub control; Medium, as Security Hub rates its SageMaker encryption-at-rest controls (SageMaker.17, SageMaker.18).
  severity: 'medium',
  rationale:
    "A notebook instance's ML storage volume holds notebooks, downloaded data samples and often credentials. A customer managed key puts reading a snapshot of it under a key policy you control, and logs every use.",
  manualRemediation:
    'The key is set at creation: create the notebook instance again with `KmsKeyId` (console: Notebook instances, Create, Permissions and encryption, Encryption key; CLI: `aws sagemaker create-notebook-instance --kms-key-id KEY_ARN ...`; CloudFormation: `AWS::SageMaker::NotebookInstance` `KmsKeyId`), from kmsKeyArns when the rule has it, and move the files from the old one.',
  resourceTypes: ['AWS::SageMaker::NotebookInstance'],
  trigger: 'change',
  parameters: {
    kmsKeyArns: param.kmsKeyList('Allowed KMS keys; when unset, any key will do.'),
  },
  evaluate: ({ configuration }, { kmsKeyArns }) => checkKmsKey('KmsKeyId', configuration.KmsKeyId, kmsKeyArns),
});
