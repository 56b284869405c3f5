import { param } from './_core/params.js';
import { defineRule, compliant, nonCompliant } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-notebook-in-vpc',
  description: 'SageMaker notebook instances run in a customer VPC (SubnetId set), in one of subnetIds when given.',
  controls: [
    { source: 'securityhub', id: 'SageMaker.2' },
    { source: 'managed-rule', id: 'SAGEMAKER_NOTEBOOK_INSTANCE_INSIDE_VPC' },
    { source: 'prowler', id: 'sagemaker_notebook_instance_vpc_settings_configured' },
    { source: 'cdk-nag', id: 'AwsSolutions-SM1' },
  ],
  // Security Hub SageMaker.2: High.
  severity: 'high',
  rationale:
    "A notebook instance without a subnet runs in SageMaker's service VPC with direct internet access, outside your security groups, VPC endpoints and flow logs. Placed in your VPC (in an approved subnet), its traffic to data and to the internet goes through the controls you set.",
  manualRemediation:
    'The subnet is chosen at creation: create the notebook instance again with `SubnetId` and `SecurityGroupIds` (console: Notebook instances, Create, Network, VPC and subnet; CLI: `aws sagemaker create-notebook-instance --subnet-id SUBNET --security-group-ids SG ...`; CloudFormation: `AWS::SageMaker::NotebookInstance` `SubnetId`), in one of subnetIds when the rule has it, and move its files (a Git repository or S3 copy).',
  resourceTypes: ['AWS::SageMaker::NotebookInstance'],
  trigger: 'change',
  parameters: {
    subnetIds: param.list({
      description: 'Subnets notebook instances may run in; when unset, any subnet will do.',
      form: 'comma-separated subnet ids',
      item: /^subnet-[0-9a-f]+$/,
    }),
  },
  evaluate: ({ configuration }, { subnetIds }) => {
    const subnet = configuration.SubnetId;
    // Without a subnet the instance runs in the SageMaker service VPC, outside the account's network controls.
    if (typeof subnet !== 'string' || subnet === '')
      return nonCompliant('SubnetId is not set (the notebook runs in the SageMaker service VPC)');
    if (subnetIds && !subnetIds.includes(subnet)) return nonCompliant(`SubnetId ${subnet} is not in subnetIds`);
    return compliant();
  },
});
