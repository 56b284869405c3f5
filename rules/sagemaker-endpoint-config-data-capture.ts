import { allVariantsServerless } from './_core/checks.js';
import { param } from './_core/params.js';
import { defineRule, compliant, nonCompliant, notApplicable } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-endpoint-config-data-capture',
  description:
    'SageMaker endpoint configurations capture inference data (DataCaptureConfig enabled, sampling at least minSamplingPercentage).',
  controls: [{ source: 'conformance-pack', id: 'SageMaker', note: 'endpoint data capture, dropped by AWS' }],
  resourceTypes: ['AWS::SageMaker::EndpointConfig'],
  trigger: 'change',
  parameters: {
    minSamplingPercentage: param.int({
      description: 'Lowest accepted InitialSamplingPercentage.',
      default: 1,
      min: 0,
      max: 100,
    }),
  },
  evaluate: ({ configuration }, { minSamplingPercentage }) => {
    // Serverless endpoints do not support data capture.
    if (allVariantsServerless(configuration)) return notApplicable('every production variant is serverless');
    const capture = configuration.DataCaptureConfig;
    if (!capture || typeof capture !== 'object') return nonCompliant('DataCaptureConfig is not set');
    if (capture.EnableCapture === false || capture.EnableCapture === 'false')
      return nonCompliant('DataCaptureConfig.EnableCapture is false');
    // SageMaker requires a destination; an item without one captures nothing anywhere.
    if (!capture.DestinationS3Uri) return nonCompliant('DataCaptureConfig.DestinationS3Uri is not set');
    const pct = capture.InitialSamplingPercentage;
    if (pct != null && Number(pct) < minSamplingPercentage) {
      return nonCompliant(
        `DataCaptureConfig.InitialSamplingPercentage is ${pct}, below minSamplingPercentage ${minSamplingPercentage}`,
      );
    }
    return compliant();
  },
});
