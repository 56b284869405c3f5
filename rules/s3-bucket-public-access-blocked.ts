import { isTrue, shown } from './_core/checks.js';
import { defineRule, compliant, nonCompliant } from './_core/rule.js';

const FLAGS = ['blockPublicAcls', 'ignorePublicAcls', 'blockPublicPolicy', 'restrictPublicBuckets'] as const;

export default defineRule({
  id: 's3-bucket-public-access-blocked',
  description:
    'S3 buckets have all four bucket-level public access block settings on (the account-level block is a separate check).',
  controls: [
    { source: 'managed-rule', id: 'S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED' },
    { source: 'securityhub', id: 'S3.8' },
    { source: 'prowler', id: 's3_bucket_level_public_access_block' },
    { source: 'cdk-nag', id: 'AwsSolutions-S2' },
  ],
  resourceTypes: ['AWS::S3::Bucket'],
  trigger: 'change',
  parameters: {},
  evaluate: ({ supplementaryConfiguration }) => {
    const block = supplementaryConfiguration.PublicAccessBlockConfiguration;
    if (!block || typeof block !== 'object')
      return nonCompliant('PublicAccessBlockConfiguration is not set (no bucket-level public access block)');
    const off = FLAGS.filter((flag) => !isTrue(block[flag]));
    return off.length === 0
      ? compliant()
      : nonCompliant(
          `PublicAccessBlockConfiguration: ${off.map((flag) => `${flag} is ${shown(block[flag])}`).join(', ')}`,
        );
  },
});
