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
  // Security Hub SageMaker.3: High.
  severity: 'high',
  rationale:
    "With root access, a notebook user can change the instance's software, read any file on it (other users' work, cached credentials), and undo the controls a lifecycle script set up. Without it, users install packages in their own environments and the instance stays as configured.",
  manualRemediation:
    'Stop the notebook instance, then set `RootAccess` to Disabled (console: the notebook instance, Edit, Root access, Disable; CLI: `aws sagemaker update-notebook-instance --notebook-instance-name NAME --root-access Disabled`; CloudFormation: `RootAccess: Disabled`) and start it again. Lifecycle configuration scripts still run as root, so move any system set-up there.',
  resourceTypes: ['AWS::SageMaker::NotebookInstance'],
  trigger: 'change',
  parameters: {},
  evaluate: ({ configuration }) =>
    configuration.RootAccess === 'Disabled'
      ? compliant()
      : nonCompliant(`RootAccess is ${configuration.RootAccess ?? 'unset (API default Enabled)'}`),
});
