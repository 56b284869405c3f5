// The schema handler packages of the tracked types: one bucket, one object per type. A package is
// the zip the CloudFormation CLI builds for a type without handlers, schema.json and .rpdk-config
// (rules/_tracking/types.ts); RegisterType reads it from S3, as whoever registers: "the user needs
// to have GetObject permissions for the schema handler package"
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_RegisterType.html).
// Each object's key carries a digest of its contents, so a changed schema is a new object and a
// new registration (registrations.ts), and an unchanged one touches nothing.
//
// The bucket is private and passes the pack's own S3 rules: versioning, all four public access
// blocks, bucket-owner-enforced ownership, a policy that denies requests without TLS, SSE-KMS by
// default (the AWS managed key aws/s3; in organization mode a key the deploy creates, named by its
// full ARN as cross-account use requires: an AWS managed key's policy cannot be changed, so no
// other account can be let use it, https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-key),
// Object Lock enabled without a default retention (nothing is locked: a package a schema change
// replaces can still be removed), and the access logs of the delivery bucket when the stack sets
// accessLogBucket. In organization mode the policy lets the organization's service-managed
// StackSets execution roles, which register the types in each member account (`stacksets-exec-*`,
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-custom-execution-role.html),
// read the packages, and nothing else of the bucket (aws:PrincipalOrgID,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid).
import { createHash } from 'node:crypto';
import * as aws from '@pulumi/aws';
import { denyInsecureTransport, privateBucketParts } from './private-bucket.js';
import * as pulumi from '@pulumi/pulumi';
import { rpdkConfig, schemaJson, type TrackedType } from '../rules/_tracking/types.js';
import { builtNameProblem, type BuiltName } from './built-names.js';
import { NAMESPACE, StackConfigError } from './config.js';
import { schemaBucketName, schemaKeyAlias } from './names.js';
import { KEY_ADMIN_ACTIONS } from './notifications.js';
import type { PolicyStatement } from './permissions.js';
import { sizedPolicy } from './quotas.js';

/** Where the packages live in the bucket. */
export const PACKAGE_PREFIX = 'schemas/';
/** The role a service-managed stack set runs as in each member account. */
export const STACKSETS_EXECUTION_ROLE = 'stacksets-exec-*';

/** The two files of a type's package. */
export const packageFiles = (type: TrackedType): Record<string, string> => ({
  'schema.json': schemaJson(type),
  '.rpdk-config': rpdkConfig(type),
});

/** SHA-256 of the files (names and contents, in order), the first 16 hex digits. */
export function packageDigest(files: Record<string, string>): string {
  const hash = createHash('sha256');
  for (const [name, text] of Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)))
    hash.update(`${name}\u0000${text}\u0000`);
  return hash.digest('hex').slice(0, 16);
}

/** `schemas/MLConfigRules-SageMaker-TrainingJob/<digest>.zip`. */
export const packageKey = (type: TrackedType, digest: string) =>
  `${PACKAGE_PREFIX}${type.typeName.replaceAll('::', '-')}/${digest}.zip`;

export interface SchemaPackagesArgs {
  namePrefix: string;
  accountId: pulumi.Input<string>;
  partition: pulumi.Input<string>;
  region: pulumi.Input<string>;
  types: TrackedType[];
  accessLogBucket?: string;
  /** Organization mode: the organization whose StackSets execution roles may read the packages. */
  organizationId?: pulumi.Input<string>;
}

export interface SchemaPackage {
  type: TrackedType;
  key: string;
  digest: string;
  object: aws.s3.BucketObjectv2;
  /** `s3://bucket/key`, as RegisterType and AWS::CloudFormation::ResourceVersion take it. */
  url: pulumi.Output<string>;
}

