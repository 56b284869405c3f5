import { shown } from './_core/checks.js';
import { compliant, defineRule, nonCompliant, notApplicable } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-model-package-group-approval',
  description:
    'The newest model package of each SageMaker model package group was approved by a later update (ModelApprovalStatus Approved, LastModifiedTime after CreationTime), not registered already approved. Groups without packages are NOT_APPLICABLE.',
  controls: [],
  // No Security Hub control; Medium: an unreviewed model reaching deployment is a change-control failure.
  severity: 'medium',
  rationale:
    "The model registry's approval status is what deployment pipelines trust: an Approved package is deployed. A package registered already Approved skipped the review the status is meant to record, and a group whose newest package is pending or rejected is not what is running in production.",
  manualRemediation:
    "Register new versions as PendingManualApproval (`ModelApprovalStatus` of `aws sagemaker create-model-package` or the pipeline's RegisterModel step, `approval_status='PendingManualApproval'`), and approve them after review in Studio (Models, the group, the version, Update status) or with `aws sagemaker update-model-package --model-package-arn ARN --model-approval-status Approved --approval-description 'why'`. Restrict `sagemaker:UpdateModelPackage` to the reviewers' role.",
  resourceTypes: ['AWS::SageMaker::ModelPackageGroup'],
  reads: ['latestModelPackage'],
  trigger: { periodic: 'TwentyFour_Hours' },
  source: 'inventory',
  parameters: {},
  evaluate: ({ configuration }) => {
    const latest = configuration.LatestModelPackage;
    // Validated: an object, or unset (null or absent) for a group without packages.
    if (!latest) return notApplicable('the group has no model packages');
    // The group is the evaluated resource: its version number is enough to name the package (every
    // package registered in a group is versioned).
    const which = `newest package (version ${shown(latest.ModelPackageVersion)})`;
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
