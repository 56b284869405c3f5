import { defineRule, compliant, nonCompliant } from './_core/rule.js';
import type { JsonObject } from './_core/items.js';

type Json = JsonObject;
// A policy element is one value or a list of them. Every caller looks for entries of a given type or
// value (a string, an object, '*', false), so an absent element, read as one `undefined` entry,
// matches nothing, as no entry would.
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const everyone = (principal: unknown) =>
  principal === '*' || (isObject(principal) && asList(principal.AWS).includes('*'));
const everyS3Action = (action: unknown) =>
  asList(action).some((a) => typeof a === 'string' && (a === '*' || a.toLowerCase() === 's3:*'));
const onBucket = (resource: unknown, bucket: string) =>
  asList(resource).some(
    (r) => typeof r === 'string' && [bucket, `${bucket}/*`].includes(r.replace(/^arn:aws[a-z-]*:s3:::/, '')),
  );

/** The condition is aws:SecureTransport false and nothing else: any other test would narrow the deny. */
function onlyInsecureTransport(condition: unknown): boolean {
  if (!isObject(condition)) return false;
  const tests = Object.entries(condition).flatMap(([operator, block]) =>
    isObject(block)
      ? Object.entries(block).map(([key, value]) => ({ operator, key: key.toLowerCase(), value }))
      : // A block that is not an object of keys: a test the rule cannot read, which still counts.
        [null],
  );
  const [test] = tests;
  if (
    tests.length !== 1 ||
    !test ||
    !['Bool', 'BoolIfExists'].includes(test.operator) ||
    test.key !== 'aws:securetransport'
  )
    return false;
  const values = asList(test.value);
  return values.length > 0 && values.every((v) => v === false || v === 'false');
}

const deniesInsecureTransport = (s: Json, bucket: string) =>
  s.Effect === 'Deny' &&
  everyone(s.Principal) &&
  everyS3Action(s.Action) &&
  onBucket(s.Resource, bucket) &&
  onlyInsecureTransport(s.Condition);

export default defineRule({
  id: 's3-bucket-ssl-requests-only',
  description:
    'S3 bucket policies deny every request (Principal *, s3:*) on the bucket or its objects when aws:SecureTransport is false; an Allow for secure requests alone does not count.',
  controls: [
    { source: 'managed-rule', id: 'S3_BUCKET_SSL_REQUESTS_ONLY' },
    { source: 'securityhub', id: 'S3.5' },
    { source: 'prowler', id: 's3_bucket_secure_transport_policy' },
    { source: 'cdk-nag', id: 'AwsSolutions-S10' },
  ],
  // Security Hub S3.5: Medium.
  severity: 'medium',
  rationale:
    'Without a Deny on aws:SecureTransport false, S3 accepts plain HTTP requests, so training data and model artifacts can travel unencrypted from an old client, a misconfigured SDK or a script using an http:// endpoint, and credentials can be replayed from them. The Deny makes encryption in transit a property of the bucket rather than of every client.',
  manualRemediation:
    'Add a statement to the bucket policy: `{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::BUCKET","arn:aws:s3:::BUCKET/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}`, in the S3 console (Permissions, Bucket policy), with `aws s3api put-bucket-policy`, or in the CloudFormation `AWS::S3::BucketPolicy`. An Allow limited to secure requests is not enough: another Allow still admits plain HTTP.',
  resourceTypes: ['AWS::S3::Bucket'],
  trigger: 'change',
  parameters: {},
  remediation: {
    document: 'AWSConfigRemediation-RestrictBucketSSLRequestsOnly',
    parameters: { BucketName: 'RESOURCE_ID' },
  },
  evaluate: ({ resourceId, supplementaryConfiguration }) => {
    const text = supplementaryConfiguration.BucketPolicy?.policyText;
    if (text === undefined || text === null || text === '')
      return nonCompliant('BucketPolicy.policyText is null (the bucket has no policy)');
    let policy: unknown = text;
    try {
      if (typeof text === 'string') policy = JSON.parse(text);
    } catch {
      return nonCompliant('BucketPolicy.policyText is not valid JSON');
    }
    if (!isObject(policy)) return nonCompliant('BucketPolicy.policyText is not a JSON policy document');
    const statements = asList(policy.Statement).filter(isObject);
    return statements.some((s) => deniesInsecureTransport(s, resourceId))
      ? compliant()
      : nonCompliant(
          `BucketPolicy.policyText has no Deny for Principal * on s3:* when aws:SecureTransport is false (${statements.length} statement${statements.length === 1 ? '' : 's'} checked)`,
        );
  },
});
