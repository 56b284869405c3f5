// The Pulumi policy pack without the Pulumi CLI: each policy's validateResource / validateStack
// called with arguments shaped as @pulumi/policy passes them (inputs behind its unknown-checking
// proxy), for a compliant and a non-compliant resource per rule that has a policy.
import * as proxy from '@pulumi/policy/proxy.js';
import type { ResourceValidationPolicy, StackValidationPolicy } from '@pulumi/policy';
import { describe, expect, it } from 'vitest';

// Internal to @pulumi/policy (no type declaration), but it is what wraps the inputs Pulumi passes.
const unknownCheckingProxy = (proxy as unknown as { unknownCheckingProxy: <T>(v: T) => T }).unknownCheckingProxy;
import { notAtPreview, policies } from '../policy/policies.js';
import { rules } from '../rules/index.js';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const ROLE = 'arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole-20261102T101500';
const TAGS = { 'ml-pipeline': 'fraud-detection', team: 'risk-ml' };
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const pipelineDefinition = (volumeKey: string | undefined) =>
  JSON.stringify({
    Version: '2020-12-01',
    Parameters: [],
    Steps: [
      {
        Name: 'TrainFraudModel',
        Type: 'Training',
        Arguments: {
          ResourceConfig: {
            InstanceCount: 1,
            InstanceType: 'ml.m5.xlarge',
            VolumeSizeInGB: 30,
            ...(volumeKey ? { VolumeKmsKeyId: volumeKey } : {}),
          },
          OutputDataConfig: { S3OutputPath: 's3://fraud-artifacts/training/', KmsKeyId: KEY },
        },
      },
    ],
  });

