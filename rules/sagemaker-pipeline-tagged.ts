import { checkTags } from './_core/checks.js';
import { param } from './_core/params.js';
import { defineRule } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-pipeline-tagged',
  description:
    'SageMaker pipelines (listed through the SageMaker API: Config does not record them) carry the requiredTagKeys with non-empty values, or at least one tag not starting with aws:.',
  controls: [],
  // No Security Hub control; Low, as Security Hub rates its tagging controls (SageMaker.6, SageMaker.7).
  severity: 'low',
  rationale:
    "A pipeline tag is what ties its runs, jobs, models and endpoints to one ML pipeline: cost allocation, this pack's scopeTagKey and ownership questions all start from it. An untagged pipeline's resources belong to no one.",
  manualRemediation:
    "Add the tags: `aws sagemaker add-tags --resource-arn PIPELINE_ARN --tags Key=ml-pipeline,Value=NAME`, `Pipeline(...).upsert(role_arn, tags=[...])` in the SageMaker Python SDK, or `Tags` of `AWS::SageMaker::Pipeline` in CloudFormation. Pass the same tags to the steps' estimators and processors so the jobs carry them too.",
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
