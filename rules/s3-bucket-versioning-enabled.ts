import { param } from './_core/params.js';
import { defineRule, compliant, nonCompliant } from './_core/rule.js';

export default defineRule({
  id: 's3-bucket-versioning-enabled',
  description:
    'S3 buckets (point it at ML data and artifact buckets with scopeTagKey) have versioning Enabled, and MFA delete when isMfaDeleteEnabled is true.',
  controls: [
    { source: 'managed-rule', id: 'S3_BUCKET_VERSIONING_ENABLED' },
    { source: 'securityhub', id: 'S3.14' },
    { source: 'prowler', id: 's3_bucket_object_versioning' },
  ],
  // Security Hub S3.14: Low.
  severity: 'low',
  rationale:
    "Versioning keeps every earlier version of an object, so an overwritten training set or model artifact can be restored and a model can be traced back to the exact data it was trained on. With MFA delete, removing versions also needs the root user's MFA device.",
  manualRemediation:
    "Enable versioning: in the S3 console, Properties, Bucket Versioning, Edit, Enable; with the CLI, `aws s3api put-bucket-versioning --bucket BUCKET --versioning-configuration Status=Enabled`; in CloudFormation, `VersioningConfiguration: { Status: Enabled }`. MFA delete (isMfaDeleteEnabled) can only be set by the root user with the CLI and its MFA device (`--versioning-configuration Status=Enabled,MFADelete=Enabled --mfa 'SERIAL CODE'`). Add a lifecycle rule expiring noncurrent versions to bound the cost.",
  resourceTypes: ['AWS::S3::Bucket'],
  trigger: 'change',
  parameters: {
    isMfaDeleteEnabled: param.bool({ description: 'Also require MFA delete on the bucket.', default: false }),
  },
  remediation: {
    document: 'AWS-ConfigureS3BucketVersioning',
    parameters: { BucketName: 'RESOURCE_ID', VersioningState: { static: 'Enabled' } },
  },
  evaluate: ({ supplementaryConfiguration }, { isMfaDeleteEnabled }) => {
    const versioning = supplementaryConfiguration.BucketVersioningConfiguration;
    const status = versioning?.status ?? 'Off';
    if (status !== 'Enabled') return nonCompliant(`BucketVersioningConfiguration.status is ${status}`);
    if (isMfaDeleteEnabled && versioning.isMfaDeleteEnabled !== true) {
      return nonCompliant(
        `BucketVersioningConfiguration.isMfaDeleteEnabled is ${versioning.isMfaDeleteEnabled ?? 'null'}`,
      );
    }
    return compliant();
  },
});