// Compliant inputs per @pulumi/aws type, as a Pulumi program would pass them (camelCase).
const base: Record<string, Record<string, any>> = {
  'aws:sagemaker/notebookInstance:NotebookInstance': {
    name: 'fraud-dev',
    instanceType: 'ml.t3.medium',
    roleArn: ROLE,
    kmsKeyId: KEY,
    subnetId: 'subnet-0a1b2c3d4e5f60718',
    securityGroups: ['sg-0f1e2d3c4b5a69788'],
    directInternetAccess: 'Disabled',
    rootAccess: 'Disabled',
    platformIdentifier: 'notebook-al2023-v1',
    tags: TAGS,
  },
  'aws:sagemaker/notebookInstanceLifecycleConfiguration:NotebookInstanceLifecycleConfiguration': {
    name: 'fraud-install-deps',
    onStart: b64('#!/bin/bash\nset -e\npip install --quiet xgboost==2.1.1\n'),
  },
  'aws:sagemaker/endpointConfiguration:EndpointConfiguration': {
    name: 'fraud-endpoint-config',
    kmsKeyArn: KEY,
    tags: TAGS,
    productionVariants: [
      {
        variantName: 'AllTraffic',
        modelName: 'fraud-model',
        instanceType: 'ml.m5.large',
        initialInstanceCount: 2,
        initialVariantWeight: 1,
      },
    ],
    dataCaptureConfig: {
      enableCapture: true,
      initialSamplingPercentage: 20,
      destinationS3Uri: 's3://fraud-artifacts/capture/',
      captureOptions: [{ captureMode: 'Input' }],
    },
  },
  'aws:sagemaker/endpoint:Endpoint': {
    name: 'fraud-endpoint',
    endpointConfigName: 'fraud-endpoint-config',
    tags: TAGS,
  },
  'aws:sagemaker/model:Model': {
    name: 'fraud-model',
    executionRoleArn: ROLE,
    enableNetworkIsolation: true,
    tags: TAGS,
    primaryContainer: {
      image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud-xgboost:1.7-1',
      modelDataUrl: 's3://fraud-artifacts/models/model.tar.gz',
    },
    vpcConfig: { subnets: ['subnet-0a1b2c3d4e5f60718'], securityGroupIds: ['sg-0f1e2d3c4b5a69788'] },
  },
  'aws:sagemaker/domain:Domain': {
    domainName: 'fraud-studio',
    authMode: 'SSO',
    appNetworkAccessType: 'VpcOnly',
    kmsKeyId: KEY,
    vpcId: 'vpc-0a1b2c3d',
    subnetIds: ['subnet-0a1b2c3d4e5f60718'],
    defaultUserSettings: { executionRole: ROLE },
    tags: TAGS,
  },
  'aws:sagemaker/featureGroup:FeatureGroup': {
    featureGroupName: 'fraud-transactions',
    recordIdentifierFeatureName: 'transaction_id',
    eventTimeFeatureName: 'event_time',
    roleArn: ROLE,
    tags: TAGS,
    featureDefinitions: [{ featureName: 'transaction_id', featureType: 'String' }],
    offlineStoreConfig: { s3StorageConfig: { s3Uri: 's3://fraud-artifacts/features/', kmsKeyId: KEY } },
    onlineStoreConfig: { enableOnlineStore: true, securityConfig: { kmsKeyId: KEY } },
  },
  'aws:sagemaker/dataQualityJobDefinition:DataQualityJobDefinition': {
    name: 'fraud-data-quality',
    roleArn: ROLE,
    tags: TAGS,
    jobResources: {
      clusterConfig: { instanceCount: 1, instanceType: 'ml.m5.large', volumeSizeInGb: 20, volumeKmsKeyId: KEY },
    },
    dataQualityJobOutputConfig: {
      kmsKeyId: KEY,
      monitoringOutputs: {
        s3Output: { s3Uri: 's3://fraud-artifacts/monitoring/', localPath: '/opt/ml/processing/output' },
      },
    },
    networkConfig: { enableInterContainerTrafficEncryption: true, enableNetworkIsolation: true },
  },
  'aws:sagemaker/pipeline:Pipeline': {
    pipelineName: 'fraud-train',
    pipelineDisplayName: 'fraud-train',
    roleArn: ROLE,
    pipelineDefinition: pipelineDefinition(KEY),
    tags: TAGS,
  },
  'aws:sagemaker/trainingJob:TrainingJob': {
    trainingJobName: 'fraud-train-2026-11-20',
    roleArn: ROLE,
    tags: TAGS,
    enableNetworkIsolation: true,
    enableInterContainerTrafficEncryption: true,
    algorithmSpecification: {
      trainingImage: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
      trainingInputMode: 'File',
    },
    resourceConfig: { instanceCount: 2, instanceType: 'ml.m5.xlarge', volumeSizeInGb: 30, volumeKmsKeyId: KEY },
    outputDataConfig: { s3OutputPath: 's3://fraud-artifacts/training/', kmsKeyId: KEY },
    vpcConfig: { subnets: ['subnet-0a1b2c3d4e5f60718'], securityGroupIds: ['sg-0f1e2d3c4b5a69788'] },
  },
};

