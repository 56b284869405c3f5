import { modelContainers } from './_core/checks.js';
import { param } from './_core/params.js';
import { defineRule, compliant, nonCompliant, notApplicable } from './_core/rule.js';
import type { JsonObject } from './_core/items.js';

// <account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]/<repository>
const ECR_IMAGE = /^(\d{12})\.dkr\.ecr(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\//;
const PACKAGE_ARN = /^arn:aws[a-z-]*:sagemaker:[^:]*:(\d{12}):model-package\//;

/** Why one container's image is not from an allowed private registry, or undefined when it is. */
function problem(field: string, c: JsonObject, allowed: string[], ownAccount: string | undefined): string | undefined {
  // A Vpc access mode pulls from a private Docker registry reached through the model's VPC.
  if (c.ImageConfig?.RepositoryAccessMode === 'Vpc') return undefined;
  // Validated: Image and ModelPackageName are strings or unset (null or absent).
  const image: string | null | undefined = c.Image;
  if (image) {
    const account = ECR_IMAGE.exec(image)?.[1];
    if (!account) return `${field}.Image ${image} is not an ECR image and ImageConfig.RepositoryAccessMode is not Vpc`;
    return allowed.includes(account)
      ? undefined
      : `${field}.Image ${image} is in ECR account ${account}, not in allowedRegistryAccounts (${allowed.join(', ') || 'none'})`;
  }
  // A container deployed from a model package names no image: judge the package's owner instead.
  const pkg: string | null | undefined = c.ModelPackageName;
  if (!pkg) return `${field}.Image is unset`;
  const owner = pkg.startsWith('arn:') ? PACKAGE_ARN.exec(pkg)?.[1] : ownAccount;
  return owner && allowed.includes(owner)
    ? undefined
    : `${field}.ModelPackageName ${pkg} is not owned by an account in allowedRegistryAccounts`;
}

export default defineRule({
  id: 'sagemaker-model-private-registry',
  description:
    "Every SageMaker model container image comes from ECR in an allowedRegistryAccounts account (default: the model's own; AWS images such as Deep Learning Containers, 763104351884, only if listed) or from a VPC registry (RepositoryAccessMode Vpc).",
  // Security Hub and the managed rules are stricter: they accept only RepositoryAccessMode Vpc.
  controls: [
    { source: 'securityhub', id: 'SageMaker.16' },
    { source: 'securityhub', id: 'SageMaker.19' },
    { source: 'managed-rule', id: 'SAGEMAKER_MODEL_PRIVATE_REGISTRY_REQUIRED' },
    { source: 'managed-rule', id: 'SAGEMAKER_MODEL_MULTICONTAINER_PRIVATE_REGISTRY' },
  ],
  // Security Hub SageMaker.16 and SageMaker.19: Medium.
  severity: 'medium',
  rationale:
    "A model's container image runs with the model's execution role and sees every request. An image from a public registry or another account can change under the same tag, and nobody in the account reviewed or scanned it. Images from your own ECR (or a private registry reached through the VPC) are scanned, immutable by digest, and under your control.",
  manualRemediation:
    'Copy the image to an ECR repository of an account in allowedRegistryAccounts (`docker pull`, `docker tag`, `docker push`, or ECR pull-through cache rules), enable scanning and immutable tags on the repository, and create the model again with `PrimaryContainer.Image` (and each `Containers[].Image`) pointing at it, or with `ImageConfig.RepositoryAccessMode: Vpc` for a private registry in your VPC. Add the AWS account of Deep Learning Containers or built-in algorithms to allowedRegistryAccounts if you use them on purpose.',
  resourceTypes: ['AWS::SageMaker::Model'],
  trigger: 'change',
  parameters: {
    allowedRegistryAccounts: param.list({
      description: "Accounts whose ECR images models may use; default: the model's own account.",
      form: 'comma-separated 12-digit AWS account ids',
      item: /^\d{12}$/,
    }),
  },
  evaluate: ({ configuration, awsAccountId }, { allowedRegistryAccounts }) => {
    const containers = modelContainers(configuration);
    if (containers.length === 0) return notApplicable('no PrimaryContainer or Containers');
    const allowed = allowedRegistryAccounts ?? (awsAccountId ? [awsAccountId] : []);
    const problems = containers
      .map(([field, c]) => problem(field, c, allowed, awsAccountId))
      .filter((p) => p !== undefined);
    if (problems.length === 0) return compliant();
    const more = problems.length - 1;
    return nonCompliant(
      more === 0 ? problems[0]! : `${problems[0]} (and ${more} more failing container${more > 1 ? 's' : ''})`,
    );
  },
});
