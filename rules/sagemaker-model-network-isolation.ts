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
  resourceTypes: ['AWS::SageMaker::Model'],
  trigger: 'change',
  parameters: {},
  evaluate: ({ configuration }) =>
    isTrue(configuration.EnableNetworkIsolation)
      ? compliant()
      : nonCompliant(`EnableNetworkIsolation is ${shown(configuration.EnableNetworkIsolation)}`),
});
