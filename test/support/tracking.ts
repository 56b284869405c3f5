// Describe outputs of the tracked SageMaker types, shaped as the SDK returns them (Dates as Date),
// for the fraud-detection pipeline of account 123456789012, with secrets planted where users put
// them: environment variables, hyperparameters, container arguments, a pipeline parameter's
// default, a tag value, a presigned URL. `PLANTED` lists every planted value: none may appear in
// a recorded configuration.
import type {
  DescribeEndpointCommandOutput,
  DescribeModelPackageCommandOutput,
  DescribeModelPackageGroupCommandOutput,
  DescribePipelineCommandOutput,
  DescribePipelineExecutionCommandOutput,
  DescribeProcessingJobCommandOutput,
  DescribeTrainingJobCommandOutput,
} from '@aws-sdk/client-sagemaker';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/3b9e8f7d-6c5a-4d2e-b1f0-a9c8d7e6f5a4`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/fraud-detection-sagemaker`;
const arn = (kind: string, name: string) => `arn:aws:sagemaker:${REGION}:${ACCOUNT}:${kind}/${name}`;

/** Secrets as users leave them: none of these strings may be recorded. */
export const PLANTED = {
  hfToken: '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',
  dbPassword: 'Fr4ud-Db-Pa55w0rd-2026!',
  wandbKey: 'a3f9c2e81b7d4c60e5f2a9b8c7d6e5f4a3b2c1d0',
  githubToken: 'ghp_R8kLmN2pQ4sT6vX8zA1cE3gI5kM7oQ9sU1wY',
  slackWebhook: 'https://hooks.slack.com/services/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',
  jwt: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJmcmF1ZC1zY29yZXIiLCJpYXQiOjE3NjQ2MDAwMDB9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbi1oZXJl',
  presignedSignature: '5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
  urlPassword: 'mlflow-pa55word-9x',
} as const;

type Out<T> = Omit<T, '$metadata'>;

export function trainingJob(
  name: string,
  status: 'InProgress' | 'Completed' | 'Failed' | 'Stopped',
  overrides: Partial<Out<DescribeTrainingJobCommandOutput>> = {},
): Out<DescribeTrainingJobCommandOutput> {
  const created = new Date('2026-11-30T08:00:00Z');
  return {
    TrainingJobName: name,
    TrainingJobArn: arn('training-job', name),
    TrainingJobStatus: status,
    SecondaryStatus: status === 'InProgress' ? 'Training' : status,
    CreationTime: created,
    TrainingStartTime: new Date('2026-11-30T08:03:12Z'),
    ...(status === 'InProgress' ? {} : { TrainingEndTime: new Date('2026-11-30T09:41:55Z') }),
    LastModifiedTime: status === 'InProgress' ? new Date('2026-11-30T08:03:12Z') : new Date('2026-11-30T09:42:10Z'),
    RoleArn: ROLE,
    AlgorithmSpecification: {
      TrainingImage: `683313688378.dkr.ecr.${REGION}.amazonaws.com/sagemaker-xgboost:1.7-1`,
      TrainingInputMode: 'File',
      ContainerEntrypoint: ['python3', '/opt/ml/code/train.py'],
      ContainerArguments: ['--wandb-key', PLANTED.wandbKey, '--epochs', '40'],
    },
    HyperParameters: { max_depth: '6', eta: '0.2', objective: 'binary:logistic', hf_token: PLANTED.hfToken },
    Environment: {
      DB_PASSWORD: PLANTED.dbPassword,
      MLFLOW_TRACKING_URI: `https://admin:${PLANTED.urlPassword}@mlflow.fraud.internal`,
    },
    InputDataConfig: [
      {
        ChannelName: 'train',
        DataSource: {
          S3DataSource: {
            S3DataType: 'S3Prefix',
            S3Uri: `s3://fraud-detection-data-${ACCOUNT}/train/2026-11-30/`,
            S3DataDistributionType: 'FullyReplicated',
          },
        },
        ContentType: 'text/csv',
      },
    ],
    OutputDataConfig: { S3OutputPath: `s3://fraud-detection-models-${ACCOUNT}/training/`, KmsKeyId: KEY },
    ResourceConfig: { InstanceType: 'ml.m5.2xlarge', InstanceCount: 2, VolumeSizeInGB: 50 },
    VpcConfig: { SecurityGroupIds: ['sg-0a1b2c3d4e5f60718'], Subnets: ['subnet-0f1e2d3c4b5a69788'] },
    StoppingCondition: { MaxRuntimeInSeconds: 86400 },
    EnableNetworkIsolation: true,
    EnableInterContainerTrafficEncryption: true,
    EnableManagedSpotTraining: false,
    ModelArtifacts: { S3ModelArtifacts: `s3://fraud-detection-models-${ACCOUNT}/training/${name}/output/model.tar.gz` },
    ...overrides,
  };
}

