import { isTrue, shown } from './_core/checks.js';
import { param } from './_core/params.js';
import { defineRule, compliant, nonCompliant } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-training-job-network-isolation',
  description:
    'SageMaker training jobs created in the last lookbackDays run with network isolation (EnableNetworkIsolation true): the training container makes no outbound network calls.',
  controls: [{ source: 'prowler', id: 'sagemaker_training_jobs_network_isolation_enabled' }],
  resourceTypes: ['AWS::SageMaker::TrainingJob'],
  trigger: { periodic: 'TwentyFour_Hours' },
  source: 'inventory',
  reportedAs: 'AWS::::Account',
  parameters: {
    lookbackDays: param.lookbackDays(),
  },
  evaluate: ({ configuration }) =>
    isTrue(configuration.EnableNetworkIsolation)
      ? compliant()
      : nonCompliant(`EnableNetworkIsolation is ${shown(configuration.EnableNetworkIsolation)}`),
});
