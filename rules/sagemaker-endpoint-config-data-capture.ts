import { allVariantsServerless } from './_core/checks.js';
import { param } from './_core/params.js';
import { defineRule, compliant, nonCompliant, notApplicable } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-endpoint-config-data-capture',
  description:
    'SageMaker endpoint configurations capture inference data (DataCaptureConfig enabled, sampling at least minSamplingPercentage).',
  controls: [{ source: 'conformance-pack', id: 'SageMaker', note: 'endpoint data capture, dropped by AWS' }],
  // No Security Hub control (AWS dropped the data-capture check from its SageMaker conformance pack); Low, as an observability control.
  severity: 'low',
  rationale:
    'Captured requests and responses are what Model Monitor compares with the training baseline to detect data and model drift, and what an investigation of a bad prediction needs. An endpoint without data capture serves a model no one can check after the fact.',
  manualRemediation:
    'Data capture is part of the endpoint configuration, which cannot be edited: create a new configuration with `DataCaptureConfig` (`EnableCapture: true`, `InitialSamplingPercentage` at least minSamplingPercentage, `DestinationS3Uri`, `CaptureOptions` Input and Output), in the console (Endpoint configurations, Create, Enable data capture), with `aws sagemaker create-endpoint-config --data-capture-config ...` or in CloudFormation (`AWS::SageMaker::EndpointConfig` `DataCaptureConfig`), then point the endpoint at it with `aws sagemaker update-endpoint`.',
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
    // The item's schema (rules/_core/schemas) lets through only an object or null here.
    if (!capture) return nonCompliant('DataCaptureConfig is not set');
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
