import { checkVpcSubnets } from './_core/checks.js';
import { defineRule } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-model-in-vpc',
  description: 'SageMaker models run their containers in your VPC (VpcConfig with at least one subnet).',
  controls: [
    { source: 'managed-rule', id: 'SAGEMAKER_MODEL_IN_VPC' },
    { source: 'prowler', id: 'sagemaker_models_vpc_settings_configured' },
  ],
  // No Security Hub control; Medium, as Security Hub rates SageMaker.5 (network isolation of models).
  severity: 'medium',
  rationale:
    "A model with a VpcConfig runs its containers with network interfaces in your subnets, so their traffic to S3, feature stores and other services goes through your security groups, VPC endpoints and flow logs instead of SageMaker's own network with internet access.",
  manualRemediation:
    'Create the model again with `VpcConfig` (`Subnets` and `SecurityGroupIds`): console, Models, Create model, Network; CLI, `aws sagemaker create-model --vpc-config Subnets=subnet-a,subnet-b,SecurityGroupIds=sg-1 ...`; CloudFormation, `AWS::SageMaker::Model` `VpcConfig`. A model cannot be edited, so create a new one, a new endpoint configuration using it, and update the endpoint. The subnets need S3 access (a gateway endpoint) for the artifacts.',
  resourceTypes: ['AWS::SageMaker::Model'],
  trigger: 'change',
  parameters: {},
  evaluate: ({ configuration }) => checkVpcSubnets(configuration.VpcConfig),
});
