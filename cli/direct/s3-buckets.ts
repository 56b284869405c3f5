// S3 buckets read through the S3 API, shaped like Config's AWS::S3::Bucket item: `configuration`
// {name, owner, creationDate} in camelCase, and the bucket settings rules read under
// `supplementaryConfiguration` with Config's names and its "not configured" forms (versioning
// status `Off`, `policyText: null`, logging all null; no key at all for encryption, public
// access block, Object Lock or tags that were never set).
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
  type Bucket,
} from '@aws-sdk/client-s3';
import pMap from 'p-map';
import { clientConfig, keptClient, type ClientOptions, type KeptClient } from '../../rules/_core/clients.js';
import { optionalRead, type InventoryContext } from '../../rules/_core/inventory.js';
import type { ConfigItem, JsonObject } from '../../rules/_core/items.js';
import { DEFAULT_CONCURRENCY } from '../../rules/_inventory/sagemaker.js';
import type { DirectAdapter } from './index.js';
import { publicAccessBlockValue, retentionRuleValue } from '../s3-supplementary.js';

export const RESOURCE_TYPE = 'AWS::S3::Bucket';

export interface S3Context extends InventoryContext {
  s3?: S3Client;
  clientOptions?: ClientOptions;
  /** Only buckets in this Region are listed (Config records a bucket in its own Region). */
  region?: string;
  concurrency?: number;
  now?: Date;
}

/** The error names S3 uses for "this setting was never configured". */
const NOT_CONFIGURED = new Set([
  'ServerSideEncryptionConfigurationNotFoundError',
  'NoSuchPublicAccessBlockConfiguration',
  'NoSuchBucketPolicy',
  'ObjectLockConfigurationNotFoundError',
  'NoSuchTagSet',
]);

async function optional<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (NOT_CONFIGURED.has((error as Error).name)) return undefined;
    throw error;
  }
}

// By Region, each with the options it was built from (clients.ts): other credentials get a client of their own.
const clients = new Map<string, KeptClient<S3Client>>();
function s3Of(context: S3Context): S3Client {
  if (context.s3) return context.s3;
  const options = { ...context.clientOptions, ...(context.region ? { region: context.region } : {}) };
  return keptClient(
    clients,
    options.region ?? 'default',
    options,
    () => new S3Client({ ...clientConfig(options), followRegionRedirects: true }),
  );
}

/** GetBucketLocation: empty means us-east-1, and `EU` is the old name of eu-west-1. */
export function regionOfLocation(constraint: string | undefined | null): string {
  if (!constraint) return 'us-east-1';
  return constraint === 'EU' ? 'eu-west-1' : constraint;
}

const partitionOf = (region: string) =>
  region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';

/** The supplementary configuration Config records for a bucket, from the S3 Get* calls. */
export async function bucketSupplementary(
  s3: S3Client,
  bucket: string,
  reads: { describe: boolean; tags: boolean } = { describe: true, tags: true },
): Promise<JsonObject> {
  const Bucket = bucket;
  const [settings, tagging] = await Promise.all([
    reads.describe ? bucketSettings(s3, Bucket) : undefined,
    reads.tags ? optional(s3.send(new GetBucketTaggingCommand({ Bucket }))) : undefined,
  ]);
  return { ...settings, ...taggingConfiguration(tagging) };
}

/** Config's BucketTaggingConfiguration; nothing for a bucket without tags. */
function taggingConfiguration(tagging: { TagSet?: { Key?: string; Value?: string }[] } | undefined): JsonObject {
  const tagSet = tagging?.TagSet;
  if (!tagSet || tagSet.length === 0) return {};
  return {
    BucketTaggingConfiguration: {
      tagSets: [{ tags: Object.fromEntries(tagSet.filter((t) => t.Key).map((t) => [t.Key!, t.Value ?? ''])) }],
    },
  };
}

/** The bucket settings rules read (the `describe` read of a bucket). */
async function bucketSettings(s3: S3Client, Bucket: string): Promise<JsonObject> {
  const [versioning, encryption, publicAccess, policy, logging, objectLock] = await Promise.all([
    s3.send(new GetBucketVersioningCommand({ Bucket })),
    optional(s3.send(new GetBucketEncryptionCommand({ Bucket }))),
    optional(s3.send(new GetPublicAccessBlockCommand({ Bucket }))),
    optional(s3.send(new GetBucketPolicyCommand({ Bucket }))),
    s3.send(new GetBucketLoggingCommand({ Bucket })),
    optional(s3.send(new GetObjectLockConfigurationCommand({ Bucket }))),
  ]);
  const mfa = versioning.MFADelete;
  const supplementary: JsonObject = {
    BucketVersioningConfiguration: {
      status: versioning.Status ?? 'Off',
      isMfaDeleteEnabled: mfa === 'Enabled' ? true : mfa === 'Disabled' ? false : null,
    },
    BucketLoggingConfiguration: {
      destinationBucketName: logging.LoggingEnabled?.TargetBucket ?? null,
      logFilePrefix: logging.LoggingEnabled?.TargetPrefix ?? null,
    },
    BucketPolicy: { policyText: policy?.Policy ?? null },
  };
  const rules = encryption?.ServerSideEncryptionConfiguration?.Rules;
  if (rules) {
    supplementary.ServerSideEncryptionConfiguration = {
      rules: rules.map((r) => ({
        applyServerSideEncryptionByDefault: r.ApplyServerSideEncryptionByDefault
          ? {
              sseAlgorithm: r.ApplyServerSideEncryptionByDefault.SSEAlgorithm ?? null,
              kmsMasterKeyID: r.ApplyServerSideEncryptionByDefault.KMSMasterKeyID ?? null,
            }
          : null,
        bucketKeyEnabled: r.BucketKeyEnabled ?? false,
      })),
    };
  }
  const block = publicAccess?.PublicAccessBlockConfiguration;
  if (block) {
    supplementary.PublicAccessBlockConfiguration = publicAccessBlockValue(block);
  }
  const lock = objectLock?.ObjectLockConfiguration;
  if (lock) {
    supplementary.ObjectLockConfiguration = {
      objectLockEnabled: lock.ObjectLockEnabled ?? null,
      rule: retentionRuleValue(lock.Rule?.DefaultRetention),
    };
  }
  return supplementary;
}

