// The configuration recorder, in the order Config requires: service role → delivery bucket (and
// its policy) → recorder → delivery channel → recorder status (enabled). The bucket meets the
// pack's own S3 rules: versioned, KMS-encrypted by default, all public access blocked, owner-
// enforced, TLS only, and Config may deliver only for this account.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { Frequency } from '../rules/_core/rule.js';
import type { RecordingFrequency } from './config.js';
import type { PolicyStatement } from './permissions.js';
import { policyJson, serviceTrust } from './policy.js';

export interface ConfigRecorderArgs {
  namePrefix: string;
  accountId: pulumi.Input<string>;
  partition: pulumi.Input<string>;
  region: pulumi.Input<string>;
  /** Every resource type the selected rules read from Config. */
  resourceTypes: string[];
  recordingFrequency: RecordingFrequency;
  snapshotFrequency: Frequency;
  deliveryTopicArn?: string;
  accessLogBucket?: string;
  /** Keep the bucket (the configuration history) when the stack is destroyed. */
  retainDeliveryBucket: boolean;
}

/** `arn:<partition>:iam::aws:policy/service-role/AWS_ConfigRole`: the current managed policy (AWSConfigRole is retired). */
export const CONFIG_ROLE_POLICY = 'service-role/AWS_ConfigRole';

export class ConfigRecorder extends pulumi.ComponentResource {
  readonly role: aws.iam.Role;
  readonly bucket: aws.s3.Bucket;
  readonly bucketPolicy: aws.s3.BucketPolicy;
  readonly recorder: aws.cfg.Recorder;
  readonly deliveryChannel: aws.cfg.DeliveryChannel;
  readonly status: aws.cfg.RecorderStatus;

