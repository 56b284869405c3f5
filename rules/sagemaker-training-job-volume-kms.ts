import { checkKmsKey } from './_core/checks.js';
import { param } from './_core/params.js';
import { defineRule } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-training-job-volume-kms',
  description:
    'SageMaker training jobs created in the last lookbackDays encrypt their ML storage volume with a KMS key (ResourceConfig.VolumeKmsKeyId).',
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
    checkKmsKey('ResourceConfig.VolumeKmsKeyId', configuration.ResourceConfig?.VolumeKmsKeyId, kmsKeyArns),
});
