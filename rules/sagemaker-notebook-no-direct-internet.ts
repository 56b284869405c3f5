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
  // Security Hub SageMaker.1: High.
  severity: 'high',
  rationale:
    "With direct internet access, a notebook instance gets a network interface with internet access outside your VPC: anyone who can run code in the notebook can send training data anywhere, and malicious packages can be fetched without passing your proxy or firewall. Disabled, all traffic goes through your VPC's controls.",
  manualRemediation:
    'DirectInternetAccess is set at creation: create the notebook instance again in a VPC subnet with `DirectInternetAccess: Disabled` (console: Create notebook instance, Network, Direct internet access, Disable; CLI: `aws sagemaker create-notebook-instance --subnet-id SUBNET --security-group-ids SG --direct-internet-access Disabled ...`; CloudFormation: `DirectInternetAccess: Disabled`). The subnet needs VPC endpoints or a NAT gateway for what the notebook must reach (SageMaker API, S3, package mirrors).',
  resourceTypes: ['AWS::SageMaker::NotebookInstance'],
  trigger: 'change',
  parameters: {},
  evaluate: ({ configuration }) =>
    configuration.DirectInternetAccess === 'Disabled'
      ? compliant()
      : nonCompliant(`DirectInternetAccess is ${configuration.DirectInternetAccess ?? 'unset (API default Enabled)'}`),
});
