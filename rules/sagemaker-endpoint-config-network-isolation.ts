import { allVariantsServerless, isTrue, shown } from './_core/checks.js';
import { defineRule, compliant, nonCompliant, notApplicable } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-endpoint-config-network-isolation',
  description:
    'SageMaker endpoint configurations run their containers with network isolation (EnableNetworkIsolation true; absent means the API default, false). All variants serverless (no network isolation there) → NOT_APPLICABLE.',
  // AWS's SageMaker conformance pack carried this as a Guard rule, not as a managed rule or Security Hub control.
  controls: [],
  // No Security Hub control; Medium, as Security Hub rates SageMaker.5 (network isolation of models).
  severity: 'medium',
  rationale:
    'With network isolation the model container has no network access at all: a compromised or malicious container image, or a model that deserialises untrusted input, cannot call out to exfiltrate data or fetch a payload. Inference containers rarely need the network once the model is loaded.',
  manualRemediation:
    'Set `EnableNetworkIsolation: true` on a new endpoint configuration (CLI: `aws sagemaker create-endpoint-config --enable-network-isolation ...`; CloudFormation: `AWS::SageMaker::EndpointConfig` `EnableNetworkIsolation: true`) and move the endpoint to it with `aws sagemaker update-endpoint`. Also set it on the model (`EnableNetworkIsolation` of `AWS::SageMaker::Model`). A container that downloads anything at start-up must get it from the model artifacts instead.',
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
