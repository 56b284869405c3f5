// The configuration recorder, in the order Config requires: service role → delivery bucket (and
// its policy, delivery-bucket.ts) → recorder → delivery channel → recorder status (enabled).
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { Frequency } from '../rules/_core/rule.js';
import type { RecordingFrequency } from './config.js';
import { deliveryPath, KEY_ACTIONS, type DeliveryBucket } from './delivery-bucket.js';
import type { PolicyStatement } from './permissions.js';
import { serviceTrust } from './policy.js';
import { sizedPolicy } from './quotas.js';
import { OVERRIDE_DESCRIPTION, recordingModeFor, type RecordingModeSpec } from './recording-mode.js';

const pulumiRecordingMode = (mode: RecordingModeSpec) => ({
  recordingFrequency: mode.recordingFrequency,
  ...(mode.continuousOverride
    ? {
        recordingModeOverride: {
          description: OVERRIDE_DESCRIPTION,
          recordingFrequency: 'CONTINUOUS',
          resourceTypes: mode.continuousOverride,
        },
      }
    : {}),
});

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
  /** Where Config delivers (created by the program, shared with member recorders). */
  delivery: DeliveryBucket;
}

/** The recorder and delivery channel this stack creates: how a later preview knows them as its own. */
export const recorderNameOf = (prefix: string) => `${prefix}recorder`;
export const deliveryChannelNameOf = (prefix: string) => `${prefix}delivery`;
export const recorderRoleNameOf = (prefix: string) => `${prefix}config-recorder`;

/** `arn:<partition>:iam::aws:policy/service-role/AWS_ConfigRole`: the current managed policy (AWSConfigRole is retired). */
export const CONFIG_ROLE_POLICY = 'service-role/AWS_ConfigRole';

export class ConfigRecorder extends pulumi.ComponentResource {
  readonly role: aws.iam.Role;
  readonly bucket: aws.s3.Bucket;
  readonly recorder: aws.cfg.Recorder;
  readonly deliveryChannel: aws.cfg.DeliveryChannel;
  readonly status: aws.cfg.RecorderStatus;

  constructor(name: string, args: ConfigRecorderArgs, opts?: pulumi.ComponentResourceOptions) {
    super('ml-config-rules:deploy:ConfigRecorder', name, {}, opts);
    const parent = { parent: this };
    const p = args.namePrefix;

    this.role = new aws.iam.Role(
      `${name}-role`,
      {
        name: recorderRoleNameOf(p),
        description: 'AWS Config service role of the ML config rules pack.',
        assumeRolePolicy: serviceTrust('config.amazonaws.com', args.accountId),
      },
      parent,
    );
    const managed = new aws.iam.RolePolicyAttachment(
      `${name}-managed-policy`,
      {
        role: this.role.name,
        policyArn: pulumi.interpolate`arn:${args.partition}:iam::aws:policy/${CONFIG_ROLE_POLICY}`,
      },
      parent,
    );

    const delivery = args.delivery;
    this.bucket = delivery.bucket;
    const bucketArn = delivery.arn;
    const ownPath = deliveryPath(bucketArn, args.accountId);

    // Config writes with this role first, with an ACL header (the role policy AWS shows grants
    // s3:PutObject and s3:PutObjectAcl, https://docs.aws.amazon.com/config/latest/developerguide/iamrole-permissions.html),
    // and falls back to its service principal, which the bucket policy allows.
    const keyArn = delivery.key?.arn;
    const deliveryRights = new aws.iam.RolePolicy(
      `${name}-delivery`,
      {
        role: this.role.name,
        policy: sizedPolicy(
          'role inline',
          'the recorder role',
          pulumi.all([ownPath, bucketArn, keyArn]).apply(([path, arn, key]): PolicyStatement[] => [
            {
              Sid: 'DeliverConfigHistory',
              Effect: 'Allow',
              Action: ['s3:PutObject', 's3:PutObjectAcl'],
              Resource: path,
              Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
            },
            { Sid: 'CheckDeliveryBucket', Effect: 'Allow', Action: 's3:GetBucketAcl', Resource: arn },
            ...(key
              ? [{ Sid: 'EncryptDeliveries', Effect: 'Allow' as const, Action: KEY_ACTIONS, Resource: key }]
              : []),
            ...(args.deliveryTopicArn
              ? [
                  {
                    Sid: 'NotifyDeliveries',
                    Effect: 'Allow' as const,
                    Action: 'sns:Publish',
                    Resource: args.deliveryTopicArn,
                  },
                ]
              : []),
          ]),
          'report this as a bug: the grant does not grow with configuration',
        ),
      },
      parent,
    );

    this.recorder = new aws.cfg.Recorder(
      `${name}-recorder`,
      {
        name: recorderNameOf(p),
        roleArn: this.role.arn,
        recordingGroup: {
          allSupported: false,
          includeGlobalResourceTypes: false,
          resourceTypes: args.resourceTypes,
          recordingStrategies: [{ useOnly: 'INCLUSION_BY_RESOURCE_TYPES' }],
        },
        recordingMode: pulumiRecordingMode(recordingModeFor(args.recordingFrequency, args.resourceTypes)),
      },
      { parent: this, dependsOn: [managed] },
    );

    this.deliveryChannel = new aws.cfg.DeliveryChannel(
      `${name}-delivery-channel`,
      {
        name: deliveryChannelNameOf(p),
        s3BucketName: this.bucket.id,
        ...(keyArn ? { s3KmsKeyArn: keyArn } : {}),
        ...(args.deliveryTopicArn ? { snsTopicArn: args.deliveryTopicArn } : {}),
        snapshotDeliveryProperties: { deliveryFrequency: args.snapshotFrequency },
      },
      { parent: this, dependsOn: [this.recorder, deliveryRights, ...delivery.ready] },
    );

    // Starting the recorder needs the delivery channel: the status comes last.
    this.status = new aws.cfg.RecorderStatus(
      `${name}-status`,
      {
        name: this.recorder.name,
        isEnabled: true,
      },
      { parent: this, dependsOn: [this.deliveryChannel] },
    );

    this.registerOutputs({ bucket: this.bucket.id, recorder: this.recorder.name });
  }
}
