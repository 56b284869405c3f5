// Direct adapters: recorded types read from the service APIs, shaped like AWS Config's items, so
// a rule gives the same verdict on either. Clients are mocked; the shapes are compared with the
// Config item forms the fixtures use (config-facts §4 and §5).
import {
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  DescribeNotebookInstanceCommand,
  ListEndpointConfigsCommand,
  ListNotebookInstancesCommand,
  ListModelsCommand,
  ListTagsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import {
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { SageMakerServiceException } from '@aws-sdk/client-sagemaker';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { evaluateItem, paramsFor } from '../rules/_core/engine.js';
import { directLoaders, SAGEMAKER_DIRECT_TYPES } from '../cli/direct/index.js';
import { regionOfLocation } from '../cli/direct/s3-buckets.js';
import { isGone } from '../rules/_inventory/sagemaker.js';
import { ruleById, rules } from '../rules/index.js';

const sagemakerMock = mockClient(SageMakerClient);
const s3Mock = mockClient(S3Client);
const taggingMock = mockClient(ResourceGroupsTaggingAPIClient);
const sagemaker = new SageMakerClient({ region: 'us-east-1' });
const tagging = new ResourceGroupsTaggingAPIClient({ region: 'us-east-1' });
const s3 = new S3Client({ region: 'us-east-1' });
const NOW = new Date('2026-11-26T10:00:00.000Z');
const context = { params: {}, accountId: '123456789012', sagemaker, tagging, s3, region: 'us-east-1', now: NOW };
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

const s3Error = (name: string) =>
  new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: 404 }, message: name });
const smError = (name: string, message: string) =>
  new SageMakerServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: 400 }, message });

const verdict = (ruleId: string, item: Parameters<typeof evaluateItem>[1]) =>
  evaluateItem(ruleById(ruleId)!, item, paramsFor(ruleById(ruleId)!, {}), NOW.toISOString(), () => undefined)
    .ComplianceType;

beforeEach(() => {
  sagemakerMock.reset();
  s3Mock.reset();
  taggingMock.reset();
  taggingMock.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [] });
});
afterAll(() => {
  sagemakerMock.restore();
  s3Mock.restore();
  taggingMock.restore();
});

