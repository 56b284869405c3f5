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
  // Security Hub SageMaker.11, SageMaker.12, SageMaker.20 and SageMaker.25: Medium.
  severity: 'medium',
  rationale:
    "A monitoring job's container processes production data; with network isolation it cannot call out, so a compromised analysis image or library cannot send that data anywhere. The built-in Model Monitor containers do not need the network.",
  manualRemediation:
    'Create the job definition again with `NetworkConfig.EnableNetworkIsolation: true` (CLI: `aws sagemaker create-model-quality-job-definition --network-config EnableNetworkIsolation=true ...` and its siblings; CloudFormation: `NetworkConfig` of the job definition resource) and point the monitoring schedule at it.',
  resourceTypes: MONITORING_JOB_DEFINITION_TYPES,
  trigger: 'change',
  parameters: {},
  evaluate: ({ configuration }) => {
    const value = configuration.NetworkConfig?.EnableNetworkIsolation;
    return isTrue(value)
      ? compliant()
      : nonCompliant(
          `NetworkConfig.EnableNetworkIsolation is ${value == null ? 'unset (default false)' : shown(value)}`,
        );
  },
});
