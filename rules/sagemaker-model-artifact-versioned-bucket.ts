import { modelContainers, shown } from './_core/checks.js';
import type { JsonObject } from './_core/items.js';
import { defineRule, compliant, nonCompliant, notApplicable } from './_core/rule.js';

const BUCKET_TYPE = 'AWS::S3::Bucket';
const S3_HOST = String.raw`s3(?:[.-](?:dualstack\.)?[a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?`;
const VIRTUAL_HOSTED = new RegExp(`^(.+)\\.${S3_HOST}$`);
const PATH_STYLE = new RegExp(`^${S3_HOST}$`);
const BUCKET_NAME = /^[a-z0-9][a-z0-9._-]*$/i;

/**
 * The bucket of `s3://bucket/key`, `https://bucket.s3.<region>.amazonaws.com/key` or
 * `https://s3.<region>.amazonaws.com/bucket/key`. SageMaker takes only `s3://` and `https://`
 * URLs for model data (its pattern is `(https|s3)://([^/]+)/?(.*)`), so every other one is HTTPS.
 */
function bucketOf(uri: string): string | undefined {
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/i.exec(uri);
  if (!m) return undefined;
  const host = m[2]!.toLowerCase();
  const bucket =
    m[1]!.toLowerCase() === 's3'
      ? m[2]
      : (VIRTUAL_HOSTED.exec(host)?.[1] ?? (PATH_STYLE.test(host) ? m[3]!.split('/')[1] : undefined));
  return bucket && BUCKET_NAME.test(bucket) ? bucket : undefined;
}

/** Every S3 URI that holds model artifacts, with the field an annotation names. */
function artifacts(configuration: JsonObject): { field: string; uri: string }[] {
  const found: { field: string; uri: string }[] = [];
  // Validated: each is a string, or unset (null or absent); an empty string names nothing either.
  const add = (field: string, uri: string | null | undefined) => {
    if (uri) found.push({ field, uri });
  };
  for (const [name, c] of modelContainers(configuration)) {
    add(`${name}.ModelDataUrl`, c.ModelDataUrl);
    add(`${name}.ModelDataSource.S3DataSource.S3Uri`, c.ModelDataSource?.S3DataSource?.S3Uri);
    c.AdditionalModelDataSources?.forEach((s: JsonObject, i: number) => {
      add(`${name}.AdditionalModelDataSources[${i}].S3DataSource.S3Uri`, s.S3DataSource?.S3Uri);
    });
  }
  return found;
}

export default defineRule({
  id: 'sagemaker-model-artifact-versioned-bucket',
  description:
    "The S3 buckets holding a SageMaker model's artifacts (ModelDataUrl, ModelDataSource S3Uri of every container) have versioning Enabled, as AWS Config recorded them; an unknown bucket fails. Image-only models are NOT_APPLICABLE.",
  controls: [],
  // No Security Hub control; Low, as Security Hub rates S3.14 (bucket versioning), which this rule applies to model artifact buckets.
  severity: 'low',
  rationale:
    'A SageMaker model points at its artifacts by S3 URL. If the bucket is not versioned, overwriting model.tar.gz silently changes what the model serves on the next scale-out or redeploy, and the artifact a model was approved with cannot be recovered. Versioning makes each artifact reproducible.',
  manualRemediation:
    'Enable versioning on the bucket named in the annotation (`aws s3api put-bucket-versioning --bucket BUCKET --versioning-configuration Status=Enabled`, or `VersioningConfiguration: { Status: Enabled }` in CloudFormation). A bucket Config does not know must be recorded in this account and Region (or the artifacts copied to a bucket that is). Write each model version under a new key rather than overwriting one.',
  resourceTypes: ['AWS::SageMaker::Model'],
  lookupTypes: ['AWS::S3::Bucket'],
  trigger: 'change',
  parameters: {},
  lookups: ({ configuration }) => {
    const buckets = new Set(artifacts(configuration).map((a) => bucketOf(a.uri)));
    return [...buckets].filter((b) => b !== undefined).map((resourceId) => ({ resourceType: BUCKET_TYPE, resourceId }));
  },
  evaluate: ({ configuration }, _params, { lookup }) => {
    const found = artifacts(configuration);
    // Nothing to version: the model runs from its image alone (or from a model package).
    if (found.length === 0) return notApplicable('no S3 model artifacts (ModelDataUrl or ModelDataSource)');
    for (const { field, uri } of found) {
      const bucket = bucketOf(uri);
      if (!bucket) return nonCompliant(`${field} ${shown(uri)} names no S3 bucket`);
      const item = lookup(BUCKET_TYPE, bucket);
      if (!item)
        return nonCompliant(
          `${field} bucket ${bucket} is unknown to AWS Config (not recorded in this account and Region)`,
        );
      const status = item.supplementaryConfiguration.BucketVersioningConfiguration?.status ?? 'Off';
      if (status !== 'Enabled')
        return nonCompliant(`${field} bucket ${bucket} has BucketVersioningConfiguration.status ${status}`);
    }
    return compliant();
  },
});
