import { productionVariants, shown } from './_core/checks.js';
import { param } from './_core/params.js';
import { defineRule, compliant, nonCompliant, notApplicable } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-endpoint-config-prod-instance-count',
  description:
    'SageMaker endpoint configurations start every instance-based production variant with at least minInstanceCount instances (default 2, for multi-AZ redundancy). Serverless variants are skipped.',
  controls: [
    { source: 'securityhub', id: 'SageMaker.4' },
    { source: 'managed-rule', id: 'SAGEMAKER_ENDPOINT_CONFIG_PROD_INSTANCE_COUNT' },
    { source: 'prowler', id: 'sagemaker_endpoint_config_prod_variant_instances' },
  ],
  // Security Hub SageMaker.4: Medium.
  severity: 'medium',
  rationale:
    'An instance-based production variant with one instance has no redundancy: an instance failure or an Availability Zone event takes the endpoint down, and every deployment replaces the only instance. With two or more, SageMaker spreads instances across Availability Zones.',
  manualRemediation:
    "Create a new endpoint configuration whose instance-based `ProductionVariants` each have `InitialInstanceCount` at least minInstanceCount (default 2), in the console, with `aws sagemaker create-endpoint-config --production-variants VariantName=AllTraffic,ModelName=MODEL,InstanceType=ml.m5.large,InitialInstanceCount=2` or in CloudFormation, then `aws sagemaker update-endpoint`. Application Auto Scaling with a minimum capacity of 2 keeps it there. Development endpoints can be left out of the rule's scope with scopeTagKey.",
  resourceTypes: ['AWS::SageMaker::EndpointConfig'],
  trigger: 'change',
  parameters: {
    minInstanceCount: param.int({
      description: 'Lowest accepted InitialInstanceCount of an instance-based variant.',
      default: 2,
      min: 1,
      max: 1000,
    }),
  },
  evaluate: ({ configuration }, { minInstanceCount }) => {
    // Serverless variants scale on demand and have no instance count.
    const variants = productionVariants(configuration).filter((v) => v.ServerlessConfig == null);
    if (variants.length === 0) return notApplicable('no instance-based production variant (all serverless or none)');
    const low = variants.filter((v) => !(Number(v.InitialInstanceCount) >= minInstanceCount));
    if (low.length === 0) return compliant();
    const found = low.map((v) => `${shown(v.VariantName)}=${shown(v.InitialInstanceCount)}`).join(', ');
    return nonCompliant(
      `ProductionVariants with InitialInstanceCount below minInstanceCount ${minInstanceCount}: ${found}`,
    );
  },
});
