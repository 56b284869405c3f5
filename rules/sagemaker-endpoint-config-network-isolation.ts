import { allVariantsServerless, isTrue, shown } from './_core/checks.js';
import { defineRule, compliant, nonCompliant, notApplicable } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-endpoint-config-network-isolation',
  description:
    'SageMaker endpoint configurations run their containers with network isolation (EnableNetworkIsolation true; absent means the API default, false). All variants serverless (no network isolation there) → NOT_APPLICABLE.',
  // AWS's SageMaker conformance pack carried this as a Guard rule, not as a managed rule or Security Hub control.
  controls: [],
  resourceTypes: ['AWS::SageMaker::EndpointConfig'],
  trigger: 'change',
  parameters: {},
  evaluate: ({ configuration }) => {
    // Serverless Inference does not support network isolation: nothing to fix there.
    if (allVariantsServerless(configuration)) return notApplicable('every production variant is serverless');
    const value = configuration.EnableNetworkIsolation;
    return isTrue(value)
      ? compliant()
      : nonCompliant(`EnableNetworkIsolation is ${value == null ? 'unset (API default false)' : shown(value)}`);
  },
});
