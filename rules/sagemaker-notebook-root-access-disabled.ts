import { defineRule, compliant, nonCompliant } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-notebook-root-access-disabled',
  description:
    'SageMaker notebook instances give their users no root access (RootAccess Disabled; absent means the API default, Enabled).',
  controls: [
    { source: 'securityhub', id: 'SageMaker.3' },
    { source: 'managed-rule', id: 'SAGEMAKER_NOTEBOOK_INSTANCE_ROOT_ACCESS_CHECK' },
    { source: 'prowler', id: 'sagemaker_notebook_instance_root_access_disabled' },
  ],
  resourceTypes: ['AWS::SageMaker::NotebookInstance'],
  trigger: 'change',
  parameters: {},
  evaluate: ({ configuration }) =>
    configuration.RootAccess === 'Disabled'
      ? compliant()
      : nonCompliant(`RootAccess is ${configuration.RootAccess ?? 'unset (API default Enabled)'}`),
});