type Case = {
  rule: string;
  type: string;
  breaks: (p: Record<string, any>) => void;
  config?: Record<string, string>;
  message: RegExp;
};
const notebook = 'aws:sagemaker/notebookInstance:NotebookInstance';
const endpointConfig = 'aws:sagemaker/endpointConfiguration:EndpointConfiguration';
const model = 'aws:sagemaker/model:Model';
const domain = 'aws:sagemaker/domain:Domain';
const featureGroup = 'aws:sagemaker/featureGroup:FeatureGroup';
const dataQuality = 'aws:sagemaker/dataQualityJobDefinition:DataQualityJobDefinition';
const trainingJob = 'aws:sagemaker/trainingJob:TrainingJob';
const resourceCases: Case[] = [
  {
    rule: 'sagemaker-notebook-kms-key',
    type: notebook,
    breaks: (p) => delete p.kmsKeyId,
    message: /^KmsKeyId is not set$/,
  },
  {
    rule: 'sagemaker-notebook-no-direct-internet',
    type: notebook,
    breaks: (p) => (p.directInternetAccess = 'Enabled'),
    message: /DirectInternetAccess is Enabled/,
  },
  {
    rule: 'sagemaker-notebook-in-vpc',
    type: notebook,
    breaks: (p) => delete p.subnetId,
    message: /SubnetId is not set/,
  },
  {
    rule: 'sagemaker-notebook-root-access-disabled',
    type: notebook,
    breaks: (p) => (p.rootAccess = 'Enabled'),
    message: /RootAccess is Enabled/,
  },
  {
    rule: 'sagemaker-notebook-platform-supported',
    type: notebook,
    breaks: (p) => (p.platformIdentifier = 'notebook-al2-v2'),
    message: /PlatformIdentifier is notebook-al2-v2/,
  },
  { rule: 'sagemaker-resource-tagged', type: notebook, breaks: (p) => (p.tags = {}), message: /no tags/ },
  {
    rule: 'sagemaker-notebook-lifecycle-no-secrets',
    type: 'aws:sagemaker/notebookInstanceLifecycleConfiguration:NotebookInstanceLifecycleConfiguration',
    breaks: (p) => (p.onStart = b64('#!/bin/bash\nexport GITHUB_TOKEN=ghp_4f9c2b7e1a8d3f6c0b5e9a2d7c4f1b8e3a6d\n')),
    message: /OnStart\[0\] line 2: GITHUB_TOKEN set to a literal value/,
  },
  {
    rule: 'sagemaker-endpoint-config-kms-key',
    type: endpointConfig,
    breaks: (p) => delete p.kmsKeyArn,
    message: /^KmsKeyId is not set$/,
  },
  {
    rule: 'sagemaker-endpoint-config-data-capture',
    type: endpointConfig,
    breaks: (p) => (p.dataCaptureConfig.enableCapture = false),
    message: /EnableCapture is false/,
  },
  {
    rule: 'sagemaker-endpoint-config-prod-instance-count',
    type: endpointConfig,
    breaks: (p) => (p.productionVariants[0].initialInstanceCount = 1),
    message: /AllTraffic=1/,
  },
  {
    rule: 'sagemaker-endpoint-tagged',
    type: 'aws:sagemaker/endpoint:Endpoint',
    breaks: (p) => (p.tags = {}),
    message: /no tags/,
  },
  {
    rule: 'sagemaker-model-network-isolation',
    type: model,
    breaks: (p) => (p.enableNetworkIsolation = false),
    message: /EnableNetworkIsolation is false/,
  },
  { rule: 'sagemaker-model-in-vpc', type: model, breaks: (p) => delete p.vpcConfig, message: /VpcConfig is not set/ },
  {
    rule: 'sagemaker-model-private-registry',
    type: model,
    config: { allowedRegistryAccounts: '123456789012' },
    breaks: (p) => (p.primaryContainer.image = '999999999999.dkr.ecr.us-east-1.amazonaws.com/fraud:1'),
    message: /ECR account 999999999999/,
  },
  {
    rule: 'sagemaker-domain-vpc-only',
    type: domain,
    breaks: (p) => (p.appNetworkAccessType = 'PublicInternetOnly'),
    message: /PublicInternetOnly/,
  },
  { rule: 'sagemaker-domain-kms-key', type: domain, breaks: (p) => delete p.kmsKeyId, message: /KmsKeyId is not set/ },
  { rule: 'sagemaker-domain-sso-auth', type: domain, breaks: (p) => (p.authMode = 'IAM'), message: /AuthMode is IAM/ },
  {
    rule: 'sagemaker-feature-group-offline-kms',
    type: featureGroup,
    breaks: (p) => delete p.offlineStoreConfig.s3StorageConfig.kmsKeyId,
    message: /S3StorageConfig.KmsKeyId is not set/,
  },
  {
    rule: 'sagemaker-feature-group-online-kms',
    type: featureGroup,
    breaks: (p) => delete p.onlineStoreConfig.securityConfig,
    message: /SecurityConfig.KmsKeyId is not set/,
  },
  {
    rule: 'sagemaker-monitoring-job-encrypt-in-transit',
    type: dataQuality,
    breaks: (p) => (p.networkConfig.enableInterContainerTrafficEncryption = false),
    message: /EnableInterContainerTrafficEncryption is false/,
  },
  {
    rule: 'sagemaker-monitoring-job-network-isolation',
    type: dataQuality,
    breaks: (p) => delete p.networkConfig,
    message: /EnableNetworkIsolation is unset/,
  },
  {
    rule: 'sagemaker-monitoring-job-kms-key',
    type: dataQuality,
    breaks: (p) => delete p.dataQualityJobOutputConfig.kmsKeyId,
    message: /DataQualityJobOutputConfig.KmsKeyId is not set/,
  },
  {
    rule: 'sagemaker-pipeline-tagged',
    type: 'aws:sagemaker/pipeline:Pipeline',
    breaks: (p) => (p.tags = {}),
    message: /no tags/,
  },
  {
    rule: 'sagemaker-pipeline-steps-encrypted',
    type: 'aws:sagemaker/pipeline:Pipeline',
    breaks: (p) => (p.pipelineDefinition = pipelineDefinition(undefined)),
    message: /TrainFraudModel .*VolumeKmsKeyId is not set/,
  },
  {
    rule: 'sagemaker-training-job-volume-kms',
    type: trainingJob,
    breaks: (p) => delete p.resourceConfig.volumeKmsKeyId,
    message: /ResourceConfig.VolumeKmsKeyId is not set/,
  },
  {
    rule: 'sagemaker-training-job-output-kms',
    type: trainingJob,
    breaks: (p) => delete p.outputDataConfig.kmsKeyId,
    message: /OutputDataConfig.KmsKeyId is not set/,
  },
  {
    rule: 'sagemaker-training-job-network-isolation',
    type: trainingJob,
    breaks: (p) => (p.enableNetworkIsolation = false),
    message: /EnableNetworkIsolation is false/,
  },
  {
    rule: 'sagemaker-training-job-inter-container-encryption',
    type: trainingJob,
    breaks: (p) => (p.enableInterContainerTrafficEncryption = false),
    message: /on 2 instances/,
  },
  {
    rule: 'sagemaker-training-job-in-vpc',
    type: trainingJob,
    breaks: (p) => (p.vpcConfig.subnets = []),
    message: /VpcConfig.Subnets is \[\]/,
  },
];

