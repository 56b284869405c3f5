import { newJobsOnly, trainingJobParameters, trainingJobPreset } from './_core/training-job-preset.js';
import { isTrue, shown } from './_core/checks.js';
import { defineRule, compliant, nonCompliant, notApplicable } from './_core/rule.js';
import type { JsonObject } from './_core/items.js';

/** Instances the job runs on: its instance groups (heterogeneous clusters) or its instance count. */
function instanceCount(resourceConfig: JsonObject): number {
  const groups: JsonObject[] = Array.isArray(resourceConfig.InstanceGroups) ? resourceConfig.InstanceGroups : [];
  if (groups.length > 0) return groups.reduce((sum, g) => sum + (Number(g.InstanceCount) || 0), 0);
  // With InstancePreferences SageMaker picks the count; SelectedInstanceCount says what it picked.
  return Number(resourceConfig.SelectedInstanceCount ?? resourceConfig.InstanceCount) || 0;
}

export default defineRule({
  id: 'sagemaker-training-job-inter-container-encryption',
  description:
    'Distributed SageMaker training jobs created in the last lookbackDays encrypt traffic between their instances (EnableInterContainerTrafficEncryption true). Jobs on one instance in total are NOT_APPLICABLE.',
  controls: [{ source: 'prowler', id: 'sagemaker_training_jobs_intercontainer_encryption_enabled' }],
  // No Security Hub control; Medium, as Prowler rates sagemaker_training_jobs_intercontainer_encryption_enabled and Security Hub its Model Monitor equivalents (SageMaker.9).
  severity: 'medium',
  rationale:
    'Distributed training exchanges gradients, parameters and batches of training data between instances. Without inter-container traffic encryption that traffic crosses the network in the clear; the cost is some training time, which for most jobs is small.',
  manualRemediation:
    'Set `EnableInterContainerTrafficEncryption: true` on new jobs: `aws sagemaker create-training-job --enable-inter-container-traffic-encryption ...`, or `encrypt_inter_container_traffic=True` on the SageMaker Python SDK estimator and pipeline training steps.' +
    ' ' +
    newJobsOnly,
  ...trainingJobPreset,
  parameters: trainingJobParameters,
  evaluate: ({ configuration }) => {
    const resources = configuration.ResourceConfig;
    // Serverless jobs have no ResourceConfig: SageMaker runs their infrastructure. Validated: an
    // object, or unset (null or absent).
    if (!resources) return notApplicable('ResourceConfig is unset (no instances to encrypt between)');
    const instances = instanceCount(resources);
    // One instance has no inter-container traffic to encrypt.
    if (instances <= 1)
      return notApplicable(`ResourceConfig gives ${instances} instance(s) in total: no traffic between instances`);
    return isTrue(configuration.EnableInterContainerTrafficEncryption)
      ? compliant()
      : nonCompliant(
          `EnableInterContainerTrafficEncryption is ${shown(configuration.EnableInterContainerTrafficEncryption)} on ${instances} instances`,
        );
  },
});
