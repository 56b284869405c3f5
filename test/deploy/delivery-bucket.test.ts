// The delivery bucket the deploy creates, written as the configuration item Config would record
// for it (from the inputs the program gives the bucket and its settings), is judged by the pack's
// own S3 rules as shipped (their default parameters, no tag scope).
import { describe, expect, it } from 'vitest';
import { evaluateItem } from '../../rules/_core/engine.js';
import { normaliseItem, type ConfigItem } from '../../rules/_core/items.js';
import { parseParams } from '../../rules/_core/params.js';
import { rules } from '../../rules/index.js';
import { ACCOUNT, REGION, runDeploy, type DeployRun } from './harness.js';

/** What the bucket deliberately does not have, and why. */
const NOT_MET: Record<string, string> = {
  // "AWS Config does not support the delivery channel to an Amazon S3 bucket where object lock is enabled."
  's3-bucket-object-lock': 'Config cannot deliver to a bucket with Object Lock',
};
/** With the default SSE-S3: Config's service-principal fallback cannot write with the AWS managed aws/s3 key. */
const NOT_MET_WITH_SSE_S3 = ['s3-bucket-kms-encryption'];

function bucketItem(run: DeployRun): ConfigItem {
  const bucket = run.named('recorder-bucket').inputs.bucket as string;
  const versioning = run.named('recorder-versioning').inputs.versioningConfiguration;
  const encryption = run.named('recorder-encryption').inputs.rules as any[];
  const block = run.named('recorder-public-access').inputs;
  const logging = run.ofType('aws:s3/bucketLogging:BucketLogging')[0]?.inputs;
  const created = '2026-11-20T08:41:17.000Z';
  // Event form, as Config delivers a bucket in a change notification (supplementary values as JSON strings where Config sends strings).
  return normaliseItem({
    configurationItemVersion: '1.3',
    configurationItemCaptureTime: '2026-11-20T08:46:02.331Z',
    configurationItemStatus: 'ResourceDiscovered',
    configurationStateId: 1795683962331,
    awsAccountId: ACCOUNT,
    resourceType: 'AWS::S3::Bucket',
    resourceId: bucket,
    resourceName: bucket,
    ARN: `arn:aws:s3:::${bucket}`,
    awsRegion: REGION,
    availabilityZone: 'Regional',
    resourceCreationTime: created,
    tags: {},
    relationships: [],
    configuration: {
      name: bucket,
      owner: { displayName: null, id: '8ac813c84b8ad4d9f3e35f80aaeb254f85922a902ce87ed6b49ccbfa188f5a12' },
      creationDate: created,
    },
    supplementaryConfiguration: {
      BucketVersioningConfiguration: { status: versioning.status, isMfaDeleteEnabled: null },
      ServerSideEncryptionConfiguration: {
        rules: encryption.map((r) => ({
          applyServerSideEncryptionByDefault: {
            sseAlgorithm: r.applyServerSideEncryptionByDefault.sseAlgorithm,
            kmsMasterKeyID: r.applyServerSideEncryptionByDefault.kmsMasterKeyId ?? null,
          },
          bucketKeyEnabled: r.bucketKeyEnabled ?? false,
        })),
      },
      PublicAccessBlockConfiguration: {
        blockPublicAcls: block.blockPublicAcls,
        ignorePublicAcls: block.ignorePublicAcls,
        blockPublicPolicy: block.blockPublicPolicy,
        restrictPublicBuckets: block.restrictPublicBuckets,
      },
      BucketPolicy: { policyText: run.named('recorder-bucket-policy').inputs.policy },
      BucketLoggingConfiguration: {
        destinationBucketName: logging?.targetBucket ?? null,
        logFilePrefix: logging?.targetPrefix ?? null,
      },
      BucketOwnershipControls: JSON.stringify({
        rules: [{ objectOwnership: run.named('recorder-ownership').inputs.rule.objectOwnership }],
      }),
      IsRequesterPaysEnabled: false,
    },
  });
}

const s3Rules = rules.filter((r) => r.resourceTypes.includes('AWS::S3::Bucket'));

function verdicts(item: ConfigItem): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rule of s3Rules) {
    const params = parseParams(rule.id, rule.parameters, {});
    const evaluation = evaluateItem(rule, item, params as any, item.configurationItemCaptureTime!, () => undefined);
    out[rule.id] = evaluation.ComplianceType + (evaluation.Annotation ? `: ${evaluation.Annotation}` : '');
  }
  return out;
}

describe('the delivery bucket, as a configuration item', () => {
  it('is checked by at least the versioning, encryption, public access and TLS rules', () => {
    for (const id of [
      's3-bucket-versioning-enabled',
      's3-bucket-kms-encryption',
      's3-bucket-public-access-blocked',
      's3-bucket-ssl-requests-only',
    ]) {
      expect(s3Rules.map((r) => r.id)).toContain(id);
    }
  });

  it('passes every S3 rule of the pack, access logging and KMS included, with an access-log bucket and its own KMS key', async () => {
    const run = await runDeploy({
      rules: 's3-bucket-versioning-enabled',
      accessLogBucket: 'mlplat-s3-access-logs-123456789012-us-east-1',
      deliveryBucketEncryption: 'KMS',
    });
    const results = verdicts(bucketItem(run));
    for (const rule of s3Rules) {
      if (NOT_MET[rule.id]) expect(results[rule.id], rule.id).toMatch(/^NON_COMPLIANT/);
      else expect(results[rule.id], rule.id).toBe('COMPLIANT');
    }
  });

  it('by default (SSE-S3, no access-log bucket), misses only access logging, KMS and Object Lock, which Config cannot use', async () => {
    const run = await runDeploy({ rules: 's3-bucket-versioning-enabled' });
    const results = verdicts(bucketItem(run));
    const failing = Object.entries(results)
      .filter(([, v]) => !v.startsWith('COMPLIANT'))
      .map(([id]) => id);
    const expected = ['s3-bucket-logging-enabled', ...NOT_MET_WITH_SSE_S3, ...Object.keys(NOT_MET)].filter((id) =>
      s3Rules.some((r) => r.id === id),
    );
    expect(failing.sort()).toEqual(expected.sort());
  });
});
