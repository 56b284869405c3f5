// The options of `check-template`, registered with the other commands at start-up; the command
// itself (the template parsers, the rules, SARIF) loads only when it runs.
import type { Command } from 'commander';
import { failOnOption, formatOption, helpFooter } from '../options.js';

export function registerCheckTemplate(program: Command) {
  const command = program
    .command('check-template')
    .description(
      'the rules on CloudFormation templates (JSON or YAML, CDK cdk.out, SAM after transform), before deploy',
    )
    .argument('<path...>', 'template files, or folders to search for templates and cdk.out (node_modules skipped)')
    .option('--rule <id...>', 'only these rules (repeatable; default: every rule)')
    .option('--params <json>', 'rule parameters per rule, e.g. {"sagemaker-notebook-kms-key":{"kmsKeyArns":"arn:..."}}')
    .option('--params-file <file>', 'the same from a YAML or JSON file, or a Pulumi stack file')
    .option('--parameters <file>', 'template parameter values (AWS CLI list, {"Parameters":{...}} or a plain object)')
    .option(
      '--allow-unknown-tags',
      'read YAML tags CloudFormation does not define as unresolved values, instead of refusing the template',
    )
    .addOption(formatOption(['table', 'json', 'junit', 'sarif']))
    .addOption(failOnOption())
    .action(async (files: string[], o) => {
      const { checkTemplateCommand } = await import('./check-template.js');
      await checkTemplateCommand(files, { ...o, rule: o.rule ?? [] });
    });
  helpFooter(
    command,
    'npx ml-config-rules check-template . --format sarif > check-template.sarif',
    'a verdict --fail-on names',
  );
}
