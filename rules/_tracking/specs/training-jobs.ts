// SageMaker training jobs, as DescribeTrainingJob returns them. Hyperparameters, environment
// variables and container arguments are the user's own words: names kept, values replaced.
// Fields that move while a job runs (SecondaryStatus, LastModifiedTime, TrainingStartTime, billable
// seconds) are left out: each recorded change is a billed configuration item, and the status with
// its end time is what rules and timelines need (about 3 items a job: created, ended, deleted).
import { p, type TrackedSpec } from '../schema.js';
import { s3Uri, stoppingCondition, vpcConfig } from './shared.js';

export const trainingJobs: TrackedSpec = {
  resource: 'TrainingJob',
  description: 'A SageMaker training job, recorded from DescribeTrainingJob by ml-config-rules.',
  primaryIdentifier: 'TrainingJobName',
  documentationUrl: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeTrainingJob.html',
  properties: {
    TrainingJobName: p.string(),
    TrainingJobArn: p.string(),
    TrainingJobStatus: p.string(),
    FailureReason: p.string(),
    CreationTime: p.time(),
    TrainingEndTime: p.time(),
    RoleArn: p.string(),
    TuningJobArn: p.string(),
    AlgorithmSpecification: p.obj('AlgorithmSpecification', {
      TrainingImage: p.string(),
      AlgorithmName: p.string(),
      TrainingInputMode: p.string(),
      ContainerEntrypoint: p.secretList('Entries replaced by REDACTED: they may carry credentials.'),
      ContainerArguments: p.secretList('Entries replaced by REDACTED: they may carry credentials.'),
    }),
    HyperParameters: p.secretMap('Hyperparameter names; values replaced by REDACTED.'),
    Environment: p.secretMap('Environment variable names; values replaced by REDACTED.'),
    InputDataConfig: p.list(
      p.obj('Channel', {
        ChannelName: p.string(),
        DataSource: p.obj('DataSource', { S3DataSource: s3Uri('S3DataSource') }),
        InputMode: p.string(),
      }),
    ),
    OutputDataConfig: p.read(p.obj('OutputDataConfig', { KmsKeyId: p.string(), S3OutputPath: p.string() })),
    ModelArtifacts: p.obj('ModelArtifacts', { S3ModelArtifacts: p.string() }),
    ResourceConfig: p.read(
      p.obj('ResourceConfig', {
        InstanceType: p.string(),
        InstanceCount: p.int(),
        SelectedInstanceCount: p.int(),
        VolumeSizeInGB: p.int(),
        VolumeKmsKeyId: p.string(),
        KeepAlivePeriodInSeconds: p.int(),
        InstanceGroups: p.list(
          p.obj('InstanceGroup', { InstanceGroupName: p.string(), InstanceType: p.string(), InstanceCount: p.int() }),
        ),
      }),
    ),
    VpcConfig: p.read(vpcConfig),
    StoppingCondition: stoppingCondition,
    EnableNetworkIsolation: p.read(p.bool()),
    EnableInterContainerTrafficEncryption: p.read(p.bool()),
    EnableManagedSpotTraining: p.bool(),
  },
};
