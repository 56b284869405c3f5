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
  // Security Hub S3.8: High.
  severity: 'high',
  rationale:
    'One public ACL or bucket policy statement exposes a whole training data set or model to the internet. The four bucket-level public access block settings make S3 refuse such ACLs and policies, whatever a pipeline, a notebook user or a copied template later asks for.',
  manualRemediation:
    'Turn on all four settings: in the S3 console, Permissions, Block public access (bucket settings), Edit, check Block all public access; with the CLI, `aws s3api put-public-access-block --bucket BUCKET --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`; in CloudFormation, `PublicAccessBlockConfiguration` with the four properties true. Check first that nothing relies on public access (a static website should be served through CloudFront instead).',
  resourceTypes: ['AWS::S3::Bucket'],
  trigger: 'change',
  parameters: {},
  evaluate: ({ supplementaryConfiguration }) => {
    const block = supplementaryConfiguration.PublicAccessBlockConfiguration;
    // The item's schema (rules/_core/schemas) lets through only an object or null here.
    if (!block) return nonCompliant('PublicAccessBlockConfiguration is not set (no bucket-level public access block)');
    const off = FLAGS.filter((flag) => !isTrue(block[flag]));
    return off.length === 0
      ? compliant()
      : nonCompliant(
          `PublicAccessBlockConfiguration: ${off.map((flag) => `${flag} is ${shown(block[flag])}`).join(', ')}`,
        );
  },
});
