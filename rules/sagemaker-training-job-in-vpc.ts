import { checkVpcSubnets } from './_core/checks.js';
import { param } from './_core/params.js';
import { defineRule } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-training-job-in-vpc',
  description:
    'SageMaker training jobs created in the last lookbackDays run in your VPC (VpcConfig with at least one subnet).',
  controls: [{ source: 'prowler', id: 'sagemaker_training_jobs_vpc_settings_configured' }],
  resourceTypes: ['AWS::SageMaker::TrainingJob'],
  trigger: { periodic: 'TwentyFour_Hours' },
  source: 'inventory',
  reportedAs: 'AWS::::Account',
  parameters: {
    lookbackDays: param.lookbackDays(),
  },
  evaluate: ({ configuration }) => checkVpcSubnets(configuration.VpcConfig),
});
