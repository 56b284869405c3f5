import { isTrue, MONITORING_JOB_DEFINITION_TYPES, shown } from './_core/checks.js';
import { compliant, defineRule, nonCompliant } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-monitoring-job-encrypt-in-transit',
  description:
    'SageMaker Model Monitor job definitions (data quality, model quality, bias, explainability) encrypt inter-container traffic (NetworkConfig.EnableInterContainerTrafficEncryption), whatever their instance count.',
  controls: [
    { source: 'securityhub', id: 'SageMaker.9' },
    { source: 'securityhub', id: 'SageMaker.10' },
    { source: 'securityhub', id: 'SageMaker.13' },
    { source: 'securityhub', id: 'SageMaker.15' },
    { source: 'managed-rule', id: 'SAGEMAKER_DATA_QUALITY_JOB_ENCRYPT_IN_TRANSIT' },
    { source: 'managed-rule', id: 'SAGEMAKER_MODEL_BIAS_JOB_ENCRYPT_IN_TRANSIT' },
    { source: 'managed-rule', id: 'SAGEMAKER_MODEL_EXPLAINABILITY_JOB_ENCRYPT_IN_TRANSIT' },
  ],
  // Security Hub SageMaker.9, SageMaker.10, SageMaker.13 and SageMaker.15: Medium.
  severity: 'medium',
  rationale:
    'Monitoring jobs read captured production requests and responses, often personal data. When a job runs on more than one instance, that data moves between containers; inter-container traffic encryption protects it, and setting it on every definition keeps a later scale-out from sending it in the clear.',
  manualRemediation:
    'Job definitions cannot be edited: create a new one with `NetworkConfig.EnableInterContainerTrafficEncryption: true` (CLI: `aws sagemaker create-data-quality-job-definition --network-config EnableInterContainerTrafficEncryption=true ...`, and the model-quality, model-bias and model-explainability equivalents; CloudFormation: `NetworkConfig` of `AWS::SageMaker::DataQualityJobDefinition` and its siblings), then point the monitoring schedule at it.',
  resourceTypes: MONITORING_JOB_DEFINITION_TYPES,
  trigger: 'change',
  parameters: {},
  // A one-instance definition is checked too: the flag is immutable, so a definition scaled out later
  // would move data in the clear.
  evaluate: ({ configuration }) => {
    const value = configuration.NetworkConfig?.EnableInterContainerTrafficEncryption;
    return isTrue(value)
      ? compliant()
      : nonCompliant(
          `NetworkConfig.EnableInterContainerTrafficEncryption is ${value == null ? 'unset (default false)' : shown(value)}`,
        );
  },
});
