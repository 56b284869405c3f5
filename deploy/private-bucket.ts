// What every bucket the deploy creates carries, whatever it holds: all four public access blocks,
// bucket-owner-enforced ownership (no ACLs), and server access logs where the stack names a log
// bucket. The delivery bucket and the schema-package bucket differ in retention, encryption and
// policy; these parts they share.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { PolicyStatement } from './permissions.js';

/**
 * The bucket-policy statement every bucket of the deploy ends with: any request not over TLS is
 * denied (https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html).
 */
export const denyInsecureTransport = (bucketArn: string): PolicyStatement => ({
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [bucketArn, `${bucketArn}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

export interface PrivateBucketParts {
  publicAccess: aws.s3.BucketPublicAccessBlock;
  ownership: aws.s3.BucketOwnershipControls;
  /** Empty without an access-log bucket. */
  logging: aws.s3.BucketLogging[];
}

export function privateBucketParts(
  name: string,
  bucket: aws.s3.Bucket,
  accessLogBucket: string | undefined,
  opts: pulumi.CustomResourceOptions,
): PrivateBucketParts {
  const publicAccess = new aws.s3.BucketPublicAccessBlock(
    `${name}-public-access`,
    {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    opts,
  );
  const ownership = new aws.s3.BucketOwnershipControls(
    `${name}-ownership`,
    { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } },
    opts,
  );
  const logging = accessLogBucket
    ? [
        new aws.s3.BucketLogging(
          `${name}-access-logs`,
          { bucket: bucket.id, targetBucket: accessLogBucket, targetPrefix: pulumi.interpolate`${bucket.id}/` },
          opts,
        ),
      ]
    : [];
  return { publicAccess, ownership, logging };
}
