// AWS::S3::Bucket: the S3 rules read the supplementary configuration (camelCase inside).
import * as z from 'zod/mini';
import { bool, configuration, obj, objects, str } from './fields.js';

const policyDocument = z.union([z.string(), z.record(z.string(), z.unknown())], { error: 'a policy document' });

export const bucketSupplementary = configuration({
  ServerSideEncryptionConfiguration: obj({
    rules: objects({ applyServerSideEncryptionByDefault: obj({ sseAlgorithm: str(), kmsMasterKeyID: str() }) }),
  }),
  BucketLoggingConfiguration: obj({ destinationBucketName: str() }),
  ObjectLockConfiguration: obj({ objectLockEnabled: str(), rule: obj({ defaultRetention: obj({ mode: str() }) }) }),
  PublicAccessBlockConfiguration: obj({
    blockPublicAcls: bool(),
    blockPublicPolicy: bool(),
    ignorePublicAcls: bool(),
    restrictPublicBuckets: bool(),
  }),
  // The policy document is judged by its rule (invalid JSON is NON_COMPLIANT): text or an already parsed object.
  BucketPolicy: obj({ policyText: z.optional(z.nullable(policyDocument)) }),
  BucketVersioningConfiguration: obj({ status: str(), isMfaDeleteEnabled: bool() }),
});
