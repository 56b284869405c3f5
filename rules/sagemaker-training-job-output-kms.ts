import { newJobsOnly, trainingJobParameters, trainingJobPreset } from './_core/training-job-preset.js';
import { checkKmsKey } from './_core/checks.js';
import { param } from './_core/params.js';
import { defineRule } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-training-job-output-kms',
  description:
    'SageMaker training jobs created in the last lookbackDays encrypt their output (model artifacts in S3) with a KMS key (OutputDataConfig.KmsKeyId), from kmsKeyArns when given.',
  controls: [{ source: 'prowler', id: 'sagemaker_training_jobs_volume_and_output_encryption_enabled' }],
  // No Security Hub control; Medium, as Prowler rates sagemaker_training_jobs_volume_and_output_encryption_enabled.
  severity: 'medium',
  rationale:
    "A training job's output is the model artifact, written to S3: the distilled value of the training data, and sometimes able to reproduce parts of it. A customer managed key puts reading it under a key policy and CloudTrail, whatever the bucket's default.",
  manualRemediation:
    "Set `OutputDataConfig.KmsKeyId` on new jobs (a key from kmsKeyArns when the rule has it): `aws sagemaker create-training-job --output-data-config S3OutputPath=s3://BUCKET/prefix,KmsKeyId=KEY_ARN ...`, or `output_kms_key=` on the SageMaker Python SDK estimator and pipeline training steps. The job's role needs kms:GenerateDataKey on the key." +
    ' ' +
    newJobsOnly,
  ...trainingJobPreset,
  parameters: {
    kmsKeyArns: param.kmsKeyList('Allowed KMS keys; when unset, any key will do.'),
    ...trainingJobParameters,
  },
  evaluate: ({ configuration }, { kmsKeyArns }) =>
    checkKmsKey('OutputDataConfig.KmsKeyId', configuration.OutputDataConfig?.KmsKeyId, kmsKeyArns),
});
