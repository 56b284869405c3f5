import { parsePipelineDefinition, resolveValue, stepKeyFields, walkSteps } from './_core/pipeline-steps.js';
import { compliant, defineRule, nonCompliant, notApplicable } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-pipeline-steps-encrypted',
  description:
    'Every Training, Processing, Transform and Tuning step of a SageMaker pipeline, in Condition branches too, sets volume and output KMS keys (a processing step without outputs needs none); a pipeline parameter counts when its default is non-empty.',
  controls: [],
  // No Security Hub control; Medium, as Security Hub rates its SageMaker encryption-at-rest controls (SageMaker.17, SageMaker.18).
  severity: 'medium',
  rationale:
    'Each run of a pipeline starts training, processing, transform and tuning jobs that write training data to instance volumes and models and outputs to S3. A step without KMS keys writes them with default keys on every run; the definition is the one place to fix that for all runs.',
  manualRemediation:
    "Set the keys in the step named in the annotation: `ResourceConfig.VolumeKmsKeyId` and `OutputDataConfig.KmsKeyId` for training and tuning, `ProcessingResources.ClusterConfig.VolumeKmsKeyId` and `ProcessingOutputConfig.KmsKeyId` for processing, `TransformResources.VolumeKmsKeyId` and `TransformOutput.KmsKeyId` for transform. In the SageMaker Python SDK these are the estimator's or processor's `volume_kms_key` and `output_kms_key`; a pipeline parameter used for them needs a non-empty default. Then upsert the pipeline (`pipeline.upsert()` or `aws sagemaker update-pipeline`).",
  resourceTypes: ['AWS::SageMaker::Pipeline'],
  trigger: { periodic: 'TwentyFour_Hours' },
  source: 'inventory',
  parameters: {},
  evaluate: ({ configuration }) => {
    const parsed = parsePipelineDefinition(configuration.PipelineDefinition);
    if ('error' in parsed) return nonCompliant(`PipelineDefinition cannot be parsed: it ${parsed.error}`);
    const { Parameters, Steps } = parsed.definition;
    const jobSteps = walkSteps(Steps).flatMap((step) => {
      const fields = stepKeyFields(step);
      return fields ? [{ step, fields }] : [];
    });
    if (jobSteps.length === 0) return notApplicable('no Training, Processing, Transform or Tuning step');
    const failures: string[] = [];
    for (const { step, fields } of jobSteps) {
      for (const [field, value] of fields) {
        const resolved = value == null ? { unresolved: 'is not set' } : resolveValue(value, Parameters);
        const problem = 'unresolved' in resolved ? resolved.unresolved : resolved.value === '' ? 'is empty' : undefined;
        const where = step.within ? `, in ${step.within}` : '';
        if (problem) failures.push(`step ${step.name} (${step.type}${where}): ${field} ${problem}`);
      }
    }
    if (failures.length === 0) return compliant();
    return nonCompliant(failures.length === 1 ? failures[0]! : `${failures[0]} (and ${failures.length - 1} more)`);
  },
});
