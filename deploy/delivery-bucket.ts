// The bucket Config delivers configuration history and snapshots to: this account's recorder and,
// with `memberRecorder: create`, every member account's. Versioned, all public access blocked,
// owner-enforced, TLS only, and encrypted so that both of Config's write paths work: Config writes
// with the recorder's role first and falls back to its service principal, which cannot use the
// AWS managed aws/s3 key (https://docs.aws.amazon.com/config/latest/developerguide/s3-kms-key-policy.html).
// So: SSE-S3 by default, or a customer-managed key the deploy creates, whose policy lets Config use it.
import * as aws from '@pulumi/aws';
import { denyInsecureTransport, privateBucketParts } from './private-bucket.js';
import * as pulumi from '@pulumi/pulumi';
import { builtNameProblem, type BuiltName } from './built-names.js';
import { NAMESPACE, StackConfigError, type DeliveryBucketEncryption } from './config.js';
import { deliveryBucketName, deliveryKeyAlias } from './names.js';
import type { PolicyStatement } from './permissions.js';
import { sizedPolicy } from './quotas.js';

/** The accounts of an organization whose recorders deliver here (memberRecorder: create). */
export interface MemberDelivery {
  organizationId: pulumi.Input<string>;
  accounts: pulumi.Input<string[]>;
  /** The recorder role the stack set creates in every member account. */
  recorderRoleName: string;
}

export interface DeliveryBucketArgs {
  namePrefix: string;
  accountId: pulumi.Input<string>;
  partition: pulumi.Input<string>;
  region: pulumi.Input<string>;
  encryption: DeliveryBucketEncryption;
  accessLogBucket?: string;
  /** Keep the bucket (the configuration history) when the stack is destroyed. */
  retain: boolean;
  members?: MemberDelivery;
}

const CONFIG = { Service: 'config.amazonaws.com' };
/** What a writer of the delivery path needs on a customer-managed key (Config's key policy example). */
export const KEY_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey'];

export class DeliveryBucket extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  readonly arn: pulumi.Output<string>;
  /** The customer-managed key, with encryption KMS. */
  readonly key?: aws.kms.Key;
  /** Everything Config's delivery needs in place first. */
  readonly ready: pulumi.Resource[];

  constructor(name: string, args: DeliveryBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super('ml-config-rules:deploy:DeliveryBucket', name, {}, opts);
    const keep = { parent: this, retainOnDelete: args.retain };
    const p = args.namePrefix;
    // Checked at preview with the longest Region (config.ts), and here with the real one.
    const bucketName = pulumi.all([args.accountId, args.region]).apply(([account, region]) => {
      const built: BuiltName = { key: 'namePrefix', kind: 'bucket', name: deliveryBucketName(p, account, region) };
      const problem = builtNameProblem(built);
      if (problem) throw new StackConfigError(`${NAMESPACE}:namePrefix: ${problem}`);
      return built.name;
    });
    this.bucket = new aws.s3.Bucket(`${name}-bucket`, { bucket: bucketName, forceDestroy: !args.retain }, keep);
    this.arn = this.bucket.arn;
    const versioning = new aws.s3.BucketVersioning(
      `${name}-versioning`,
      {
        bucket: this.bucket.id,
        versioningConfiguration: { status: 'Enabled' },
      },
      keep,
    );

    if (args.encryption === 'KMS') {
      this.key = new aws.kms.Key(
        `${name}-key`,
        {
          description: 'Encrypts the configuration history AWS Config delivers for the ML config rules pack.',
          enableKeyRotation: true,
          deletionWindowInDays: 30,
          policy: sizedPolicy('key', 'the delivery bucket key', keyStatements(args), 'list fewer member accounts'),
        },
        keep,
      );
      new aws.kms.Alias(`${name}-key-alias`, { name: deliveryKeyAlias(p), targetKeyId: this.key.keyId }, keep);
    }
    const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      {
        bucket: this.bucket.id,
        rules: [
          this.key
            ? {
                applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: this.key.arn },
                bucketKeyEnabled: true,
              }
            : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
        ],
      },
      keep,
    );
    const { publicAccess, ownership, logging } = privateBucketParts(name, this.bucket, args.accessLogBucket, keep);
    const policy = new aws.s3.BucketPolicy(
      `${name}-bucket-policy`,
      {
        bucket: this.bucket.id,
        policy: sizedPolicy(
          'bucket',
          'the delivery bucket',
          deliveryBucketStatements(this.arn, args.accountId, args.partition, args.members),
          'list fewer member accounts in ml-config-rules:memberAccounts',
        ),
      },
      { ...keep, dependsOn: [publicAccess, ownership] },
    );
    this.ready = [policy, versioning, encryption, ...logging];
    this.registerOutputs({ bucket: this.bucket.id });
  }
}

