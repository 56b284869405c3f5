// SageMaker model package groups, as DescribeModelPackageGroup returns them, with the newest
// package's status (what the approval rule reads, as the inventory adapter attaches it).
import { p, type TrackedSpec } from '../schema.js';
import { userContext } from './shared.js';

export const modelPackageGroups: TrackedSpec = {
  resource: 'ModelPackageGroup',
  description: 'A SageMaker model package group, recorded from DescribeModelPackageGroup by ml-config-rules.',
  primaryIdentifier: 'ModelPackageGroupName',
  documentationUrl: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeModelPackageGroup.html',
  properties: {
    ModelPackageGroupName: p.string(),
    ModelPackageGroupArn: p.string(),
    ModelPackageGroupDescription: p.string(),
    ModelPackageGroupStatus: p.string(),
    CreationTime: p.time(),
    CreatedBy: userContext('CreatedBy'),
    LatestModelPackage: p.read(
      p.obj('LatestModelPackage', {
        ModelPackageArn: p.string(),
        ModelPackageVersion: p.int(),
        ModelApprovalStatus: p.string(),
        CreationTime: p.time(),
        LastModifiedTime: p.time(),
        LastModifiedBy: userContext('LastModifiedBy'),
      }),
    ),
  },
};
