// Config's supplementary values for a bucket, from settings named as the S3 API (and CloudFormation,
// which uses the same names) names them: one mapping for the scan's direct adapter and for templates.
import type { JsonObject } from '../rules/_core/items.js';

interface PublicAccessBlockSettings {
  BlockPublicAcls?: boolean;
  IgnorePublicAcls?: boolean;
  BlockPublicPolicy?: boolean;
  RestrictPublicBuckets?: boolean;
}

interface DefaultRetentionSettings {
  Mode?: string;
  Days?: number;
  Years?: number;
}

/** `PublicAccessBlockConfiguration`: a setting left out is false (PutPublicAccessBlock's default). */
export const publicAccessBlockValue = (block: PublicAccessBlockSettings): JsonObject => ({
  blockPublicAcls: block.BlockPublicAcls ?? false,
  ignorePublicAcls: block.IgnorePublicAcls ?? false,
  blockPublicPolicy: block.BlockPublicPolicy ?? false,
  restrictPublicBuckets: block.RestrictPublicBuckets ?? false,
});

/** `ObjectLockConfiguration.rule`: the default retention, or null when there is none. */
export const retentionRuleValue = (retention: DefaultRetentionSettings | undefined | null): JsonObject | null =>
  retention !== null && typeof retention === 'object' && !Array.isArray(retention)
    ? {
        defaultRetention: {
          mode: retention.Mode ?? null,
          days: retention.Days ?? null,
          years: retention.Years ?? null,
        },
      }
    : null;
