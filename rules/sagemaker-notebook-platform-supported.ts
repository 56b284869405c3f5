import { shown } from './_core/checks.js';
import { param } from './_core/params.js';
import { defineRule, compliant, nonCompliant } from './_core/rule.js';

export default defineRule({
  id: 'sagemaker-notebook-platform-supported',
  description:
    'SageMaker notebook instances (listed through DescribeNotebookInstance: Config items may lack PlatformIdentifier) run on a platform in supportedPlatforms.',
  controls: [
    { source: 'securityhub', id: 'SageMaker.8' },
    { source: 'managed-rule', id: 'SAGEMAKER_NOTEBOOK_INSTANCE_PLATFORM_VERSION' },
  ],
  // Security Hub SageMaker.8: Medium.
  severity: 'medium',
  rationale:
    'A notebook platform past its end of support (Amazon Linux 1, then Amazon Linux 2 notebook platforms) no longer gets security patches for its operating system, Jupyter or kernels; every package installed on it carries known vulnerabilities from then on.',
  manualRemediation:
    'The platform is set at creation: create the notebook instance again with a supported `PlatformIdentifier` (one in supportedPlatforms, by default notebook-al2023-v1), in the console (Create notebook instance, Platform identifier), with `aws sagemaker create-notebook-instance --platform-identifier notebook-al2023-v1 ...` or in CloudFormation (`PlatformIdentifier`), and move the notebooks and lifecycle scripts to it.',
  resourceTypes: ['AWS::SageMaker::NotebookInstance'],
  trigger: { periodic: 'TwentyFour_Hours' },
  source: 'inventory',
  parameters: {
    // A value replaces the default list: name every platform you accept.
    supportedPlatforms: param.list({
      description: 'Accepted PlatformIdentifier values.',
      form: 'comma-separated platform identifiers',
      default: 'notebook-al2023-v1',
    }),
  },
  evaluate: ({ configuration }, { supportedPlatforms }) => {
    const platform = configuration.PlatformIdentifier;
    // The parameter has a default, so it is never unset; an unset PlatformIdentifier is in no list.
    const accepted = supportedPlatforms!;
    return accepted.includes(platform)
      ? compliant()
      : nonCompliant(
          `PlatformIdentifier is ${shown(platform)}, not one of supportedPlatforms (${accepted.join(', ')})`,
        );
  },
});
