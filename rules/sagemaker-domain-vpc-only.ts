import { defineRule, compliant, nonCompliant } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-domain-vpc-only',
  description:
    'SageMaker domains send Studio traffic through the customer VPC only (AppNetworkAccessType VpcOnly; absent means the API default, PublicInternetOnly).',
  controls: [{ source: 'managed-rule', id: 'SAGEMAKER_DOMAIN_IN_VPC' }],
  resourceTypes: ['AWS::SageMaker::Domain'],
  trigger: 'change',
  parameters: {},
  evaluate: ({ configuration }) =>
    configuration.AppNetworkAccessType === 'VpcOnly'
      ? compliant()
      : nonCompliant(
          `AppNetworkAccessType is ${configuration.AppNetworkAccessType ?? 'unset (API default PublicInternetOnly)'}`,
        ),
});
