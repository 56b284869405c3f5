import { newJobsOnly, trainingJobParameters, trainingJobPreset } from './_core/training-job-preset.js';
import { isTrue, shown } from './_core/checks.js';
import { defineRule, compliant, nonCompliant } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-training-job-network-isolation',
  description:
    'SageMaker training jobs created in the last lookbackDays run with network isolation (EnableNetworkIsolation true): the training container makes no outbound network calls.',
  controls: [{ source: 'prowler', id: 'sagemaker_training_jobs_network_isolation_enabled' }],
  // No Security Hub control; Medium, as Prowler rates sagemaker_training_jobs_network_isolation_enabled and Security Hub the model equivalent (SageMaker.5).
  severity: 'medium',
  rationale:
    'With network isolation the training container has no network access: the algorithm or a dependency cannot send the training data out or pull code in during the run. SageMaker still downloads the input data and uploads the model outside the container.',
  manualRemediation:
    'Set `EnableNetworkIsolation: true` on new jobs: `aws sagemaker create-training-job --enable-network-isolation ...`, or `enable_network_isolation=True` on the SageMaker Python SDK estimator and pipeline training steps. Dependencies must be in the image or the input channels.' +
    ' ' +
    newJobsOnly,
  ...trainingJobPreset,
  parameters: trainingJobParameters,
  evaluate: ({ configuration }) =>
    isTrue(configuration.EnableNetworkIsolation)
      ? compliant()
      : nonCompliant(`EnableNetworkIsolation is ${shown(configuration.EnableNetworkIsolation)}`),
});
