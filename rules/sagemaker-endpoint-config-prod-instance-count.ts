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
