// Pulumi resource inputs → the configuration items AWS Config records, so each rule's `evaluate`
// reads the same fields as in a live account. SageMaker: @pulumi/aws inputs are the API's fields
// in camelCase (KmsKeyId → kmsKeyId), with a few renames fixed below. S3: a bucket's settings
// live on companion resources (versioning, encryption, public access block, policy, logging,
// object lock) that name it in their `bucket` input; they become the bucket's supplementary
// configuration, with S3's defaults for new buckets where none exists (see cli/template/s3-bucket.ts).
// Type names: @pulumi/aws 7.48.0.
import { unresolved } from '../rules/_core/before-deploy.js';
import type { ConfigItem, JsonObject } from '../rules/_core/items.js';

/** CloudFormation / Config type → @pulumi/aws type tokens. Types without a Pulumi resource are absent. */
export const PULUMI_TYPES: Readonly<Record<string, readonly string[]>> = {
  'AWS::S3::Bucket': ['aws:s3/bucket:Bucket', 'aws:s3/bucketV2:BucketV2'],
  'AWS::SageMaker::NotebookInstance': ['aws:sagemaker/notebookInstance:NotebookInstance'],
  'AWS::SageMaker::NotebookInstanceLifecycleConfig': [
    'aws:sagemaker/notebookInstanceLifecycleConfiguration:NotebookInstanceLifecycleConfiguration',
  ],
  'AWS::SageMaker::EndpointConfig': ['aws:sagemaker/endpointConfiguration:EndpointConfiguration'],
  'AWS::SageMaker::Endpoint': ['aws:sagemaker/endpoint:Endpoint'],
  'AWS::SageMaker::Model': ['aws:sagemaker/model:Model'],
  'AWS::SageMaker::Domain': ['aws:sagemaker/domain:Domain'],
  'AWS::SageMaker::UserProfile': ['aws:sagemaker/userProfile:UserProfile'],
  'AWS::SageMaker::FeatureGroup': ['aws:sagemaker/featureGroup:FeatureGroup'],
  'AWS::SageMaker::Image': ['aws:sagemaker/image:Image'],
  'AWS::SageMaker::AppImageConfig': ['aws:sagemaker/appImageConfig:AppImageConfig'],
  'AWS::SageMaker::MonitoringSchedule': ['aws:sagemaker/monitoringSchedule:MonitoringSchedule'],
  'AWS::SageMaker::DataQualityJobDefinition': ['aws:sagemaker/dataQualityJobDefinition:DataQualityJobDefinition'],
  'AWS::SageMaker::CodeRepository': ['aws:sagemaker/codeRepository:CodeRepository'],
  'AWS::SageMaker::Workteam': ['aws:sagemaker/workteam:Workteam'],
  'AWS::SageMaker::MlflowTrackingServer': ['aws:sagemaker/mlflowTrackingServer:MlflowTrackingServer'],
  'AWS::SageMaker::Pipeline': ['aws:sagemaker/pipeline:Pipeline'],
  'AWS::SageMaker::TrainingJob': ['aws:sagemaker/trainingJob:TrainingJob'],
  'AWS::SageMaker::ModelPackageGroup': ['aws:sagemaker/modelPackageGroup:ModelPackageGroup'],
};

export const cfnTypeOf = (pulumiType: string): string | undefined =>
  Object.keys(PULUMI_TYPES).find((t) => PULUMI_TYPES[t]!.includes(pulumiType));

const isObject = (v: unknown): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);
// Maps whose keys are the user's own (tags, container environment, hyperparameters) keep them.
const USER_MAPS = new Set(['tags', 'tagsAll', 'environment', 'hyperParameters']);

/** camelCase inputs → PascalCase item fields, recursively. */
function pascal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pascal);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k.charAt(0).toUpperCase() + k.slice(1)] = USER_MAPS.has(k) ? v : pascal(v);
  return out;
}

/** @pulumi/aws keeps the model data source as a list (`s3DataSources`); the API has one `S3DataSource`. */
function fixContainer(c: unknown) {
  if (!isObject(c) || !isObject(c.ModelDataSource) || !Array.isArray(c.ModelDataSource.S3DataSources)) return;
  c.ModelDataSource = { S3DataSource: c.ModelDataSource.S3DataSources[0] };
}

/** A SageMaker resource's inputs as its configuration item. */
export function sagemakerItem(resourceType: string, name: string, props: Record<string, any>): ConfigItem {
  const { tags, tagsAll: _ignored, ...rest } = props;
  const configuration = pascal(rest) as JsonObject;
  switch (resourceType) {
    case 'AWS::SageMaker::EndpointConfig':
      if (configuration.KmsKeyArn !== undefined) configuration.KmsKeyId = configuration.KmsKeyArn;
      break;
    case 'AWS::SageMaker::Model':
      fixContainer(configuration.PrimaryContainer);
      if (Array.isArray(configuration.Containers)) configuration.Containers.forEach(fixContainer);
      break;
    case 'AWS::SageMaker::NotebookInstanceLifecycleConfig':
      // One base64 script per hook here; the API keeps a list of {Content}.
      for (const hook of ['OnCreate', 'OnStart']) {
        if (typeof configuration[hook] === 'string') configuration[hook] = [{ Content: configuration[hook] }];
      }
      break;
  }
  return {
    resourceType,
    resourceId: String(props.name ?? name),
    // The account a resource lands in is the provider's, which a policy does not see.
    awsAccountId: unresolved('account'),
    configurationItemStatus: 'OK',
    tags: isObject(tags) ? tags : {},
    configuration,
    supplementaryConfiguration: {},
  };
}

