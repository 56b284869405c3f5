import { newJobsOnly, trainingJobParameters, trainingJobPreset } from './_core/training-job-preset.js';
import { checkKmsKey } from './_core/checks.js';
import { param } from './_core/params.js';
import { defineRule } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-training-job-volume-kms',
  description:
    'SageMaker training jobs created in the last lookbackDays encrypt their ML storage volume with a KMS key (ResourceConfig.VolumeKmsKeyId).',
  controls: [{ source: 'prowler', id: 'sagemaker_training_jobs_volume_and_output_encryption_enabled' }],
  // No Security Hub control; Medium, as Prowler rates sagemaker_training_jobs_volume_and_output_encryption_enabled.
  severity: 'medium',
  rationale:
    'The ML storage volumes of a training job hold the downloaded training data and checkpoints for the length of the run. A customer managed key puts them under a key policy you control and logs every use.',
  manualRemediation:
    'Set `ResourceConfig.VolumeKmsKeyId` on new jobs (a key from kmsKeyArns when the rule has it): `aws sagemaker create-training-job --resource-config InstanceType=ml.m5.xlarge,InstanceCount=1,VolumeSizeInGB=50,VolumeKmsKeyId=KEY_ARN ...`, or `volume_kms_key=` on the SageMaker Python SDK estimator and pipeline training steps. Instance types with NVMe instance storage do not take a key.' +
    ' ' +
    newJobsOnly,
  ...trainingJobPreset,
  parameters: {
    kmsKeyArns: param.kmsKeyList('Allowed KMS keys; when unset, any key will do.'),
    ...trainingJobParameters,
  },
  evaluate: ({ configuration }, { kmsKeyArns }) =>
    checkKmsKey('ResourceConfig.VolumeKmsKeyId', configuration.ResourceConfig?.VolumeKmsKeyId, kmsKeyArns),
});
