import { checkTags } from './_core/checks.js';
import { param } from './_core/params.js';
import { defineRule } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-pipeline-tagged',
  description:
    'SageMaker pipelines (listed through the SageMaker API: Config does not record them) carry the requiredTagKeys with non-empty values, or at least one tag not starting with aws:.',
  controls: [],
  resourceTypes: ['AWS::SageMaker::Pipeline'],
  reads: ['tags'],
  trigger: { periodic: 'TwentyFour_Hours' },
  source: 'inventory',
  parameters: {
    requiredTagKeys: param.list({
      description: 'Tag keys that must be present with a non-empty value.',
      form: 'comma-separated tag keys',
    }),
  },
  evaluate: ({ tags }, { requiredTagKeys }) => checkTags(tags, requiredTagKeys),
});
