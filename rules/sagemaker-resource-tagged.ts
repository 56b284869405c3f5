import { checkTags, MONITORING_JOB_DEFINITION_TYPES } from './_core/checks.js';
import { param } from './_core/params.js';
import { defineRule } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-resource-tagged',
  description:
    'Taggable SageMaker resources carry the requiredTagKeys with non-empty values, or at least one tag not starting with aws:. Monitoring schedules, which the pack does not record in Config, are listed daily.',
  controls: [
    { source: 'securityhub', id: 'SageMaker.6' },
    { source: 'securityhub', id: 'SageMaker.7' },
    { source: 'managed-rule', id: 'SAGEMAKER_DOMAIN_TAGGED' },
    { source: 'managed-rule', id: 'SAGEMAKER_FEATURE_GROUP_TAGGED' },
    { source: 'managed-rule', id: 'SAGEMAKER_IMAGE_TAGGED' },
    { source: 'managed-rule', id: 'SAGEMAKER_INFERENCEEXPERIMENT_TAGGED' },
  ],
  // Security Hub SageMaker.6 and SageMaker.7: Low.
  severity: 'low',
  rationale:
    "Tags are how an ML platform knows which team, pipeline and cost centre a notebook, model or feature group belongs to: cost allocation, access control by tag (aws:ResourceTag conditions), this pack's scopeTagKey and cleanup of abandoned resources all depend on them.",
  manualRemediation:
    "Add the tags: in the SageMaker console on the resource's page (Tags, Edit), with `aws sagemaker add-tags --resource-arn ARN --tags Key=ml-pipeline,Value=NAME`, or in the `Tags` of the CloudFormation resource. To keep new resources tagged, require the tags in IAM with an `aws:RequestTag` condition on the sagemaker:Create* actions, or with a tag policy in AWS Organizations.",
  resourceTypes: [
    'AWS::SageMaker::NotebookInstance',
    'AWS::SageMaker::EndpointConfig',
    'AWS::SageMaker::Model',
    'AWS::SageMaker::Domain',
    'AWS::SageMaker::UserProfile',
    'AWS::SageMaker::FeatureGroup',
    'AWS::SageMaker::Image',
    'AWS::SageMaker::AppImageConfig',
    'AWS::SageMaker::InferenceExperiment',
    'AWS::SageMaker::MonitoringSchedule',
    ...MONITORING_JOB_DEFINITION_TYPES,
    'AWS::SageMaker::CodeRepository',
    'AWS::SageMaker::Workteam',
    'AWS::SageMaker::MlflowTrackingServer',
  ],
  reads: ['tags'],
  trigger: 'change',
  parameters: {
    requiredTagKeys: param.list({
      description: 'Tag keys that must be present with a non-empty value.',
      form: 'comma-separated tag keys',
    }),
  },
  evaluate: ({ tags }, { requiredTagKeys }) => checkTags(tags, requiredTagKeys),
});
