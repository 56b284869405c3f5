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