function bucketItem(
  bucket: Bucket,
  supplementary: JsonObject,
  region: string,
  ownerId: string | undefined,
  context: S3Context,
): ConfigItem {
  const name = bucket.Name!;
  const created = bucket.CreationDate ? new Date(bucket.CreationDate).toISOString() : null;
  const item: ConfigItem = {
    resourceType: RESOURCE_TYPE,
    resourceId: name,
    resourceName: name,
    arn: `arn:${partitionOf(region)}:s3:::${name}`,
    awsRegion: region,
    configurationItemStatus: 'OK',
    configurationItemCaptureTime: (context.now ?? new Date()).toISOString(),
    tags: { ...(supplementary.BucketTaggingConfiguration?.tagSets?.[0]?.tags ?? {}) },
    configuration: { name, owner: { displayName: null, id: ownerId ?? null }, creationDate: created },
    supplementaryConfiguration: supplementary,
  };
  if (context.accountId) item.awsAccountId = context.accountId;
  return item;
}

/** Each bucket's Region: ListBuckets gives it (BucketRegion) where it can, else GetBucketLocation. */
async function regionOf(s3: S3Client, bucket: Bucket): Promise<string> {
  if (bucket.BucketRegion) return bucket.BucketRegion;
  const out = await s3.send(new GetBucketLocationCommand({ Bucket: bucket.Name! }));
  return regionOfLocation(out.LocationConstraint);
}

async function allBuckets(s3: S3Client): Promise<{ buckets: Bucket[]; ownerId: string | undefined }> {
  const buckets: Bucket[] = [];
  let ownerId: string | undefined;
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListBucketsCommand({ MaxBuckets: 1000, ...(token ? { ContinuationToken: token } : {}) }),
    );
    for (const b of page.Buckets ?? []) if (b.Name) buckets.push(b);
    ownerId ??= page.Owner?.ID;
    token = page.ContinuationToken;
  } while (token);
  return { buckets, ownerId };
}

async function scanRegion(s3: S3Client, context: S3Context): Promise<string> {
  return context.region ?? (await s3.config.region());
}

const adapter: DirectAdapter = {
  resourceType: RESOURCE_TYPE,
  actions: {
    list: ['s3:ListAllMyBuckets', 's3:GetBucketLocation'],
    describe: [
      's3:GetBucketVersioning',
      's3:GetEncryptionConfiguration',
      's3:GetBucketPublicAccessBlock',
      's3:GetBucketPolicy',
      's3:GetBucketLogging',
      's3:GetBucketObjectLockConfiguration',
    ],
    tags: ['s3:GetBucketTagging'],
  },
  async list(context: S3Context) {
    const s3 = s3Of(context);
    const region = await scanRegion(s3, context);
    const { buckets, ownerId } = await allBuckets(s3);
    const concurrency = context.concurrency ?? DEFAULT_CONCURRENCY;
    const regions = await pMap(buckets, (b) => regionOf(s3, b), { concurrency });
    const here = buckets.filter((_, i) => regions[i] === region);
    const [settings, tagging] = await Promise.all([
      optionalRead(context, 'describe', () => pMap(here, (b) => bucketSettings(s3, b.Name!), { concurrency })),
      optionalRead(context, 'tags', () =>
        pMap(here, (b) => optional(s3.send(new GetBucketTaggingCommand({ Bucket: b.Name! }))), { concurrency }),
      ),
    ]);
    return here.map((b, i) =>
      bucketItem(b, { ...settings?.[i], ...taggingConfiguration(tagging?.[i]) }, region, ownerId, context),
    );
  },
  async get(context: S3Context, resourceId: string) {
    const s3 = s3Of(context);
    const { buckets, ownerId } = await allBuckets(s3);
    const bucket = buckets.find((b) => b.Name === resourceId);
    if (!bucket) return undefined;
    return bucketItem(bucket, await bucketSupplementary(s3, resourceId), await regionOf(s3, bucket), ownerId, context);
  },
};
export default adapter;