  constructor(name: string, args: ConfigRecorderArgs, opts?: pulumi.ComponentResourceOptions) {
    super('ml-config-rules:deploy:ConfigRecorder', name, {}, opts);
    const parent = { parent: this };
    const p = args.namePrefix;

    this.role = new aws.iam.Role(`${name}-role`, {
      name: `${p}config-recorder`,
      description: 'AWS Config service role of the ML config rules pack.',
      assumeRolePolicy: serviceTrust('config.amazonaws.com', args.accountId),
    }, parent);
    const managed = new aws.iam.RolePolicyAttachment(`${name}-managed-policy`, {
      role: this.role.name,
      policyArn: pulumi.interpolate`arn:${args.partition}:iam::aws:policy/${CONFIG_ROLE_POLICY}`,
    }, parent);

    // The bucket and its settings: kept on destroy unless retainDeliveryBucket is false.
    const keep = { parent: this, retainOnDelete: args.retainDeliveryBucket };
    const bucketName = pulumi.interpolate`${p.toLowerCase().replace(/_/g, '-')}config-${args.accountId}-${args.region}`;
    this.bucket = new aws.s3.Bucket(`${name}-bucket`, { bucket: bucketName, forceDestroy: !args.retainDeliveryBucket }, keep);
    const bucketArn = this.bucket.arn;
    const versioning = new aws.s3.BucketVersioning(`${name}-versioning`, {
      bucket: this.bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    }, keep);
    // SSE-KMS with the AWS managed key: Config delivers through its role in this account, which
    // that key serves without a key policy of ours.
    const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-encryption`, {
      bucket: this.bucket.id,
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' }, bucketKeyEnabled: true }],
    }, keep);
    const publicAccess = new aws.s3.BucketPublicAccessBlock(`${name}-public-access`, {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    }, keep);
    const ownership = new aws.s3.BucketOwnershipControls(`${name}-ownership`, {
      bucket: this.bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    }, keep);
    const logging = args.accessLogBucket
      ? [new aws.s3.BucketLogging(`${name}-access-logs`, {
          bucket: this.bucket.id,
          targetBucket: args.accessLogBucket,
          targetPrefix: pulumi.interpolate`${this.bucket.id}/`,
        }, keep)]
      : [];
    const deliveryPath = pulumi.interpolate`${bucketArn}/AWSLogs/${args.accountId}/Config/*`;
    this.bucketPolicy = new aws.s3.BucketPolicy(`${name}-bucket-policy`, {
      bucket: this.bucket.id,
      policy: policyJson(deliveryBucketStatements(bucketArn, deliveryPath, args.accountId)),
    }, { ...keep, dependsOn: [publicAccess, ownership] });

    // Config writes with this role in its own account (and falls back to its service principal,
    // which the bucket policy allows): the role needs the same delivery rights.
    const deliveryRights = new aws.iam.RolePolicy(`${name}-delivery`, {
      role: this.role.name,
      policy: policyJson([
        { Sid: 'DeliverConfigHistory', Effect: 'Allow', Action: 's3:PutObject', Resource: deliveryPath, Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } } },
        { Sid: 'CheckDeliveryBucket', Effect: 'Allow', Action: 's3:GetBucketAcl', Resource: bucketArn },
        ...(args.deliveryTopicArn ? [{ Sid: 'NotifyDeliveries', Effect: 'Allow' as const, Action: 'sns:Publish', Resource: args.deliveryTopicArn }] : []),
      ]),
    }, parent);

    this.recorder = new aws.cfg.Recorder(`${name}-recorder`, {
      name: `${p}recorder`,
      roleArn: this.role.arn,
      recordingGroup: {
        allSupported: false,
        includeGlobalResourceTypes: false,
        resourceTypes: args.resourceTypes,
        recordingStrategies: [{ useOnly: 'INCLUSION_BY_RESOURCE_TYPES' }],
      },
      recordingMode: { recordingFrequency: args.recordingFrequency },
    }, { parent: this, dependsOn: [managed] });

    this.deliveryChannel = new aws.cfg.DeliveryChannel(`${name}-delivery-channel`, {
      name: `${p}delivery`,
      s3BucketName: this.bucket.id,
      ...(args.deliveryTopicArn ? { snsTopicArn: args.deliveryTopicArn } : {}),
      snapshotDeliveryProperties: { deliveryFrequency: args.snapshotFrequency },
    }, { parent: this, dependsOn: [this.recorder, this.bucketPolicy, deliveryRights, versioning, encryption, ...logging] });

    // Starting the recorder needs the delivery channel: the status comes last.
    this.status = new aws.cfg.RecorderStatus(`${name}-status`, {
      name: this.recorder.name,
      isEnabled: true,
    }, { parent: this, dependsOn: [this.deliveryChannel] });

    this.registerOutputs({ bucket: this.bucket.id, recorder: this.recorder.name });
  }
}

/** Config may check and deliver only for this account (AWS:SourceAccount); nothing without TLS. */
export function deliveryBucketStatements(bucketArn: pulumi.Input<string>, deliveryPath: pulumi.Input<string>, accountId: pulumi.Input<string>): PolicyStatement[] {
  const config = { Service: 'config.amazonaws.com' };
  const sourceAccount = { 'AWS:SourceAccount': accountId };
  return [
    { Sid: 'AWSConfigBucketPermissionsCheck', Effect: 'Allow', Principal: config, Action: 's3:GetBucketAcl', Resource: bucketArn, Condition: { StringEquals: sourceAccount } },
    { Sid: 'AWSConfigBucketExistenceCheck', Effect: 'Allow', Principal: config, Action: 's3:ListBucket', Resource: bucketArn, Condition: { StringEquals: sourceAccount } },
    {
      Sid: 'AWSConfigBucketDelivery',
      Effect: 'Allow',
      Principal: config,
      Action: 's3:PutObject',
      Resource: deliveryPath,
      Condition: { StringEquals: { ...sourceAccount, 's3:x-amz-acl': 'bucket-owner-full-control' } },
    },
    {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [bucketArn, pulumi.interpolate`${bucketArn}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ];
}
