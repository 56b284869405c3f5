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
