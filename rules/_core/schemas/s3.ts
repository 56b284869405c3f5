// AWS::S3::Bucket: the S3 rules read the supplementary configuration (camelCase inside).
import * as v from 'valibot';
import { bool, configuration, obj, objects, plainObject, str } from './fields.js';

const A_POLICY = 'a policy document';
const policyDocument = v.union([v.string(), plainObject(v.record(v.string(), v.unknown()), A_POLICY)], A_POLICY);

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
  BucketPolicy: obj({ policyText: v.optional(v.nullable(policyDocument)) }),
  BucketVersioningConfiguration: obj({ status: str(), isMfaDeleteEnabled: bool() }),
});