describe('SageMaker direct adapters', () => {
  it('cover every recorded SageMaker type they name: List to list, Describe to describe, the Tagging API and ListTags for tags', async () => {
    for (const type of SAGEMAKER_DIRECT_TYPES) {
      const adapter = await directLoaders[type]!();
      expect(adapter.resourceType).toBe(type);
      expect(Object.keys(adapter.actions).sort()).toEqual(['describe', 'list', 'tags']);
      expect(adapter.actions.list).toEqual([expect.stringMatching(/^sagemaker:List/)]);
      expect(adapter.actions.describe).toEqual([expect.stringMatching(/^sagemaker:Describe/)]);
      expect(adapter.actions.tags).toEqual(['tag:GetResources', 'sagemaker:ListTags']);
    }
  });

  it('list tags only, with no Describe call, when only tags are read', async () => {
    const arn = (n: string) => `arn:aws:sagemaker:us-east-1:123456789012:model/${n}`;
    sagemakerMock.on(ListModelsCommand).resolves({
      Models: ['churn-v3', 'churn-legacy'].map((ModelName) => ({
        ModelName,
        ModelArn: arn(ModelName),
        CreationTime: NOW,
      })),
    });
    taggingMock.on(GetResourcesCommand).resolves({
      ResourceTagMappingList: [{ ResourceARN: arn('churn-v3'), Tags: [{ Key: 'team', Value: 'growth-ml' }] }],
    });
    const items = await (await directLoaders['AWS::SageMaker::Model']!()).list({
      ...context,
      reads: new Set(['tags']),
    });
    expect(items.map((i) => [i.resourceId, i.tags])).toEqual([
      ['churn-v3', { team: 'growth-ml' }],
      ['churn-legacy', {}],
    ]);
    expect(verdict('sagemaker-resource-tagged', items[1]!)).toBe('NON_COMPLIANT');
    expect(sagemakerMock.commandCalls(DescribeModelCommand)).toHaveLength(0);
    expect(taggingMock.commandCalls(GetResourcesCommand)[0]!.args[0].input).toEqual({
      ResourceTypeFilters: ['sagemaker:model'],
      ResourcesPerPage: 100,
    });
  });

  it('shape a notebook instance like Config: CloudFormation names, Id = ARN, Tags list, no runtime fields', async () => {
    const arn = 'arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/churn-dev';
    sagemakerMock
      .on(ListNotebookInstancesCommand)
      .resolves({ NotebookInstances: [{ NotebookInstanceName: 'churn-dev', NotebookInstanceArn: arn }] });
    sagemakerMock.on(DescribeNotebookInstanceCommand).resolves({
      NotebookInstanceArn: arn,
      NotebookInstanceName: 'churn-dev',
      NotebookInstanceStatus: 'InService',
      Url: 'churn-dev.notebook.us-east-1.sagemaker.aws',
      InstanceType: 'ml.t3.medium',
      SubnetId: 'subnet-0a1b2c3d4e5f60718',
      SecurityGroups: ['sg-0f1e2d3c4b5a69788'],
      RoleArn: 'arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole',
      KmsKeyId: KEY,
      NetworkInterfaceId: 'eni-0a1b2c3d4e5f60718',
      LastModifiedTime: new Date('2026-11-20T09:14:03.512Z'),
      CreationTime: new Date('2026-11-20T09:12:41.000Z'),
      NotebookInstanceLifecycleConfigName: 'churn-install-deps',
      DirectInternetAccess: 'Disabled',
      VolumeSizeInGB: 20,
      RootAccess: 'Disabled',
      PlatformIdentifier: 'notebook-al2023-v1',
    });
    taggingMock
      .on(GetResourcesCommand)
      .resolves({ ResourceTagMappingList: [{ ResourceARN: arn, Tags: [{ Key: 'ml-pipeline', Value: 'churn' }] }] });

    const [item] = await (await directLoaders['AWS::SageMaker::NotebookInstance']!()).list(context);
    expect(item).toEqual({
      resourceType: 'AWS::SageMaker::NotebookInstance',
      resourceId: 'churn-dev',
      resourceName: 'churn-dev',
      arn,
      awsAccountId: '123456789012',
      awsRegion: 'us-east-1',
      configurationItemStatus: 'OK',
      configurationItemCaptureTime: NOW.toISOString(),
      tags: { 'ml-pipeline': 'churn' },
      configuration: {
        NotebookInstanceName: 'churn-dev',
        InstanceType: 'ml.t3.medium',
        SubnetId: 'subnet-0a1b2c3d4e5f60718',
        SecurityGroupIds: ['sg-0f1e2d3c4b5a69788'],
        RoleArn: 'arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole',
        KmsKeyId: KEY,
        LifecycleConfigName: 'churn-install-deps',
        DirectInternetAccess: 'Disabled',
        VolumeSizeInGB: 20,
        RootAccess: 'Disabled',
        PlatformIdentifier: 'notebook-al2023-v1',
        Id: arn,
        Tags: [{ Key: 'ml-pipeline', Value: 'churn' }],
      },
      supplementaryConfiguration: {},
    });
    expect(verdict('sagemaker-notebook-in-vpc', item!)).toBe('COMPLIANT');
    expect(verdict('sagemaker-notebook-no-direct-internet', item!)).toBe('COMPLIANT');
  });

  it('page through List, skip a resource deleted between List and Describe, and keep Describe errors that are not "not found"', async () => {
    sagemakerMock
      .on(ListEndpointConfigsCommand)
      .resolvesOnce({
        EndpointConfigs: [{ EndpointConfigName: 'churn-v3', EndpointConfigArn: 'a', CreationTime: NOW }],
        NextToken: 't',
      })
      .resolvesOnce({
        EndpointConfigs: [{ EndpointConfigName: 'churn-gone', EndpointConfigArn: 'b', CreationTime: NOW }],
      });
    sagemakerMock.on(DescribeEndpointConfigCommand, { EndpointConfigName: 'churn-v3' }).resolves({
      EndpointConfigName: 'churn-v3',
      EndpointConfigArn: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/churn-v3',
      ProductionVariants: [
        { VariantName: 'AllTraffic', ModelName: 'churn-v3', InstanceType: 'ml.m5.xlarge', InitialInstanceCount: 2 },
      ],
      CreationTime: NOW,
    });
    sagemakerMock
      .on(DescribeEndpointConfigCommand, { EndpointConfigName: 'churn-gone' })
      .rejects(smError('ValidationException', 'Could not find endpoint configuration "churn-gone".'));
    sagemakerMock.on(ListTagsCommand).resolves({ Tags: [] });
    const adapter = await directLoaders['AWS::SageMaker::EndpointConfig']!();
    const items = await adapter.list(context);
    expect(items.map((i) => i.resourceId)).toEqual(['churn-v3']);
    expect(items[0]!.configuration).toEqual({
      EndpointConfigName: 'churn-v3',
      ProductionVariants: [
        { VariantName: 'AllTraffic', ModelName: 'churn-v3', InstanceType: 'ml.m5.xlarge', InitialInstanceCount: 2 },
      ],
      Id: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/churn-v3',
    });
    expect(verdict('sagemaker-endpoint-config-kms-key', items[0]!)).toBe('NON_COMPLIANT');

    expect(await adapter.get(context, 'churn-gone')).toBeUndefined();
    sagemakerMock
      .on(DescribeEndpointConfigCommand, { EndpointConfigName: 'churn-denied' })
      .rejects(smError('AccessDeniedException', 'not authorized'));
    await expect(adapter.get(context, 'churn-denied')).rejects.toThrow('not authorized');
  });

  it('read a model by id for a lookup', async () => {
    sagemakerMock.on(DescribeModelCommand).resolves({
      ModelName: 'churn-v3',
      ModelArn: 'arn:aws:sagemaker:us-east-1:123456789012:model/churn-v3',
      EnableNetworkIsolation: true,
      ExecutionRoleArn: 'arn:aws:iam::123456789012:role/x',
      CreationTime: NOW,
      DeploymentRecommendation: { RecommendationStatus: 'COMPLETED' },
    });
    sagemakerMock.on(ListTagsCommand).resolves({ Tags: [] });
    const item = await (await directLoaders['AWS::SageMaker::Model']!()).get(context, 'churn-v3');
    expect(item?.configuration).toEqual({
      ModelName: 'churn-v3',
      EnableNetworkIsolation: true,
      ExecutionRoleArn: 'arn:aws:iam::123456789012:role/x',
      Id: 'arn:aws:sagemaker:us-east-1:123456789012:model/churn-v3',
    });
    expect(verdict('sagemaker-model-network-isolation', item!)).toBe('COMPLIANT');
  });

  it('treat SageMaker\'s "not found" answers as absent', () => {
    expect(isGone(smError('ValidationException', 'RecordNotFound'))).toBe(true);
    expect(isGone(smError('ResourceNotFound', "Resource Not Found: Amazon SageMaker can't find a feature group"))).toBe(
      true,
    );
    expect(isGone(smError('ValidationException', 'Could not find model "x".'))).toBe(true);
    expect(isGone(smError('ValidationException', '1 validation error detected'))).toBe(false);
    expect(isGone(smError('ThrottlingException', 'Rate exceeded'))).toBe(false);
  });
});

