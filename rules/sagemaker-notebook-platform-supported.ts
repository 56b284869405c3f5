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
    const accepted = supportedPlatforms ?? [];
    return typeof platform === 'string' && accepted.includes(platform)
      ? compliant()
      : nonCompliant(
          `PlatformIdentifier is ${shown(platform)}, not one of supportedPlatforms (${accepted.join(', ')})`,
        );
  },
});
