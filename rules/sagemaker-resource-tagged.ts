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
