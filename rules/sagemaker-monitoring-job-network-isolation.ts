import { isTrue, MONITORING_JOB_DEFINITION_TYPES, shown } from './_core/checks.js';
import { compliant, defineRule, nonCompliant } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-monitoring-job-network-isolation',
  description:
    'SageMaker Model Monitor job definitions (data quality, model quality, bias, explainability) run with network isolation (NetworkConfig.EnableNetworkIsolation).',
  controls: [
    { source: 'securityhub', id: 'SageMaker.11' },
    { source: 'securityhub', id: 'SageMaker.12' },
    { source: 'securityhub', id: 'SageMaker.20' },
    { source: 'securityhub', id: 'SageMaker.25' },
    { source: 'managed-rule', id: 'SAGEMAKER_DATA_QUALITY_JOB_ISOLATION' },
    { source: 'managed-rule', id: 'SAGEMAKER_MODEL_BIAS_JOB_ISOLATION' },
    { source: 'managed-rule', id: 'SAGEMAKER_MODEL_EXPLAINABILITY_JOB_NETWORK_ISOLATION' },
    { source: 'managed-rule', id: 'SAGEMAKER_MODEL_QUALITY_JOB_DEFINITION_ISOLATION' },
  ],
  resourceTypes: MONITORING_JOB_DEFINITION_TYPES,
  trigger: 'change',
  parameters: {},
  evaluate: ({ configuration }) => {
    const value = configuration.NetworkConfig?.EnableNetworkIsolation;
    return isTrue(value)
      ? compliant()
      : nonCompliant(
          `NetworkConfig.EnableNetworkIsolation is ${value === undefined || value === null ? 'unset (default false)' : shown(value)}`,
        );
  },
});