const policyNamed = (name: string) => policies.find((p) => p.name === name);
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

function validateResource(
  rule: string,
  type: string,
  props: Record<string, any>,
  config: Record<string, string> = {},
): string[] {
  const policy = policyNamed(rule) as ResourceValidationPolicy;
  const messages: string[] = [];
  const args = {
    type,
    props: unknownCheckingProxy(props),
    urn: `urn:pulumi:dev::ml::${type}::x`,
    name: 'x',
    opts: {},
    stackTags: new Map(),
    getConfig: () => config,
  } as any;
  (policy.validateResource as (a: unknown, r: (m: string) => void) => void)(args, (m) => messages.push(m));
  return messages;
}

describe('policy pack', () => {
  it('has one policy per rule with a @pulumi/aws resource type, advisory by default, with the rule parameters as configuration', () => {
    const expected = rules.filter((r) => notAtPreview(r) === undefined).map((r) => r.id);
    expect(policies.map((p) => p.name)).toEqual(expected);
    expect(expected).not.toContain('sagemaker-endpoint-monitoring-scheduled');
    expect(expected).not.toContain('sagemaker-inference-experiment-kms-key');
    for (const p of policies) expect(p.enforcementLevel).toBe('advisory');
    expect(policyNamed('sagemaker-notebook-kms-key')?.configSchema?.properties.kmsKeyArns).toMatchObject({
      type: 'string',
    });
  });

  it('covers every resource policy with a case below', () => {
    const resourcePolicies = policies.filter((p) => 'validateResource' in p).map((p) => p.name);
    const covered = new Set(resourceCases.map((c) => c.rule).concat('sagemaker-endpoint-config-network-isolation'));
    expect(resourcePolicies.filter((n) => !covered.has(n))).toEqual([]);
  });

  it.each(resourceCases.map((c) => [c.rule, c] as const))(
    '%s: compliant inputs pass, non-compliant ones report the annotation',
    (_rule, c) => {
      expect(validateResource(c.rule, c.type, clone(base[c.type]!), c.config)).toEqual([]);
      const broken = clone(base[c.type]!);
      c.breaks(broken);
      const messages = validateResource(c.rule, c.type, broken, c.config);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatch(c.message);
    },
  );

  it('ignores resources of other types', () => {
    expect(validateResource('sagemaker-notebook-kms-key', model, clone(base[model]!))).toEqual([]);
  });

  it('sagemaker-endpoint-config-network-isolation: @pulumi/aws has no input for it, so instance variants report; serverless ones pass', () => {
    expect(
      validateResource('sagemaker-endpoint-config-network-isolation', endpointConfig, clone(base[endpointConfig]!)),
    ).toEqual(['EnableNetworkIsolation is unset (API default false)']);
    const serverless = clone(base[endpointConfig]!);
    serverless.productionVariants = [
      {
        variantName: 'AllTraffic',
        modelName: 'fraud-model',
        serverlessConfig: { maxConcurrency: 20, memorySizeInMb: 4096 },
      },
    ];
    expect(validateResource('sagemaker-endpoint-config-network-isolation', endpointConfig, serverless)).toEqual([]);
  });

  it("does not guess the model's own account: without allowedRegistryAccounts the private-registry rule reports nothing", () => {
    const other = clone(base[model]!);
    other.primaryContainer.image = '999999999999.dkr.ecr.us-east-1.amazonaws.com/fraud:1';
    expect(validateResource('sagemaker-model-private-registry', model, other)).toEqual([]);
  });

  it('rejects a malformed policy configuration as the engine does', () => {
    expect(() =>
      validateResource('sagemaker-notebook-kms-key', notebook, clone(base[notebook]!), { kmsKeyArns: 'not-a-key' }),
    ).toThrow(/kmsKeyArns/);
  });
});

