// SageMaker processing jobs, as DescribeProcessingJob returns them (without the fields that move
// while a job runs, as for training jobs: each recorded change is a billed item).
import { p, type TrackedSpec } from '../schema.js';
import { stoppingCondition, vpcConfig } from './shared.js';

export const processingJobs: TrackedSpec = {
  resource: 'ProcessingJob',
  description: 'A SageMaker processing job, recorded from DescribeProcessingJob by ml-config-rules.',
  primaryIdentifier: 'ProcessingJobName',
  documentationUrl: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeProcessingJob.html',
  properties: {
    ProcessingJobName: p.string(),
    ProcessingJobArn: p.string(),
    ProcessingJobStatus: p.string(),
    ExitMessage: p.string(),
    FailureReason: p.string(),
    CreationTime: p.time(),
    ProcessingEndTime: p.time(),
    RoleArn: p.string(),
    AppSpecification: p.obj('AppSpecification', {
      ImageUri: p.string(),
      ContainerEntrypoint: p.secretList('Entries replaced by REDACTED: they may carry credentials.'),
      ContainerArguments: p.secretList('Entries replaced by REDACTED: they may carry credentials.'),
    }),
    Environment: p.secretMap('Environment variable names; values replaced by REDACTED.'),
    ProcessingInputs: p.list(
      p.obj('ProcessingInput', {
        InputName: p.string(),
        S3Input: p.obj('ProcessingS3Input', { S3Uri: p.string(), LocalPath: p.string() }),
      }),
    ),
    ProcessingOutputConfig: p.obj('ProcessingOutputConfig', {
      KmsKeyId: p.string(),
      Outputs: p.list(
        p.obj('ProcessingOutput', {
          OutputName: p.string(),
          S3Output: p.obj('ProcessingS3Output', { S3Uri: p.string(), S3UploadMode: p.string() }),
        }),
      ),
    }),
    ProcessingResources: p.obj('ProcessingResources', {
      ClusterConfig: p.obj('ProcessingClusterConfig', {
        InstanceCount: p.int(),
        InstanceType: p.string(),
        VolumeSizeInGB: p.int(),
        VolumeKmsKeyId: p.string(),
      }),
    }),
    NetworkConfig: p.obj('NetworkConfig', {
      EnableInterContainerTrafficEncryption: p.bool(),
      EnableNetworkIsolation: p.bool(),
      VpcConfig: vpcConfig,
    }),
    StoppingCondition: stoppingCondition,
    TrainingJobArn: p.string(),
    MonitoringScheduleArn: p.string(),
  },
};
