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
          `NetworkConfig.EnableInterContainerTrafficEncryption is ${value === undefined || value === null ? 'unset (default false)' : shown(value)}`,
        );
  },
});
