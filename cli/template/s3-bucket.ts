// AWS::S3::Bucket properties → the supplementary configuration AWS Config records for a bucket
// (camelCase inside PascalCase keys, as in Config's S3 items). Where the template says nothing,
// the value is what S3 gives every new bucket, because that is what Config will record:
//  - default encryption SSE-S3 (AES256) since January 2023:
//    https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html
//  - all four Block Public Access settings on since April 2023:
//    https://aws.amazon.com/blogs/aws/heads-up-amazon-s3-security-changes-are-coming-in-april-of-2023/
//  - LoggingConfiguration without DestinationBucketName logs to the bucket itself:
//    https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-loggingconfiguration.html
// The bucket policy comes from an AWS::S3::BucketPolicy of the same template whose Bucket is this one.
import type { JsonObject } from '../../rules/_core/items.js';
import type { Resolver } from './intrinsics.js';
import type { Template, TemplateResource } from './parse.js';
import { publicAccessBlockValue, retentionRuleValue } from '../s3-supplementary.js';

export const S3_BUCKET = 'AWS::S3::Bucket';
const isObject = (v: unknown): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Each bucket's first AWS::S3::BucketPolicy, by the bucket it names: read once per template, so
 * finding a bucket's policy does not walk every resource again (linear in the template's size).
 */
export function bucketPolicies(template: Template, resolver: Resolver): Map<string, TemplateResource> {
  const byBucket = new Map<string, TemplateResource>();
  for (const resource of Object.values(template.Resources)) {
    if (resource.Type !== 'AWS::S3::BucketPolicy') continue;
    const bucket = resolver.resolve(resource.Properties?.Bucket);
    if (typeof bucket === 'string' && !byBucket.has(bucket)) byBucket.set(bucket, resource);
  }
  return byBucket;
}

/** The policy document of a bucket's policy resource, as the JSON string Config keeps; null without one. */
export function bucketPolicyText(policy: TemplateResource | undefined, resolver: Resolver): string | null {
  return policy ? JSON.stringify(resolver.resolve(policy.Properties?.PolicyDocument ?? null)) : null;
}

function encryption(bucketEncryption: unknown): JsonObject {
  const rules = isObject(bucketEncryption) ? bucketEncryption.ServerSideEncryptionConfiguration : undefined;
  if (!Array.isArray(rules))
    return {
      rules: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256', kmsMasterKeyID: null },
          bucketKeyEnabled: false,
        },
      ],
    };
  return {
    rules: rules.map((r: any) => ({
      applyServerSideEncryptionByDefault: {
        sseAlgorithm: r?.ServerSideEncryptionByDefault?.SSEAlgorithm ?? null,
        kmsMasterKeyID: r?.ServerSideEncryptionByDefault?.KMSMasterKeyID ?? null,
      },
      bucketKeyEnabled: r?.BucketKeyEnabled ?? false,
    })),
  };
}

function publicAccessBlock(block: unknown): JsonObject {
  if (!isObject(block))
    return { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
  return publicAccessBlockValue(block);
}

function objectLock(properties: Record<string, any>): JsonObject | null {
  const configuration = isObject(properties.ObjectLockConfiguration) ? properties.ObjectLockConfiguration : {};
  const enabled =
    properties.ObjectLockEnabled === true ||
    properties.ObjectLockEnabled === 'true' ||
    configuration.ObjectLockEnabled === 'Enabled';
  if (!enabled) return null;
  const retention = configuration.Rule?.DefaultRetention;
  return {
    objectLockEnabled: 'Enabled',
    rule: retentionRuleValue(retention),
  };
}

export function s3BucketSupplementary(
  bucketId: string,
  properties: Record<string, any>,
  policyText: string | null,
): JsonObject {
  const logging = properties.LoggingConfiguration;
  const supplementary: JsonObject = {
    BucketVersioningConfiguration: {
      status: properties.VersioningConfiguration?.Status ?? 'Off',
      isMfaDeleteEnabled: null,
    },
    ServerSideEncryptionConfiguration: encryption(properties.BucketEncryption),
    PublicAccessBlockConfiguration: publicAccessBlock(properties.PublicAccessBlockConfiguration),
    BucketLoggingConfiguration: isObject(logging)
      ? {
          destinationBucketName: logging.DestinationBucketName ?? bucketId,
          logFilePrefix: logging.LogFilePrefix ?? null,
        }
      : { destinationBucketName: null, logFilePrefix: null },
    BucketPolicy: { policyText },
  };
  const lock = objectLock(properties);
  if (lock) supplementary.ObjectLockConfiguration = lock;
  return supplementary;
}
