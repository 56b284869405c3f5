import { checkTags } from './_core/checks.js';
import { param } from './_core/params.js';
import { defineRule, notApplicable } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-endpoint-tagged',
  description:
    'SageMaker endpoints (listed through the SageMaker API: Config does not record them) carry the requiredTagKeys, or at least one tag.',
  controls: [
    {
      source: 'managed-rule',
      id: 'SAGEMAKER_*_TAGGED',
      note: 'managed rules cover other SageMaker types, not endpoints',
    },
  ],
  resourceTypes: ['AWS::SageMaker::Endpoint'],
  reads: ['tags'],
  trigger: { periodic: 'TwentyFour_Hours' },
  source: 'inventory',
  parameters: {
    requiredTagKeys: param.list({
      description: 'Tag keys that must be present with a non-empty value.',
      form: 'comma-separated tag keys',
    }),
  },
  evaluate: ({ configuration, tags }, { requiredTagKeys }) =>
    configuration.EndpointStatus === 'Deleting'
      ? notApplicable('EndpointStatus is Deleting')
      : checkTags(tags, requiredTagKeys),
});
