import { defineRule, compliant, nonCompliant } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-domain-vpc-only',
  description:
    'SageMaker domains send Studio traffic through the customer VPC only (AppNetworkAccessType VpcOnly; absent means the API default, PublicInternetOnly).',
  controls: [{ source: 'managed-rule', id: 'SAGEMAKER_DOMAIN_IN_VPC' }],
  // No Security Hub control; High, as Security Hub rates SageMaker.1 (notebook direct internet access), the same exposure for Studio.
  severity: 'high',
  rationale:
    'In PublicInternetOnly mode, Studio apps reach the internet through a SageMaker-managed network, outside your security groups, network firewall and VPC flow logs: a notebook can send training data anywhere. VpcOnly sends all Studio traffic through your VPC, where egress is controlled and logged.',
  manualRemediation:
    'Set `AppNetworkAccessType` to VpcOnly: `aws sagemaker update-domain --domain-id ID --app-network-access-type VpcOnly` once every app of the domain is deleted (or in the console, Domain settings, Network, Edit); in CloudFormation, `AWS::SageMaker::Domain` `AppNetworkAccessType: VpcOnly` with `SubnetIds` and `VpcId`. The subnets then need VPC endpoints (SageMaker API and runtime, S3, STS, CloudWatch Logs) or a NAT gateway for what notebooks must reach.',
  resourceTypes: ['AWS::SageMaker::Domain'],
  trigger: 'change',
  parameters: {},
  evaluate: ({ configuration }) =>
    configuration.AppNetworkAccessType === 'VpcOnly'
      ? compliant()
      : nonCompliant(
          `AppNetworkAccessType is ${configuration.AppNetworkAccessType ?? 'unset (API default PublicInternetOnly)'}`,
        ),
});
