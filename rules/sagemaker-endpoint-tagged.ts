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
  // No Security Hub control; Low, as Security Hub rates its tagging controls (SageMaker.6, SageMaker.7).
  severity: 'low',
  rationale:
    "Tags say which team, pipeline and cost centre an endpoint belongs to. Endpoints run around the clock and are often the largest ML cost; untagged ones cannot be charged back, scoped by this pack's scopeTagKey, or found when their model must be withdrawn.",
  manualRemediation:
    "Add the tags: in the console (Endpoints, the endpoint, Tags, Manage tags), with `aws sagemaker add-tags --resource-arn ENDPOINT_ARN --tags Key=ml-pipeline,Value=PIPELINE`, or in CloudFormation (`Tags` of `AWS::SageMaker::Endpoint`). The SageMaker Python SDK's `deploy()` and pipelines' model steps take tags too, so new endpoints start tagged.",
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