/** What a stack policy sees of a resource (a subset of @pulumi/policy's PolicyResource). */
export interface StackResource {
  type: string;
  name: string;
  urn: string;
  props: Record<string, any>;
  propertyDependencies?: Record<string, { urn: string }[]>;
}

const S3 = (name: string) => [
  `aws:s3/${name}:${name.charAt(0).toUpperCase()}${name.slice(1)}`,
  `aws:s3/${name}V2:${name.charAt(0).toUpperCase()}${name.slice(1)}V2`,
];
const COMPANIONS = {
  versioning: S3('bucketVersioning'),
  encryption: S3('bucketServerSideEncryptionConfiguration'),
  publicAccessBlock: ['aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock'],
  policy: ['aws:s3/bucketPolicy:BucketPolicy'],
  logging: S3('bucketLogging'),
  objectLock: S3('bucketObjectLockConfiguration'),
};

/** The companion of this kind that names the bucket: through its `bucket` input's dependency, or by the literal name. */
function companion(
  resources: StackResource[],
  bucket: StackResource,
  kind: keyof typeof COMPANIONS,
): Record<string, any> | undefined {
  const found = resources.find(
    (r) =>
      COMPANIONS[kind].includes(r.type) &&
      ((r.propertyDependencies?.bucket ?? []).some((d) => d.urn === bucket.urn) ||
        (typeof bucket.props.bucket === 'string' && r.props.bucket === bucket.props.bucket)),
  );
  return found?.props;
}

const policyText = (policy: unknown): string | null =>
  policy === undefined || policy === null ? null : typeof policy === 'string' ? policy : JSON.stringify(policy);

/** An S3 bucket with its companions, as the item Config records for it. */
export function bucketItem(resources: StackResource[], bucket: StackResource): ConfigItem {
  const b = bucket.props;
  const id = typeof b.bucket === 'string' ? b.bucket : bucket.name;
  const versioning = companion(resources, bucket, 'versioning')?.versioningConfiguration;
  const status = versioning?.status ?? (b.versioning?.enabled === true ? 'Enabled' : 'Off');
  const encryption =
    companion(resources, bucket, 'encryption')?.rules ??
    (b.serverSideEncryptionConfiguration?.rule ? [b.serverSideEncryptionConfiguration.rule] : undefined);
  const block = companion(resources, bucket, 'publicAccessBlock');
  const logging = companion(resources, bucket, 'logging') ?? b.logging;
  const lock = companion(resources, bucket, 'objectLock') ?? b.objectLockConfiguration;
  const lockEnabled = b.objectLockEnabled === true || lock?.objectLockEnabled === 'Enabled';
  const retention = lock?.rule?.defaultRetention;
  const supplementary: JsonObject = {
    BucketVersioningConfiguration: {
      status: status === 'Disabled' ? 'Off' : status,
      isMfaDeleteEnabled: versioning?.mfaDelete === 'Enabled' || b.versioning?.mfaDelete === true ? true : null,
    },
    ServerSideEncryptionConfiguration: {
      rules: (encryption ?? [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }]).map((r: any) => ({
        applyServerSideEncryptionByDefault: {
          sseAlgorithm: r?.applyServerSideEncryptionByDefault?.sseAlgorithm ?? null,
          kmsMasterKeyID: r?.applyServerSideEncryptionByDefault?.kmsMasterKeyId ?? null,
        },
        bucketKeyEnabled: r?.bucketKeyEnabled ?? false,
      })),
    },
    PublicAccessBlockConfiguration: block
      ? {
          blockPublicAcls: block.blockPublicAcls ?? false,
          ignorePublicAcls: block.ignorePublicAcls ?? false,
          blockPublicPolicy: block.blockPublicPolicy ?? false,
          restrictPublicBuckets: block.restrictPublicBuckets ?? false,
        }
      : { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
    BucketLoggingConfiguration: {
      destinationBucketName: logging?.targetBucket ?? null,
      logFilePrefix: logging?.targetPrefix ?? null,
    },
    BucketPolicy: { policyText: policyText(companion(resources, bucket, 'policy')?.policy ?? b.policy) },
  };
  if (lockEnabled) {
    supplementary.ObjectLockConfiguration = {
      objectLockEnabled: 'Enabled',
      rule: retention
        ? {
            defaultRetention: {
              mode: retention.mode ?? null,
              days: retention.days ?? null,
              years: retention.years ?? null,
            },
          }
        : null,
    };
  }
  return {
    resourceType: 'AWS::S3::Bucket',
    resourceId: id,
    configurationItemStatus: 'OK',
    tags: isObject(b.tags) ? b.tags : {},
    configuration: { name: id },
    supplementaryConfiguration: supplementary,
  };
}