// Stack policies: a bucket and its companion resources, linked by their `bucket` input.
const BUCKET_URN = 'urn:pulumi:dev::ml::aws:s3/bucket:Bucket::artifacts';
const bucket = {
  type: 'aws:s3/bucket:Bucket',
  name: 'artifacts',
  urn: BUCKET_URN,
  props: { bucket: 'fraud-artifacts', tags: TAGS },
  propertyDependencies: {},
};
const companionOf = (type: string, name: string, props: Record<string, any>) => ({
  type,
  name,
  urn: `urn:pulumi:dev::ml::${type}::${name}`,
  props: { bucket: 'fraud-artifacts', ...props },
  propertyDependencies: { bucket: [{ urn: BUCKET_URN }] },
});
const sslPolicy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: ['arn:aws:s3:::fraud-artifacts', 'arn:aws:s3:::fraud-artifacts/*'],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ],
});
const companions = {
  versioning: companionOf('aws:s3/bucketVersioning:BucketVersioning', 'artifacts-versioning', {
    versioningConfiguration: { status: 'Enabled' },
  }),
  encryption: companionOf(
    'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration',
    'artifacts-sse',
    {
      rules: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: KEY },
          bucketKeyEnabled: true,
        },
      ],
    },
  ),
  block: companionOf('aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock', 'artifacts-pab', {
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  }),
  policy: companionOf('aws:s3/bucketPolicy:BucketPolicy', 'artifacts-policy', { policy: sslPolicy }),
  logging: companionOf('aws:s3/bucketLogging:BucketLogging', 'artifacts-logging', {
    targetBucket: 'ml-access-logs-123456789012',
    targetPrefix: 'artifacts/',
  }),
  lock: companionOf('aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration', 'artifacts-lock', {
    objectLockEnabled: 'Enabled',
    rule: { defaultRetention: { mode: 'GOVERNANCE', days: 30 } },
  }),
};
type Companions = typeof companions;
const stackCases: { rule: string; breaks: (c: Partial<Companions>) => void; message: RegExp }[] = [
  {
    rule: 's3-bucket-versioning-enabled',
    breaks: (c) =>
      (c.versioning = companionOf(companions.versioning.type, 'v', {
        versioningConfiguration: { status: 'Suspended' },
      })),
    message: /status is Suspended/,
  },
  { rule: 's3-bucket-kms-encryption', breaks: (c) => delete c.encryption, message: /sseAlgorithm is AES256/ },
  {
    rule: 's3-bucket-public-access-blocked',
    breaks: (c) => (c.block = companionOf(companions.block.type, 'p', { blockPublicAcls: true })),
    message: /blockPublicPolicy is false/,
  },
  { rule: 's3-bucket-ssl-requests-only', breaks: (c) => delete c.policy, message: /policyText is null/ },
  { rule: 's3-bucket-logging-enabled', breaks: (c) => delete c.logging, message: /logging is off/ },
  { rule: 's3-bucket-object-lock', breaks: (c) => delete c.lock, message: /objectLockEnabled is unset/ },
  {
    rule: 'sagemaker-model-artifact-versioned-bucket',
    breaks: (c) =>
      (c.versioning = companionOf(companions.versioning.type, 'v', {
        versioningConfiguration: { status: 'Suspended' },
      })),
    message: /bucket fraud-artifacts has BucketVersioningConfiguration.status Suspended/,
  },
];

