import { checkKmsKey } from './_core/checks.js';
import { param } from './_core/params.js';
import { defineRule } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-training-job-output-kms',
  description:
    'SageMaker training jobs created in the last lookbackDays encrypt their output (model artifacts in S3) with a KMS key (OutputDataConfig.KmsKeyId), from kmsKeyArns when given.',
  controls: [{ source: 'prowler', id: 'sagemaker_training_jobs_volume_and_output_encryption_enabled' }],
  resourceTypes: ['AWS::SageMaker::TrainingJob'],
  trigger: { periodic: 'TwentyFour_Hours' },
  source: 'inventory',
  reportedAs: 'AWS::::Account',
  parameters: {
    kmsKeyArns: param.kmsKeyList('Allowed KMS keys; when unset, any key will do.'),
    lookbackDays: param.lookbackDays(),
  },
  evaluate: ({ configuration }, { kmsKeyArns }) =>
    checkKmsKey('OutputDataConfig.KmsKeyId', configuration.OutputDataConfig?.KmsKeyId, kmsKeyArns),
});
