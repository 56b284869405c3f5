import { shown } from './_core/checks.js';
import { param } from './_core/params.js';
import { defineRule, compliant, nonCompliant } from './_core/rule.js';

export default defineRule({
  id: 's3-bucket-object-lock',
  description:
    'S3 buckets have Object Lock enabled (for immutable training data and model artifacts), with a default retention in the given mode when mode is set.',
  controls: [
    { source: 'managed-rule', id: 'S3_BUCKET_DEFAULT_LOCK_ENABLED' },
    { source: 'securityhub', id: 'S3.15' },
    { source: 'prowler', id: 's3_bucket_object_lock' },
  ],
  // Security Hub S3.15: Medium.
  severity: 'medium',
  rationale:
    'A model is only as trustworthy as the data it was trained on. Object Lock keeps object versions from being overwritten or deleted for a retention period, so the training set and artifacts behind a released model can be shown unchanged in an audit, and ransomware or a mistaken cleanup job cannot remove them.',
  manualRemediation:
    'Object Lock can be turned on for an existing versioned bucket: in the S3 console, Properties, Object Lock, Edit, enable it and set a default retention (mode and days; the mode in the rule\'s mode parameter when set); with the CLI, `aws s3api put-object-lock-configuration --bucket BUCKET --object-lock-configuration \'{"ObjectLockEnabled":"Enabled","Rule":{"DefaultRetention":{"Mode":"GOVERNANCE","Days":365}}}\'`; in CloudFormation, `ObjectLockEnabled: true` and `ObjectLockConfiguration`. Versioning must be on first; COMPLIANCE mode cannot be shortened by anyone, so try GOVERNANCE first.',
  resourceTypes: ['AWS::S3::Bucket'],
  trigger: 'change',
  parameters: {
    mode: param.oneOf({ description: 'Required default retention mode.', values: ['GOVERNANCE', 'COMPLIANCE'] }),
  },
  evaluate: ({ supplementaryConfiguration }, { mode }) => {
    const lock = supplementaryConfiguration.ObjectLockConfiguration;
    if (lock?.objectLockEnabled !== 'Enabled')
      return nonCompliant(`ObjectLockConfiguration.objectLockEnabled is ${shown(lock?.objectLockEnabled)}`);
    if (mode === undefined) return compliant();
    const found = lock.rule?.defaultRetention?.mode;
    return found === mode
      ? compliant()
      : nonCompliant(`ObjectLockConfiguration.rule.defaultRetention.mode is ${shown(found)}, not ${mode}`);
  },
});