export class SchemaPackages extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  readonly key?: aws.kms.Key;
  readonly packages: SchemaPackage[];
  /** The bucket's settings and policy: a registration reads a package only once they are in place. */
  readonly ready: pulumi.Resource[];

  constructor(name: string, args: SchemaPackagesArgs, opts?: pulumi.ComponentResourceOptions) {
    super('ml-config-rules:deploy:SchemaPackages', name, {}, opts);
    const parent = { parent: this };
    const p = args.namePrefix;
    // Checked at preview with the longest Region (config.ts), and here with the real one.
    const bucketName = pulumi.all([args.accountId, args.region]).apply(([account, region]) => {
      const built: BuiltName = { key: 'namePrefix', kind: 'bucket', name: schemaBucketName(p, account, region) };
      const problem = builtNameProblem(built);
      if (problem) throw new StackConfigError(`${NAMESPACE}:namePrefix: ${problem}`);
      return built.name;
    });
    // The packages are built from the code: nothing in the bucket needs keeping past the stack.
    this.bucket = new aws.s3.Bucket(
      `${name}-bucket`,
      { bucket: bucketName, forceDestroy: true, objectLockEnabled: true },
      parent,
    );
    const versioning = new aws.s3.BucketVersioning(
      `${name}-versioning`,
      { bucket: this.bucket.id, versioningConfiguration: { status: 'Enabled' } },
      parent,
    );
    if (args.organizationId !== undefined) {
      this.key = new aws.kms.Key(
        `${name}-key`,
        {
          description: 'Encrypts the schema handler packages of the ML config rules tracked types.',
          enableKeyRotation: true,
          deletionWindowInDays: 30,
          policy: sizedPolicy('key', 'the schema package key', keyStatements(args), 'report this as a bug'),
        },
        parent,
      );
      new aws.kms.Alias(`${name}-key-alias`, { name: schemaKeyAlias(p), targetKeyId: this.key.keyId }, parent);
    }
    const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      {
        bucket: this.bucket.id,
        rules: [
          {
            // No key id: the AWS managed key aws/s3.
            applyServerSideEncryptionByDefault: {
              sseAlgorithm: 'aws:kms',
              ...(this.key ? { kmsMasterKeyId: this.key.arn } : {}),
            },
            bucketKeyEnabled: true,
          },
        ],
      },
      parent,
    );
    const { publicAccess, ownership, logging } = privateBucketParts(name, this.bucket, args.accessLogBucket, parent);
    const policy = new aws.s3.BucketPolicy(
      `${name}-bucket-policy`,
      {
        bucket: this.bucket.id,
        policy: sizedPolicy(
          'bucket',
          'the schema package bucket',
          schemaBucketStatements(this.bucket.arn, args.partition, args.organizationId),
          'report this as a bug: the policy does not grow with the organization',
        ),
      },
      { parent: this, dependsOn: [publicAccess, ownership] },
    );
    this.ready = [policy, versioning, encryption, ...logging];

    this.packages = args.types.map((type) => {
      const files = packageFiles(type);
      const digest = packageDigest(files);
      const key = packageKey(type, digest);
      const object = new aws.s3.BucketObjectv2(
        `${name}-${type.resource}`,
        {
          bucket: this.bucket.id,
          key,
          contentType: 'application/zip',
          source: new pulumi.asset.AssetArchive(
            Object.fromEntries(Object.entries(files).map(([file, text]) => [file, new pulumi.asset.StringAsset(text)])),
          ),
        },
        { parent: this, dependsOn: this.ready },
      );
      return { type, key, digest, object, url: pulumi.interpolate`s3://${object.bucket}/${object.key}` };
    });
    this.registerOutputs({ bucket: this.bucket.id });
  }
}

/** Nothing without TLS; in organization mode, the members' StackSets execution roles may read the packages. */
export function schemaBucketStatements(
  bucketArn: pulumi.Input<string>,
  partition: pulumi.Input<string>,
  organizationId?: pulumi.Input<string>,
): pulumi.Output<PolicyStatement[]> {
  return pulumi.all([bucketArn, partition, organizationId ?? '']).apply(([arn, p, orgId]): PolicyStatement[] => [
    ...(organizationId !== undefined
      ? [
          {
            Sid: 'StackSetsReadSchemaPackages',
            Effect: 'Allow' as const,
            Principal: { AWS: '*' },
            Action: 's3:GetObject',
            Resource: `${arn}/${PACKAGE_PREFIX}*`,
            Condition: {
              StringEquals: { 'aws:PrincipalOrgID': orgId },
              ArnLike: { 'aws:PrincipalArn': `arn:${p}:iam::*:role/${STACKSETS_EXECUTION_ROLE}` },
            },
          },
        ]
      : []),
    denyInsecureTransport(arn),
  ]);
}

/**
 * The key policy, without wildcard actions as the topic key's (notifications.ts): this account
 * administers the key, and uses it through S3 only (the deploy writes the packages, and
 * RegisterType reads them, as their caller); the members' StackSets execution roles may decrypt,
 * through S3 only (kms:ViaService,
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service).
 */
function keyStatements(args: SchemaPackagesArgs): pulumi.Output<PolicyStatement[]> {
  return pulumi
    .all([args.accountId, args.partition, args.region, args.organizationId ?? ''])
    .apply(([account, p, region, orgId]): PolicyStatement[] => {
      const viaS3 = { 'kms:ViaService': `s3.${region}.amazonaws.com` };
      const root = { AWS: `arn:${p}:iam::${account}:root` };
      return [
        { Sid: 'AccountAdministersKey', Effect: 'Allow', Principal: root, Action: KEY_ADMIN_ACTIONS, Resource: '*' },
        {
          Sid: 'AccountUsesKeyThroughS3',
          Effect: 'Allow',
          Principal: root,
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Resource: '*',
          Condition: { StringEquals: viaS3 },
        },
        {
          Sid: 'StackSetsReadSchemaPackages',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'kms:Decrypt',
          Resource: '*',
          Condition: {
            StringEquals: { 'aws:PrincipalOrgID': orgId, ...viaS3 },
            ArnLike: { 'aws:PrincipalArn': `arn:${p}:iam::*:role/${STACKSETS_EXECUTION_ROLE}` },
          },
        },
      ];
    });
}
