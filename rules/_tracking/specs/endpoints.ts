// SageMaker endpoints, as DescribeEndpoint returns them, with the ListMonitoringSchedules
// summaries of the schedules that target the endpoint (what the monitoring rule reads, as the
// inventory adapter attaches them). Variants' weights and instance counts are left out: auto
// scaling moves them many times a day, and each recorded change is a billed item.
import { p, type TrackedSpec } from '../schema.js';

const serverless = (name: string) =>
  p.obj(name, { MemorySizeInMB: p.int(), MaxConcurrency: p.int(), ProvisionedConcurrency: p.int() });

export const endpoints: TrackedSpec = {
  resource: 'Endpoint',
  description: 'A SageMaker endpoint, recorded from DescribeEndpoint and ListMonitoringSchedules by ml-config-rules.',
  primaryIdentifier: 'EndpointName',
  documentationUrl: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpoint.html',
  properties: {
    EndpointName: p.string(),
    EndpointArn: p.string(),
    EndpointConfigName: p.string(),
    EndpointStatus: p.read(p.string()),
    FailureReason: p.string(),
    CreationTime: p.time(),
    LastModifiedTime: p.time(),
    ProductionVariants: p.read(
      p.list(
        p.obj('ProductionVariantSummary', {
          VariantName: p.string(),
          CurrentServerlessConfig: serverless('CurrentServerlessConfig'),
          DesiredServerlessConfig: serverless('DesiredServerlessConfig'),
          DeployedImages: p.list(p.obj('DeployedImage', { SpecifiedImage: p.string(), ResolvedImage: p.string() })),
        }),
      ),
    ),
    DataCaptureConfig: p.obj('DataCaptureConfigSummary', {
      EnableCapture: p.bool(),
      CaptureStatus: p.string(),
      CurrentSamplingPercentage: p.int(),
      DestinationS3Uri: p.string(),
      KmsKeyId: p.string(),
    }),
    MonitoringSchedules: p.read(
      p.list(
        p.obj('MonitoringScheduleSummary', {
          MonitoringScheduleName: p.string(),
          MonitoringScheduleArn: p.string(),
          MonitoringScheduleStatus: p.string(),
          MonitoringType: p.string(),
        }),
      ),
    ),
  },
};
