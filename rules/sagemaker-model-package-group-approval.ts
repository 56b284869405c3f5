import { shown } from './_core/checks.js';
import { compliant, defineRule, nonCompliant, notApplicable } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-model-package-group-approval',
  description:
    'The newest model package of each SageMaker model package group was approved by a later update (ModelApprovalStatus Approved, LastModifiedTime after CreationTime), not registered already approved. Groups without packages are NOT_APPLICABLE.',
  controls: [],
  resourceTypes: ['AWS::SageMaker::ModelPackageGroup'],
  reads: ['latestModelPackage'],
  trigger: { periodic: 'TwentyFour_Hours' },
  source: 'inventory',
  parameters: {},
  evaluate: ({ configuration }) => {
    const latest = configuration.LatestModelPackage;
    if (!latest || typeof latest !== 'object') return notApplicable('the group has no model packages');
    // The group is the evaluated resource: its version number is enough to name the package.
    const which = `newest package (${latest.ModelPackageVersion !== undefined ? `version ${latest.ModelPackageVersion}` : shown(latest.ModelPackageArn)})`;
    const status = latest.ModelApprovalStatus;
    if (status !== 'Approved') return nonCompliant(`${which}: ModelApprovalStatus is ${shown(status)}`);
    // Approval is an update: a package registered as Approved skipped the review step.
    const created = Date.parse(latest.CreationTime);
    const modified = Date.parse(latest.LastModifiedTime);
    return modified > created
      ? compliant()
      : nonCompliant(
          `${which} was created already Approved (LastModifiedTime ${shown(latest.LastModifiedTime)}, CreationTime ${shown(latest.CreationTime)})`,
        );
  },
});