function validateStack(rule: string, parts: Partial<Companions>): { message: string; urn?: string }[] {
  const policy = policyNamed(rule) as StackValidationPolicy;
  const modelResource = {
    type: model,
    name: 'fraud-model',
    urn: `urn:pulumi:dev::ml::${model}::fraud-model`,
    props: clone(base[model]!),
    propertyDependencies: {},
  };
  const resources = [bucket, ...Object.values(parts), modelResource].map((r) => ({
    ...r,
    props: unknownCheckingProxy(r.props),
  }));
  const found: { message: string; urn?: string }[] = [];
  (policy.validateStack as (a: unknown, r: (m: string, urn?: string) => void) => void)(
    { resources, getConfig: () => ({}) },
    (message, urn) => found.push({ message, urn }),
  );
  return found;
}

describe('stack policies over a bucket and its companions', () => {
  it.each(stackCases.map((c) => [c.rule, c] as const))(
    '%s: compliant stack passes, non-compliant one reports the annotation',
    (_rule, c) => {
      expect(validateStack(c.rule, { ...companions })).toEqual([]);
      const broken: Partial<Companions> = { ...companions };
      c.breaks(broken);
      const found = validateStack(c.rule, broken);
      expect(found).toHaveLength(1);
      expect(found[0]!.message).toMatch(c.message);
      expect(found[0]!.urn).toBe(c.rule.startsWith('s3-') ? BUCKET_URN : `urn:pulumi:dev::ml::${model}::fraud-model`);
    },
  );

  it("a bucket without companions gets S3's defaults for new buckets: SSE-S3 and all public access blocked", () => {
    expect(validateStack('s3-bucket-public-access-blocked', {})).toEqual([]);
    expect(validateStack('s3-bucket-kms-encryption', {})[0]?.message).toMatch(/AES256/);
  });
});
