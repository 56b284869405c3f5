import { newJobsOnly, trainingJobParameters, trainingJobPreset } from './_core/training-job-preset.js';
import { checkVpcSubnets } from './_core/checks.js';
import { defineRule } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-training-job-in-vpc',
  description:
    'SageMaker training jobs created in the last lookbackDays run in your VPC (VpcConfig with at least one subnet).',
  controls: [{ source: 'prowler', id: 'sagemaker_training_jobs_vpc_settings_configured' }],
  // No Security Hub control; Medium, as Prowler rates sagemaker_training_jobs_vpc_settings_configured.
  severity: 'medium',
  rationale:
    "A training job without a VpcConfig runs in SageMaker's network with internet access: the training script, and every package it installs, can reach anywhere while it holds the training data. In your VPC, its traffic goes through your security groups, VPC endpoints and flow logs.",
  manualRemediation:
    'Give the job a `VpcConfig` (`Subnets`, `SecurityGroupIds`): `aws sagemaker create-training-job --vpc-config Subnets=subnet-a,SecurityGroupIds=sg-1 ...`, or `subnets=` and `security_group_ids=` on the SageMaker Python SDK estimator (and on pipeline training steps). The subnets need an S3 gateway endpoint for the data.' +
    ' ' +
    newJobsOnly,
  ...trainingJobPreset,
  parameters: trainingJobParameters,
  evaluate: ({ configuration }) => checkVpcSubnets(configuration.VpcConfig),
});
