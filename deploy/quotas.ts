// The size quotas of every policy document the deploy writes. A document over its quota would be
// refused by AWS mid-deploy (or, in a stack set, in every member account): the program checks each
// one as it is built, so `pulumi preview` fails first, naming the document and what to change.
import * as pulumi from '@pulumi/pulumi';
import type { PolicyStatement } from './permissions.js';

export type PolicyKind = 'role trust' | 'role inline' | 'lambda resource' | 'bucket' | 'topic' | 'key' | 'event bus';

/**
 * Default quotas, in characters of the JSON the deploy sends (it sends no whitespace):
 * - role trust 2,048 and all inline policies of one role 10,240 (IAM and AWS STS quotas,
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html);
 * - a Lambda function's resource-based policy 20 KB
 *   (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html);
 * - a bucket policy 20 KB (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html);
 * - an SNS topic policy 30 KB (https://docs.aws.amazon.com/general/latest/gr/sns.html);
 * - a KMS key policy 32 KB (https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html);
 * - an event bus policy 10,240 characters (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html).
 */
export const POLICY_QUOTAS: Record<PolicyKind, number> = {
  'role trust': 2048,
  'role inline': 10_240,
  'lambda resource': 20_480,
  bucket: 20_480,
  topic: 30_720,
  key: 32_768,
  'event bus': 10_240,
};

/**
 * A stack set's template body: at most 51,200 bytes
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStackSet.html,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html).
 */
export const TEMPLATE_BODY_MAX = 51_200;

/** Throw when a template body exceeds CloudFormation's quota; `advice` says what the operator can change. */
export function checkTemplateSize(what: string, body: string, advice: string): string {
  const size = policySize(body);
  if (size > TEMPLATE_BODY_MAX)
    throw new PolicyQuotaError(
      `${what}: the template body would be ${size} bytes, over CloudFormation's quota of ${TEMPLATE_BODY_MAX}; ${advice}`,
    );
  return body;
}

/** Bytes of a document as sent (non-ASCII counts more than once; the deploy writes ASCII). */
export const policySize = (json: string): number => Buffer.byteLength(json, 'utf8');

export class PolicyQuotaError extends Error {
  override name = 'PolicyQuotaError';
}

/** Throw when a document exceeds its quota; `advice` says what the operator can change. */
export function checkPolicySize(kind: PolicyKind, what: string, json: string, advice: string): string {
  const size = policySize(json);
  if (size > POLICY_QUOTAS[kind]) {
    throw new PolicyQuotaError(
      `${what}: the ${kind} policy would be ${size} bytes, over AWS's quota of ${POLICY_QUOTAS[kind]}; ${advice}`,
    );
  }
  return json;
}

/** A policy document as JSON, refused at preview when over its quota. */
export function sizedPolicy(
  kind: PolicyKind,
  what: string,
  statements: pulumi.Input<pulumi.Input<PolicyStatement>[]>,
  advice: string,
): pulumi.Output<string> {
  return pulumi
    .output(statements)
    .apply((s) => checkPolicySize(kind, what, JSON.stringify({ Version: '2012-10-17', Statement: s }), advice));
}
