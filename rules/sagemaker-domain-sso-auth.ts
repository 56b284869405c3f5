import { shown } from './_core/checks.js';
import { param } from './_core/params.js';
import { defineRule, compliant, nonCompliant } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-domain-sso-auth',
  description:
    'SageMaker domains authenticate users with an allowed AuthMode (by default SSO: IAM Identity Center users rather than shared IAM access).',
  controls: [],
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
    const allowed = allowedAuthModes ?? [];
    return typeof mode === 'string' && allowed.includes(mode)
      ? compliant()
      : nonCompliant(`AuthMode is ${shown(mode)}, not one of allowedAuthModes (${allowed.join(', ')})`);
  },
});
