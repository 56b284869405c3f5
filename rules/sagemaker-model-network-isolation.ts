import { isTrue, shown } from './_core/checks.js';
import { defineRule, compliant, nonCompliant } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-model-network-isolation',
  description: 'SageMaker models run their containers with network isolation (EnableNetworkIsolation true).',
  controls: [
    { source: 'securityhub', id: 'SageMaker.5' },
    { source: 'managed-rule', id: 'SAGEMAKER_MODEL_ISOLATION_ENABLED' },
    { source: 'prowler', id: 'sagemaker_models_network_isolation_enabled' },
  ],
  // Security Hub SageMaker.5: Medium.
  severity: 'medium',
  rationale:
    "With network isolation the model's containers cannot make any outbound network call, even with a VpcConfig. A container image pulled from a third party, or model code that deserialises untrusted input, then has no way to exfiltrate data or download a second stage.",
  manualRemediation:
    'Create the model again with `EnableNetworkIsolation: true` (CLI: `aws sagemaker create-model --enable-network-isolation ...`; CloudFormation: `AWS::SageMaker::Model` `EnableNetworkIsolation: true`; SageMaker Python SDK: `Model(..., enable_network_isolation=True)`), then a new endpoint configuration and `aws sagemaker update-endpoint`. Everything the container needs must be in the image or the model artifacts.',
  resourceTypes: ['AWS::SageMaker::Model'],
  trigger: 'change',
  parameters: {},
  evaluate: ({ configuration }) =>
    isTrue(configuration.EnableNetworkIsolation)
      ? compliant()
      : nonCompliant(`EnableNetworkIsolation is ${shown(configuration.EnableNetworkIsolation)}`),
});