/** Where Config writes for one account (`AWSLogs/<account>/Config/*`), or for any account (`*`). */
export const deliveryPath = (bucketArn: pulumi.Input<string>, account: pulumi.Input<string>) =>
  pulumi.interpolate`${bucketArn}/AWSLogs/${account}/Config/*`;

/**
 * Config may check and deliver only for this account (AWS:SourceAccount), as the bucket policy page
 * shows (https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html); nothing
 * without TLS. With member recorders: their service principal for the listed member accounts (one
 * statement, so 1,000 accounts fit the 20 KB quota), and their recorder role for the organization.
 */
export function deliveryBucketStatements(
  bucketArn: pulumi.Input<string>,
  accountId: pulumi.Input<string>,
  partition: pulumi.Input<string>,
  members?: MemberDelivery,
): pulumi.Output<PolicyStatement[]> {
  return pulumi
    .all([bucketArn, accountId, partition, members?.accounts ?? [], members?.organizationId ?? ''])
    .apply(([arn, account, p, memberAccounts, orgId]): PolicyStatement[] => {
      const sourceAccount = { 'AWS:SourceAccount': account };
      const own: PolicyStatement[] = [
        {
          Sid: 'AWSConfigBucketPermissionsCheck',
          Effect: 'Allow',
          Principal: CONFIG,
          Action: 's3:GetBucketAcl',
          Resource: arn,
          Condition: { StringEquals: sourceAccount },
        },
        {
          Sid: 'AWSConfigBucketExistenceCheck',
          Effect: 'Allow',
          Principal: CONFIG,
          Action: 's3:ListBucket',
          Resource: arn,
          Condition: { StringEquals: sourceAccount },
        },
        {
          Sid: 'AWSConfigBucketDelivery',
          Effect: 'Allow',
          Principal: CONFIG,
          Action: 's3:PutObject',
          Resource: `${arn}/AWSLogs/${account}/Config/*`,
          Condition: { StringEquals: { ...sourceAccount, 's3:x-amz-acl': 'bucket-owner-full-control' } },
        },
      ];
      const fromMembers: PolicyStatement[] =
        members && memberAccounts.length > 0
          ? [
              {
                Sid: 'MemberConfigDelivery',
                Effect: 'Allow',
                Principal: CONFIG,
                Action: ['s3:GetBucketAcl', 's3:ListBucket', 's3:PutObject'],
                Resource: [arn, `${arn}/AWSLogs/*/Config/*`],
                Condition: { StringEquals: { 'AWS:SourceAccount': memberAccounts } },
              },
              {
                Sid: 'MemberRecorderRoleDelivery',
                Effect: 'Allow',
                Principal: { AWS: '*' },
                Action: ['s3:GetBucketAcl', 's3:ListBucket', 's3:PutObject', 's3:PutObjectAcl'],
                Resource: [arn, `${arn}/AWSLogs/*/Config/*`],
                Condition: {
                  StringEquals: { 'aws:PrincipalOrgID': orgId },
                  ArnLike: { 'aws:PrincipalArn': `arn:${p}:iam::*:role/${members.recorderRoleName}` },
                },
              },
            ]
          : [];
      return [...own, ...fromMembers, denyInsecureTransport(arn)];
    });
}

/**
 * The key policy: this account administers the key through IAM (the default key policy,
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html); Config's service
 * principal may use it only for this account (and the member accounts); member recorder roles of
 * the organization may use it.
 */
function keyStatements(args: DeliveryBucketArgs): pulumi.Output<PolicyStatement[]> {
  return pulumi
    .all([args.accountId, args.partition, args.members?.accounts ?? [], args.members?.organizationId ?? ''])
    .apply(([account, p, memberAccounts, orgId]): PolicyStatement[] => [
      {
        Sid: 'EnableIamPolicies',
        Effect: 'Allow',
        Principal: { AWS: `arn:${p}:iam::${account}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
      {
        Sid: 'ConfigDelivery',
        Effect: 'Allow',
        Principal: CONFIG,
        Action: KEY_ACTIONS,
        Resource: '*',
        Condition: { StringEquals: { 'AWS:SourceAccount': [account, ...memberAccounts] } },
      },
      ...(args.members && memberAccounts.length > 0
        ? [
            {
              Sid: 'MemberRecorderRoleDelivery',
              Effect: 'Allow' as const,
              Principal: { AWS: '*' },
              Action: KEY_ACTIONS,
              Resource: '*',
              Condition: {
                StringEquals: { 'aws:PrincipalOrgID': orgId },
                ArnLike: { 'aws:PrincipalArn': `arn:${p}:iam::*:role/${args.members.recorderRoleName}` },
              },
            },
          ]
        : []),
    ]);
}
