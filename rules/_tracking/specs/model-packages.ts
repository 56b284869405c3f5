// SageMaker model packages (a model package group's versions), as DescribeModelPackage returns
// them: version, approval status, and who changed it and when (LastModifiedBy, LastModifiedTime).
import { p, type TrackedSpec } from '../schema.js';
import { userContext } from './shared.js';

export const modelPackages: TrackedSpec = {
  resource: 'ModelPackage',
  description: 'A SageMaker model package, recorded from DescribeModelPackage by ml-config-rules.',
  primaryIdentifier: 'ModelPackageArn',
  documentationUrl: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeModelPackage.html',
  properties: {
    ModelPackageArn: p.string(),
    ModelPackageName: p.string(),
    ModelPackageGroupName: p.string(),
    ModelPackageVersion: p.int(),
    ModelPackageDescription: p.string(),
    ModelPackageStatus: p.string(),
    ModelApprovalStatus: p.string(),
    ApprovalDescription: p.string(),
    CreationTime: p.time(),
    LastModifiedTime: p.time(),
    CreatedBy: userContext('CreatedBy'),
    LastModifiedBy: userContext('LastModifiedBy'),
    CertifyForMarketplace: p.bool(),
    Domain: p.string(),
    Task: p.string(),
    SourceUri: p.string(),
    InferenceSpecification: p.obj('InferenceSpecification', {
      Containers: p.list(
        p.obj('ModelPackageContainerDefinition', {
          Image: p.string(),
          ImageDigest: p.string(),
          ModelDataUrl: p.string(),
          Framework: p.string(),
          FrameworkVersion: p.string(),
          Environment: p.secretMap('Environment variable names; values replaced by REDACTED.'),
        }),
      ),
      SupportedContentTypes: p.list(p.string()),
      SupportedResponseMIMETypes: p.list(p.string()),
    }),
    MetadataProperties: p.obj('MetadataProperties', {
      CommitId: p.string(),
      Repository: p.string(),
      GeneratedBy: p.string(),
      ProjectId: p.string(),
    }),
    CustomerMetadataProperties: p.map('Metadata the user attached; values under a secret-like name redacted.'),
  },
};