describe('S3 bucket direct adapter', () => {
  const mockBucket = (
    name: string,
    settings: {
      versioning?: object;
      encryption?: object;
      block?: object;
      policy?: string;
      logging?: { TargetBucket: string; TargetPrefix: string };
      lock?: object;
      tags?: object[];
    },
  ) => {
    const B = { Bucket: name };
    s3Mock.on(GetBucketVersioningCommand, B).resolves(settings.versioning ?? {});
    s3Mock.on(GetBucketEncryptionCommand, B).callsFake(() => {
      if (!settings.encryption) throw s3Error('ServerSideEncryptionConfigurationNotFoundError');
      return { ServerSideEncryptionConfiguration: settings.encryption };
    });
    s3Mock.on(GetPublicAccessBlockCommand, B).callsFake(() => {
      if (!settings.block) throw s3Error('NoSuchPublicAccessBlockConfiguration');
      return { PublicAccessBlockConfiguration: settings.block };
    });
    s3Mock.on(GetBucketPolicyCommand, B).callsFake(() => {
      if (!settings.policy) throw s3Error('NoSuchBucketPolicy');
      return { Policy: settings.policy };
    });
    s3Mock.on(GetBucketLoggingCommand, B).resolves(settings.logging ? { LoggingEnabled: settings.logging } : {});
    s3Mock.on(GetObjectLockConfigurationCommand, B).callsFake(() => {
      if (!settings.lock) throw s3Error('ObjectLockConfigurationNotFoundError');
      return { ObjectLockConfiguration: settings.lock };
    });
    s3Mock.on(GetBucketTaggingCommand, B).callsFake(() => {
      if (!settings.tags) throw s3Error('NoSuchTagSet');
      return { TagSet: settings.tags };
    });
  };
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: ['arn:aws:s3:::churn-artifacts', 'arn:aws:s3:::churn-artifacts/*'],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  });

  beforeEach(() => {
    s3Mock.on(ListBucketsCommand).resolves({
      Owner: { ID: 'c0ffee0123' },
      Buckets: [
        { Name: 'churn-artifacts', CreationDate: new Date('2026-03-04T12:30:45.000Z'), BucketRegion: 'us-east-1' },
        { Name: 'churn-scratch', CreationDate: new Date('2026-05-01T08:00:00.000Z') },
        { Name: 'churn-eu-replica', CreationDate: new Date('2026-05-01T08:00:00.000Z') },
      ],
    });
    s3Mock.on(GetBucketLocationCommand, { Bucket: 'churn-scratch' }).resolves({});
    s3Mock.on(GetBucketLocationCommand, { Bucket: 'churn-eu-replica' }).resolves({ LocationConstraint: 'EU' });
    mockBucket('churn-artifacts', {
      versioning: { Status: 'Enabled', MFADelete: 'Disabled' },
      encryption: {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY },
            BucketKeyEnabled: true,
          },
        ],
      },
      block: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
      policy,
      logging: { TargetBucket: 'ml-access-logs', TargetPrefix: 's3/churn-artifacts/' },
      lock: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 30 } } },
      tags: [{ Key: 'ml-pipeline', Value: 'churn' }],
    });
    mockBucket('churn-scratch', {});
  });

  it("lists the buckets of the scan Region only, with Config's supplementary configuration", async () => {
    const items = await (await directLoaders['AWS::S3::Bucket']!()).list(context);
    expect(items.map((i) => i.resourceId)).toEqual(['churn-artifacts', 'churn-scratch']);
    const [artifacts, scratch] = items;
    expect(artifacts).toMatchObject({
      arn: 'arn:aws:s3:::churn-artifacts',
      awsAccountId: '123456789012',
      awsRegion: 'us-east-1',
      tags: { 'ml-pipeline': 'churn' },
      configuration: {
        name: 'churn-artifacts',
        owner: { displayName: null, id: 'c0ffee0123' },
        creationDate: '2026-03-04T12:30:45.000Z',
      },
    });
    expect(artifacts!.supplementaryConfiguration).toEqual({
      BucketVersioningConfiguration: { status: 'Enabled', isMfaDeleteEnabled: false },
      BucketLoggingConfiguration: { destinationBucketName: 'ml-access-logs', logFilePrefix: 's3/churn-artifacts/' },
      BucketPolicy: { policyText: policy },
      ServerSideEncryptionConfiguration: {
        rules: [
          {
            applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyID: KEY },
            bucketKeyEnabled: true,
          },
        ],
      },
      PublicAccessBlockConfiguration: {
        blockPublicAcls: true,
        ignorePublicAcls: true,
        blockPublicPolicy: true,
        restrictPublicBuckets: true,
      },
      ObjectLockConfiguration: {
        objectLockEnabled: 'Enabled',
        rule: { defaultRetention: { mode: 'GOVERNANCE', days: 30, years: null } },
      },
      BucketTaggingConfiguration: { tagSets: [{ tags: { 'ml-pipeline': 'churn' } }] },
    });
    // Config's "never configured" forms.
    expect(scratch!.supplementaryConfiguration).toEqual({
      BucketVersioningConfiguration: { status: 'Off', isMfaDeleteEnabled: null },
      BucketLoggingConfiguration: { destinationBucketName: null, logFilePrefix: null },
      BucketPolicy: { policyText: null },
    });
    expect(scratch!.tags).toEqual({});
    // Every S3 rule reads them as it reads Config's items.
    const s3Rules = rules.filter((r) => r.resourceTypes.includes('AWS::S3::Bucket'));
    expect(s3Rules.length).toBeGreaterThanOrEqual(6);
    for (const rule of s3Rules) {
      expect([rule.id, verdict(rule.id, artifacts!)]).toEqual([rule.id, 'COMPLIANT']);
      expect([rule.id, verdict(rule.id, scratch!)]).toEqual([rule.id, 'NON_COMPLIANT']);
    }
  });

  it('reads one bucket for a lookup, and answers undefined for a bucket that does not exist', async () => {
    const adapter = await directLoaders['AWS::S3::Bucket']!();
    expect(
      (await adapter.get(context, 'churn-artifacts'))?.supplementaryConfiguration.BucketVersioningConfiguration,
    ).toEqual({ status: 'Enabled', isMfaDeleteEnabled: false });
    expect(await adapter.get(context, 'no-such-bucket')).toBeUndefined();
  });

  it('propagates a denied call instead of guessing a setting', async () => {
    s3Mock.on(GetBucketPolicyCommand, { Bucket: 'churn-scratch' }).rejects(s3Error('AccessDenied'));
    await expect((await directLoaders['AWS::S3::Bucket']!()).list(context)).rejects.toThrow('AccessDenied');
  });

  it('maps GetBucketLocation answers to Regions', () => {
    expect(regionOfLocation(undefined)).toBe('us-east-1');
    expect(regionOfLocation('')).toBe('us-east-1');
    expect(regionOfLocation('EU')).toBe('eu-west-1');
    expect(regionOfLocation('ap-southeast-2')).toBe('ap-southeast-2');
  });
});