export function endpoint(name: string, configName: string, status = 'InService'): Out<DescribeEndpointCommandOutput> {
  return {
    EndpointName: name,
    EndpointArn: arn('endpoint', name),
    EndpointConfigName: configName,
    EndpointStatus: status as never,
    CreationTime: new Date('2026-11-02T10:00:00Z'),
    LastModifiedTime: new Date('2026-11-30T10:15:00Z'),
    ProductionVariants: [
      {
        VariantName: 'AllTraffic',
        CurrentWeight: 1,
        DesiredWeight: 1,
        CurrentInstanceCount: 2,
        DesiredInstanceCount: 2,
        DeployedImages: [
          {
            SpecifiedImage: `683313688378.dkr.ecr.${REGION}.amazonaws.com/sagemaker-xgboost:1.7-1`,
            ResolvedImage: `683313688378.dkr.ecr.${REGION}.amazonaws.com/sagemaker-xgboost@sha256:9f2c4e6b8a1d3f5e7c9b2a4d6f8e1c3b5a7d9f2e4c6b8a1d3f5e7c9b2a4d6f8e`,
            ResolutionTime: new Date('2026-11-30T10:05:00Z'),
          },
        ],
      },
    ],
    DataCaptureConfig: {
      EnableCapture: true,
      CaptureStatus: 'Started',
      CurrentSamplingPercentage: 20,
      DestinationS3Uri: `s3://fraud-detection-capture-${ACCOUNT}/fraud-scorer/`,
      KmsKeyId: KEY,
    },
  };
}

/** A pipeline definition with a training step, a processing step in a Condition branch, and a DbPassword parameter. */
export function pipelineDefinition(padding = 0): string {
  return JSON.stringify({
    Version: '2020-12-01',
    Metadata: padding > 0 ? { Notes: 'x'.repeat(padding) } : {},
    Parameters: [
      { Name: 'TrainingInstanceType', Type: 'String', DefaultValue: 'ml.m5.2xlarge' },
      { Name: 'KmsKey', Type: 'String', DefaultValue: KEY },
      { Name: 'DbPassword', Type: 'String', DefaultValue: PLANTED.dbPassword },
    ],
    Steps: [
      {
        Name: 'TrainFraudModel',
        Type: 'Training',
        Arguments: {
          AlgorithmSpecification: {
            TrainingImage: `683313688378.dkr.ecr.${REGION}.amazonaws.com/sagemaker-xgboost:1.7-1`,
            TrainingInputMode: 'File',
          },
          HyperParameters: { max_depth: '6', hf_token: PLANTED.hfToken },
          OutputDataConfig: {
            S3OutputPath: `s3://fraud-detection-models-${ACCOUNT}/pipeline/`,
            KmsKeyId: { Get: 'Parameters.KmsKey' },
          },
          ResourceConfig: {
            InstanceCount: 1,
            InstanceType: { Get: 'Parameters.TrainingInstanceType' },
            VolumeSizeInGB: 30,
          },
          RoleArn: ROLE,
          StoppingCondition: { MaxRuntimeInSeconds: 86400 },
        },
      },
      {
        Name: 'CheckAUC',
        Type: 'Condition',
        Arguments: {
          Conditions: [{ Type: 'GreaterThanOrEqualTo', LeftValue: 0.9, RightValue: 0.8 }],
          IfSteps: [
            {
              Name: 'EvaluateHoldout',
              Type: 'Processing',
              Arguments: {
                AppSpecification: {
                  ImageUri: `683313688378.dkr.ecr.${REGION}.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3`,
                  ContainerArguments: ['--token', PLANTED.githubToken],
                },
                Environment: { SLACK_WEBHOOK: PLANTED.slackWebhook },
                ProcessingResources: {
                  ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.xlarge', VolumeSizeInGB: 30 },
                },
                ProcessingOutputConfig: {
                  Outputs: [
                    {
                      OutputName: 'evaluation',
                      S3Output: {
                        S3Uri: `s3://fraud-detection-models-${ACCOUNT}/evaluation/`,
                        LocalPath: '/opt/ml/processing/evaluation',
                        S3UploadMode: 'EndOfJob',
                      },
                    },
                  ],
                },
                RoleArn: ROLE,
              },
            },
          ],
          ElseSteps: [],
        },
      },
    ],
  });
}

