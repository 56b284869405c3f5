// One ML pipeline's resources ("churn"), seeded into the emulator through the SDK: a good and a
// neglected version of each (models, endpoint configs, endpoints, training jobs, notebooks,
// buckets), so every verdict a scan gives can be named in advance.
import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  CreateNotebookInstanceCommand,
  CreateTrainingJobCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll } from 'vitest';
import { motoInstalled, startMoto, type Moto } from './moto.js';

export const REGION = 'us-east-1';
export const KMS_KEY = (account: string) => `arn:aws:kms:${REGION}:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const ROLE = (account: string) =>
  `arn:aws:iam::${account}:role/service-role/AmazonSageMaker-ExecutionRole-20261102T101500`;
const PIPELINE_TAGS = [
  { Key: 'ml-pipeline', Value: 'churn' },
  { Key: 'team', Value: 'growth-ml' },
];

export const SEEDED = {
  models: { good: 'churn-xgb-v3', bad: 'churn-xgb-legacy' },
  endpointConfigs: { good: 'churn-xgb-v3-ec', bad: 'churn-xgb-legacy-ec', serverless: 'churn-shadow-serverless-ec' },
  endpoints: { good: 'churn-xgb-v3', bad: 'churn-xgb-legacy' },
  trainingJobs: { good: 'churn-train-2026-11-20', bad: 'churn-train-adhoc' },
  notebooks: { good: 'churn-dev', bad: 'churn-explore' },
  buckets: { good: 'churn-model-artifacts', bad: 'churn-scratch' },
};

export function clientsFor(env: Record<string, string>) {
  const options = {
    region: REGION,
    endpoint: env.AWS_ENDPOINT_URL!,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! },
  };
  return { sagemaker: new SageMakerClient(options), s3: new S3Client({ ...options, forcePathStyle: true }) };
}

export async function seedChurnPipeline(env: Record<string, string>, account = '123456789012') {
  const { sagemaker, s3 } = clientsFor(env);
  const s = SEEDED;

  // Buckets: the artifacts bucket done right, a scratch bucket left at its defaults.
  await s3.send(new CreateBucketCommand({ Bucket: s.buckets.good, ObjectLockEnabledForBucket: true }));
  await s3.send(
    new PutBucketVersioningCommand({ Bucket: s.buckets.good, VersioningConfiguration: { Status: 'Enabled' } }),
  );
  await s3.send(
    new PutBucketEncryptionCommand({
      Bucket: s.buckets.good,
      ServerSideEncryptionConfiguration: {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KMS_KEY(account) },
            BucketKeyEnabled: true,
          },
        ],
      },
    }),
  );
  await s3.send(
    new PutPublicAccessBlockCommand({
      Bucket: s.buckets.good,
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    }),
  );
  await s3.send(
    new PutBucketPolicyCommand({
      Bucket: s.buckets.good,
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [`arn:aws:s3:::${s.buckets.good}`, `arn:aws:s3:::${s.buckets.good}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    }),
  );
  await s3.send(
    new PutBucketTaggingCommand({
      Bucket: s.buckets.good,
      Tagging: { TagSet: [...PIPELINE_TAGS, { Key: 'owner', Value: 'jane.doe@example.org' }] },
    }),
  );
  await s3.send(new CreateBucketCommand({ Bucket: s.buckets.bad }));

  // Models: one in a VPC with artifacts in the versioned bucket, one outside any VPC.
  await sagemaker.send(
    new CreateModelCommand({
      ModelName: s.models.good,
      ExecutionRoleArn: ROLE(account),
      PrimaryContainer: {
        Image: `${account}.dkr.ecr.${REGION}.amazonaws.com/churn-xgb:3.1.0`,
        ModelDataUrl: `s3://${s.buckets.good}/churn-xgb/v3/model.tar.gz`,
      },
      VpcConfig: { Subnets: ['subnet-0a1b2c3d4e5f60718'], SecurityGroupIds: ['sg-0f1e2d3c4b5a69788'] },
      EnableNetworkIsolation: true,
      Tags: PIPELINE_TAGS,
    }),
  );
  await sagemaker.send(
    new CreateModelCommand({
      ModelName: s.models.bad,
      ExecutionRoleArn: ROLE(account),
      PrimaryContainer: {
        Image: `683313688378.dkr.ecr.${REGION}.amazonaws.com/sagemaker-xgboost:1.7-1`,
        ModelDataUrl: `s3://${s.buckets.bad}/churn-xgb/legacy/model.tar.gz`,
      },
      Tags: [{ Key: 'ml-pipeline', Value: 'churn' }],
    }),
  );

  // Endpoint configs: encrypted with capture on two instances; bare on one; all-serverless.
  await sagemaker.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: s.endpointConfigs.good,
      KmsKeyId: KMS_KEY(account),
      ProductionVariants: [
        {
          VariantName: 'AllTraffic',
          ModelName: s.models.good,
          InstanceType: 'ml.m5.xlarge',
          InitialInstanceCount: 2,
          InitialVariantWeight: 1,
        },
      ],
      DataCaptureConfig: {
        EnableCapture: true,
        InitialSamplingPercentage: 20,
        DestinationS3Uri: `s3://${s.buckets.good}/data-capture`,
        KmsKeyId: KMS_KEY(account),
        CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
      },
      Tags: PIPELINE_TAGS,
    }),
  );
  await sagemaker.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: s.endpointConfigs.bad,
      ProductionVariants: [
        { VariantName: 'AllTraffic', ModelName: s.models.bad, InstanceType: 'ml.m5.large', InitialInstanceCount: 1 },
      ],
      DataCaptureConfig: {
        EnableCapture: false,
        InitialSamplingPercentage: 100,
        DestinationS3Uri: `s3://${s.buckets.bad}/data-capture`,
        CaptureOptions: [{ CaptureMode: 'Input' }],
      },
    }),
  );
  await sagemaker.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: s.endpointConfigs.serverless,
      ProductionVariants: [
        {
          VariantName: 'Shadow',
          ModelName: s.models.good,
          ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 },
        },
      ],
      Tags: PIPELINE_TAGS,
    }),
  );

  // Endpoints: tagged and untagged.
  await sagemaker.send(
    new CreateEndpointCommand({
      EndpointName: s.endpoints.good,
      EndpointConfigName: s.endpointConfigs.good,
      Tags: PIPELINE_TAGS,
    }),
  );
  await sagemaker.send(
    new CreateEndpointCommand({ EndpointName: s.endpoints.bad, EndpointConfigName: s.endpointConfigs.bad }),
  );

  // Training jobs: volume and output encrypted, and an ad-hoc one with neither.
  const job = (name: string, kms: boolean) =>
    new CreateTrainingJobCommand({
      TrainingJobName: name,
      RoleArn: ROLE(account),
      AlgorithmSpecification: {
        TrainingImage: `683313688378.dkr.ecr.${REGION}.amazonaws.com/sagemaker-xgboost:1.7-1`,
        TrainingInputMode: 'File',
      },
      OutputDataConfig: {
        S3OutputPath: `s3://${s.buckets.good}/training-output`,
        ...(kms ? { KmsKeyId: KMS_KEY(account) } : {}),
      },
      ResourceConfig: {
        InstanceType: 'ml.m5.2xlarge',
        InstanceCount: 1,
        VolumeSizeInGB: 50,
        ...(kms ? { VolumeKmsKeyId: KMS_KEY(account) } : {}),
      },
      StoppingCondition: { MaxRuntimeInSeconds: 86_400 },
      Tags: kms ? PIPELINE_TAGS : [],
    });
  await sagemaker.send(job(s.trainingJobs.good, true));
  await sagemaker.send(job(s.trainingJobs.bad, false));

  // Notebooks: private and encrypted; open to the internet without a key.
  await sagemaker.send(
    new CreateNotebookInstanceCommand({
      NotebookInstanceName: s.notebooks.good,
      InstanceType: 'ml.t3.medium',
      RoleArn: ROLE(account),
      SubnetId: 'subnet-0a1b2c3d4e5f60718',
      SecurityGroupIds: ['sg-0f1e2d3c4b5a69788'],
      DirectInternetAccess: 'Disabled',
      RootAccess: 'Disabled',
      KmsKeyId: KMS_KEY(account),
      Tags: [...PIPELINE_TAGS, { Key: 'owner', Value: 'jane.doe@example.org' }],
    }),
  );
  await sagemaker.send(
    new CreateNotebookInstanceCommand({
      NotebookInstanceName: s.notebooks.bad,
      InstanceType: 'ml.t3.medium',
      RoleArn: ROLE(account),
      DirectInternetAccess: 'Enabled',
      Tags: [{ Key: 'owner', Value: 'sam.lee@example.org' }],
    }),
  );
}

/**
 * Start moto for this test file, seed the churn pipeline's resources, and stop it after.
 * Returns a getter: the emulator exists only once beforeAll has run.
 */
export function seededMoto(): () => Moto {
  let moto: Moto | undefined;
  beforeAll(async () => {
    if (!motoInstalled()) throw new Error('moto_server is not installed (pip install "moto[server]")');
    moto = await startMoto();
    await seedChurnPipeline(moto.env);
  });
  afterAll(async () => {
    await moto?.stop();
  });
  return () => moto!;
}
