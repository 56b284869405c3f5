// The fraud-detection pipeline's tracked resources, created in the emulator through the SDK for the
// tracking end-to-end test: a training job with secrets planted where users leave them (a
// hyperparameter, environment variables, a container argument, a tag), and an endpoint whose
// configuration is encrypted with a KMS key, beside a second configuration that is not.
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  CreateTrainingJobCommand,
  DeleteEndpointCommand,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { ACCOUNT, PLANTED, REGION } from './tracking.js';

export const KMS_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/3b9e8f7d-6c5a-4d2e-b1f0-a9c8d7e6f5a4`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/fraud-detection-sagemaker`;
const IMAGE = `683313688378.dkr.ecr.${REGION}.amazonaws.com/sagemaker-xgboost:1.7-1`;

export const TRACKED = {
  trainingJob: 'fraud-train-2026-12-02',
  model: 'fraud-xgb-v7',
  endpoint: 'fraud-scorer',
  /** With KmsKeyId. */
  encryptedConfig: 'fraud-scorer-config-v7',
  /** Without KmsKeyId: what the endpoint is updated to. */
  plainConfig: 'fraud-scorer-config-v8',
};

export const arnOf = (kind: string, name: string) => `arn:aws:sagemaker:${REGION}:${ACCOUNT}:${kind}/${name}`;

/** The secrets planted in the seeded resources: none may reach Config. */
export const SEEDED_SECRETS = {
  hfToken: PLANTED.hfToken,
  dbPassword: PLANTED.dbPassword,
  urlPassword: PLANTED.urlPassword,
  wandbKey: PLANTED.wandbKey,
  githubToken: PLANTED.githubToken,
};

export const ENDPOINT_TAGS = [
  { Key: 'ml-pipeline', Value: 'fraud-detection' },
  { Key: 'team', Value: 'risk-ml' },
];

/**
 * The training job runs in a VPC with network isolation and an encrypted output, but its ML storage
 * volume has no KMS key: two training-job rules find it COMPLIANT, the volume rule NON_COMPLIANT.
 */
export async function seedTrainingJob(sagemaker: SageMakerClient) {
  await sagemaker.send(
    new CreateTrainingJobCommand({
      TrainingJobName: TRACKED.trainingJob,
      RoleArn: ROLE,
      AlgorithmSpecification: {
        TrainingImage: IMAGE,
        TrainingInputMode: 'File',
        ContainerEntrypoint: ['python3', '/opt/ml/code/train.py'],
        ContainerArguments: ['--wandb-key', PLANTED.wandbKey, '--epochs', '40'],
      },
      HyperParameters: { max_depth: '6', eta: '0.2', hf_token: PLANTED.hfToken },
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
              S3Uri: `s3://fraud-detection-data-${ACCOUNT}/train/2026-12-02/`,
              S3DataDistributionType: 'FullyReplicated',
            },
          },
          ContentType: 'text/csv',
        },
      ],
      OutputDataConfig: { S3OutputPath: `s3://fraud-detection-models-${ACCOUNT}/training/`, KmsKeyId: KMS_KEY },
      ResourceConfig: { InstanceType: 'ml.m5.2xlarge', InstanceCount: 2, VolumeSizeInGB: 50 },
      VpcConfig: { SecurityGroupIds: ['sg-0a1b2c3d4e5f60718'], Subnets: ['subnet-0f1e2d3c4b5a69788'] },
      EnableNetworkIsolation: true,
      StoppingCondition: { MaxRuntimeInSeconds: 86_400 },
      Tags: [
        { Key: 'ml-pipeline', Value: 'fraud-detection' },
        { Key: 'deploy-token', Value: PLANTED.githubToken },
      ],
    }),
  );
}

/** A model, its two endpoint configurations, and the endpoint on the encrypted one. */
export async function seedEndpoint(sagemaker: SageMakerClient) {
  await sagemaker.send(
    new CreateModelCommand({
      ModelName: TRACKED.model,
      ExecutionRoleArn: ROLE,
      PrimaryContainer: { Image: IMAGE, ModelDataUrl: `s3://fraud-detection-models-${ACCOUNT}/v7/model.tar.gz` },
    }),
  );
  const variant = { VariantName: 'AllTraffic', ModelName: TRACKED.model, InstanceType: 'ml.m5.xlarge' as const };
  await sagemaker.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: TRACKED.encryptedConfig,
      KmsKeyId: KMS_KEY,
      ProductionVariants: [{ ...variant, InitialInstanceCount: 2 }],
      Tags: ENDPOINT_TAGS,
    }),
  );
  await sagemaker.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: TRACKED.plainConfig,
      ProductionVariants: [{ ...variant, InitialInstanceCount: 2 }],
      Tags: ENDPOINT_TAGS,
    }),
  );
  await sagemaker.send(
    new CreateEndpointCommand({
      EndpointName: TRACKED.endpoint,
      EndpointConfigName: TRACKED.encryptedConfig,
      Tags: ENDPOINT_TAGS,
    }),
  );
}

/**
 * The endpoint moved to the configuration without a KMS key. moto has no UpdateEndpoint, so the
 * endpoint is deleted and created again on the new configuration with the same tags: what
 * DescribeEndpoint and ListTags then answer is what they answer after an UpdateEndpoint, which
 * keeps the endpoint's name, ARN and tags
 * (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateEndpoint.html).
 */
export async function moveEndpointToPlainConfig(sagemaker: SageMakerClient) {
  await sagemaker.send(new DeleteEndpointCommand({ EndpointName: TRACKED.endpoint }));
  await sagemaker.send(
    new CreateEndpointCommand({
      EndpointName: TRACKED.endpoint,
      EndpointConfigName: TRACKED.plainConfig,
      Tags: ENDPOINT_TAGS,
    }),
  );
}
