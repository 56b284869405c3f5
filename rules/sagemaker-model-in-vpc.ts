import { checkVpcSubnets } from './_core/checks.js';
import { defineRule } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-model-in-vpc',
  description: 'SageMaker models run their containers in your VPC (VpcConfig with at least one subnet).',
  controls: [
    { source: 'managed-rule', id: 'SAGEMAKER_MODEL_IN_VPC' },
    { source: 'prowler', id: 'sagemaker_models_vpc_settings_configured' },
  ],
  resourceTypes: ['AWS::SageMaker::Model'],
  trigger: 'change',
  parameters: {},
  evaluate: ({ configuration }) => checkVpcSubnets(configuration.VpcConfig),
});