export function pipeline(name: string, definition = pipelineDefinition()): Out<DescribePipelineCommandOutput> {
  return {
    PipelineName: name,
    PipelineArn: arn('pipeline', name),
    PipelineDisplayName: name,
    PipelineDescription: 'Trains, evaluates and registers the fraud model nightly.',
    PipelineStatus: 'Active',
    RoleArn: ROLE,
    CreationTime: new Date('2026-10-01T12:00:00Z'),
    LastModifiedTime: new Date('2026-11-28T16:20:00Z'),
    LastRunTime: new Date('2026-11-30T02:00:00Z'),
    PipelineDefinition: definition,
  };
}

export function pipelineExecution(pipelineName: string, id: string): Out<DescribePipelineExecutionCommandOutput> {
  return {
    PipelineArn: arn('pipeline', pipelineName),
    PipelineExecutionArn: `${arn('pipeline', pipelineName)}/execution/${id}`,
    PipelineExecutionDisplayName: `execution-${id}`,
    PipelineExecutionStatus: 'Succeeded',
    CreationTime: new Date('2026-11-30T02:00:00Z'),
    LastModifiedTime: new Date('2026-11-30T03:12:00Z'),
    CreatedBy: { IamIdentity: { Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/fraud-detection-scheduler/nightly` } },
  };
}

export function modelPackage(group: string, version: number, approval: string): Out<DescribeModelPackageCommandOutput> {
  return {
    ModelPackageName: group,
    ModelPackageGroupName: group,
    ModelPackageVersion: version,
    ModelPackageArn: arn('model-package', `${group}/${version}`),
    ModelPackageStatus: 'Completed',
    ModelPackageStatusDetails: { ValidationStatuses: [], ImageScanStatuses: [] },
    ModelApprovalStatus: approval as never,
    ApprovalDescription: 'AUC 0.93 on the November holdout',
    CreationTime: new Date('2026-11-30T03:10:00Z'),
    LastModifiedTime: new Date('2026-11-30T15:42:00Z'),
    LastModifiedBy: {
      UserProfileName: 'maria-risk-reviewer',
      DomainId: 'd-3f9a2b7c1e5d',
      IamIdentity: { Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/ml-reviewers/maria` },
    },
    InferenceSpecification: {
      Containers: [
        {
          Image: `683313688378.dkr.ecr.${REGION}.amazonaws.com/sagemaker-xgboost:1.7-1`,
          ModelDataUrl: `s3://fraud-detection-models-${ACCOUNT}/pipeline/model.tar.gz`,
          Environment: { SAGEMAKER_PROGRAM: 'inference.py', HF_TOKEN: PLANTED.hfToken },
        },
      ],
      SupportedContentTypes: ['text/csv'],
      SupportedResponseMIMETypes: ['text/csv'],
    },
    ModelMetrics: {},
    CustomerMetadataProperties: {
      'dataset-version': '2026-11-30',
      'approval-ticket': `Bearer ${PLANTED.jwt}`,
      'report-url': `https://fraud-reports-${ACCOUNT}.s3.amazonaws.com/auc.html?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=${PLANTED.presignedSignature}`,
    },
  };
}

export function modelPackageGroup(group: string): Out<DescribeModelPackageGroupCommandOutput> {
  return {
    ModelPackageGroupName: group,
    ModelPackageGroupArn: arn('model-package-group', group),
    ModelPackageGroupDescription: 'Fraud model versions',
    ModelPackageGroupStatus: 'Completed',
    CreationTime: new Date('2026-10-01T12:00:00Z'),
    CreatedBy: {},
  };
}

export function processingJob(name: string): Out<DescribeProcessingJobCommandOutput> {
  return {
    ProcessingJobName: name,
    ProcessingJobArn: arn('processing-job', name),
    ProcessingJobStatus: 'Completed',
    CreationTime: new Date('2026-11-30T01:00:00Z'),
    ProcessingEndTime: new Date('2026-11-30T01:30:00Z'),
    RoleArn: ROLE,
    AppSpecification: {
      ImageUri: `683313688378.dkr.ecr.${REGION}.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3`,
      ContainerArguments: ['--api-key', PLANTED.wandbKey],
    },
    Environment: { AUTH_HEADER: `Bearer ${PLANTED.jwt}` },
    ProcessingResources: {
      ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.xlarge', VolumeSizeInGB: 30, VolumeKmsKeyId: KEY },
    },
    ProcessingOutputConfig: { KmsKeyId: KEY, Outputs: [] },
    StoppingCondition: { MaxRuntimeInSeconds: 3600 },
  };
}

/** Tags as ListTags returns them, one holding a token. */
export const TAGS = [
  { Key: 'ml-pipeline', Value: 'fraud-detection' },
  { Key: 'cost-center', Value: 'risk-analytics' },
  { Key: 'deploy-token', Value: PLANTED.githubToken },
];
