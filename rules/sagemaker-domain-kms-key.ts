import { checkKmsKey } from './_core/checks.js';
import { param } from './_core/params.js';
import { defineRule } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-domain-kms-key',
  description:
    'SageMaker domains encrypt their home EFS volume with a customer KMS key (KmsKeyId), from kmsKeyArns when given.',
  controls: [],
  // No Security Hub control; Medium, as Security Hub rates its SageMaker encryption-at-rest controls (SageMaker.17, SageMaker.18).
  severity: 'medium',
  rationale:
    "A Studio domain's EFS volume holds every user's home folder: notebooks, samples of training data, credentials files. With a customer managed key the key policy decides who can read it and every use is logged; with the AWS managed key anyone with EFS access in the account can.",
  manualRemediation:
    'The key is chosen when the domain is created and cannot be changed: create a new domain with `KmsKeyId` set (console: SageMaker, Domains, Create domain, Set up for organizations, Encryption key; CLI: `aws sagemaker create-domain ... --kms-key-id KEY_ARN`; CloudFormation: `AWS::SageMaker::Domain` `KmsKeyId`), using a key from kmsKeyArns when the rule has it, then move users and their files to it.',
  resourceTypes: ['AWS::SageMaker::Domain'],
  trigger: 'change',
  parameters: {
    kmsKeyArns: param.kmsKeyList('Allowed KMS keys; when unset, any key will do.'),
  },
  // Without KmsKeyId the EFS volume is encrypted with an AWS managed key, which the account cannot control or audit.
  evaluate: ({ configuration }, { kmsKeyArns }) => checkKmsKey('KmsKeyId', configuration.KmsKeyId, kmsKeyArns),
});
