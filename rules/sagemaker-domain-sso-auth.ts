import { shown } from './_core/checks.js';
import { param } from './_core/params.js';
import { defineRule, compliant, nonCompliant } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-domain-sso-auth',
  description:
    'SageMaker domains authenticate users with an allowed AuthMode (by default SSO: IAM Identity Center users rather than shared IAM access).',
  controls: [],
  // No Security Hub control; Medium, as Security Hub rates its identity configuration controls such as IAM.6.
  severity: 'medium',
  rationale:
    "With IAM Identity Center (SSO) each person signs in to Studio as themselves, through the company's identity provider, with its MFA and its joiners-and-leavers process; with IAM mode, access goes through presigned URLs and roles that are easily shared, so who did what in a notebook is harder to tell.",
  manualRemediation:
    'AuthMode is fixed when the domain is created: create a domain with `AuthMode` SSO (console: SageMaker, Domains, Create domain, Set up for organizations, IAM Identity Center; CLI: `aws sagemaker create-domain --auth-mode SSO ...`; CloudFormation: `AWS::SageMaker::Domain` `AuthMode: SSO`), assign users and groups to it in IAM Identity Center, and retire the IAM-mode domain. If IAM mode is a deliberate choice, list it in allowedAuthModes.',
  resourceTypes: ['AWS::SageMaker::Domain'],
  trigger: 'change',
  parameters: {
    // A value replaces the default list.
    allowedAuthModes: param.list({
      description: 'Accepted AuthMode values (SSO, IAM).',
      form: 'comma-separated auth modes (SSO, IAM)',
      item: /^(SSO|IAM)$/,
      default: 'SSO',
    }),
  },
  evaluate: ({ configuration }, { allowedAuthModes }) => {
    const mode = configuration.AuthMode;
    // The parameter has a default, so it is never unset; an unset AuthMode (null) is in no list.
    const allowed = allowedAuthModes!;
    return allowed.includes(mode)
      ? compliant()
      : nonCompliant(`AuthMode is ${shown(mode)}, not one of allowedAuthModes (${allowed.join(', ')})`);
  },
});
