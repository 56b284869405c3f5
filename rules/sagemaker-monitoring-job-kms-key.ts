import { checkKmsKey, MONITORING_JOB_DEFINITION_PREFIXES, MONITORING_JOB_DEFINITION_TYPES } from './_core/checks.js';
import { own } from './_core/own.js';
import { param } from './_core/params.js';
import { compliant, defineRule, nonCompliant } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-monitoring-job-kms-key',
  description:
    'SageMaker Model Monitor job definitions encrypt both the monitoring cluster volume (JobResources.ClusterConfig.VolumeKmsKeyId) and the reports they write (<Type>JobOutputConfig.KmsKeyId) with KMS keys, from kmsKeyArns when given.',
  controls: [],
  // No Security Hub control; Medium, as Security Hub rates its SageMaker encryption-at-rest controls (SageMaker.17, SageMaker.18).
  severity: 'medium',
  rationale:
    "A monitoring job copies captured production traffic to its cluster's volumes and writes reports, statistics and violations to S3. Both hold production data; customer managed keys put them under the same key policies as the endpoint's own data.",
  manualRemediation:
    "Create the job definition again with `JobResources.ClusterConfig.VolumeKmsKeyId` and the output's `KmsKeyId` (`DataQualityJobOutputConfig`, `ModelQualityJobOutputConfig`, `ModelBiasJobOutputConfig` or `ModelExplainabilityJobOutputConfig`), keys from kmsKeyArns when the rule has them, with the CLI's `create-*-job-definition` or CloudFormation, and point the monitoring schedule at the new definition.",
  resourceTypes: MONITORING_JOB_DEFINITION_TYPES,
  trigger: 'change',
  parameters: {
    kmsKeyArns: param.kmsKeyList('Allowed KMS keys; when unset, any key will do.'),
  },
  evaluate: ({ resourceType, configuration }, { kmsKeyArns }) => {
    // Each type names its output config after itself: DataQualityJobOutputConfig, ModelBiasJobOutputConfig...
    const output = `${own(MONITORING_JOB_DEFINITION_PREFIXES, resourceType)}JobOutputConfig`;
    const verdicts = [
      checkKmsKey(
        'JobResources.ClusterConfig.VolumeKmsKeyId',
        configuration.JobResources?.ClusterConfig?.VolumeKmsKeyId,
        kmsKeyArns,
      ),
      checkKmsKey(`${output}.KmsKeyId`, configuration[output]?.KmsKeyId, kmsKeyArns),
    ];
    const failed = verdicts.filter((v) => v.complianceType !== 'COMPLIANT');
    return failed.length === 0 ? compliant() : nonCompliant(failed.map((v) => v.annotation).join('; '));
  },
});
