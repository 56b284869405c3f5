import { checkKmsKey, MONITORING_JOB_DEFINITION_PREFIXES, MONITORING_JOB_DEFINITION_TYPES } from './_core/checks.js';
import { own } from './_core/own.js';
import { param } from './_core/params.js';
import { compliant, defineRule, nonCompliant } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-monitoring-job-kms-key',
  description:
    'SageMaker Model Monitor job definitions encrypt both the monitoring cluster volume (JobResources.ClusterConfig.VolumeKmsKeyId) and the reports they write (<Type>JobOutputConfig.KmsKeyId) with KMS keys, from kmsKeyArns when given.',
  controls: [],
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
