import { defineRule, compliant, nonCompliant } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-notebook-no-direct-internet',
  description:
    'SageMaker notebook instances have direct internet access disabled (absent means the API default, Enabled).',
  controls: [
    { source: 'securityhub', id: 'SageMaker.1' },
    { source: 'managed-rule', id: 'SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS' },
    { source: 'prowler', id: 'sagemaker_notebook_instance_without_direct_internet_access_configured' },
    { source: 'cdk-nag', id: 'AwsSolutions-SM3' },
  ],
  resourceTypes: ['AWS::SageMaker::NotebookInstance'],
  trigger: 'change',
  parameters: {},
  evaluate: ({ configuration }) =>
    configuration.DirectInternetAccess === 'Disabled'
      ? compliant()
      : nonCompliant(`DirectInternetAccess is ${configuration.DirectInternetAccess ?? 'unset (API default Enabled)'}`),
});
