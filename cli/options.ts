// Options several commands share, built once so that each is spelt, valued and explained the same
// everywhere: --format, --fail-on, --profile, and the example and exit codes that end every --help.
import { type Command, Option } from 'commander';

/**
 * `--format`: the first choice is the default. A command that prints tables also takes `tsv`;
 * `table` is boxes at a terminal and TSV in a pipe unless given explicitly (cli/output.ts).
 */
export function formatOption(choices: string[]): Option {
  const all = choices.includes('table') ? [...choices.slice(0, 1), 'tsv', ...choices.slice(1)] : choices;
  const how = choices.includes('table') ? ' (table: boxes at a terminal, tab-separated in a pipe)' : '';
  return new Option('--format <format>', `output format${how}`).choices(all).default(choices[0]);
}

/** The verdict `--fail-on` takes: the verdict's own spelling and the lower-case one, on every command. */
export const FAIL_ON_VALUES = ['non-compliant', 'NON_COMPLIANT'] as const;
export type FailOn = (typeof FAIL_ON_VALUES)[number];

export const failOnOption = () =>
  new Option(
    '--fail-on <verdict>',
    'exit 1 when any resource gets this verdict (a suppressed one does not count)',
  ).choices(FAIL_ON_VALUES);

/**
 * `--profile NAME`: a profile of the shared config and credentials files. Set as AWS_PROFILE before
 * any client exists, so credentials, Region and role chaining all come from it, as the AWS CLI's
 * --profile does (https://docs.aws.amazon.com/sdkref/latest/guide/file-format.html).
 */
export const profileOption = () =>
  new Option('--profile <name>', 'the named profile of the shared AWS config and credentials files');

/** `--suppressions FILE`: accepted exceptions for live resources (cli/suppressions.ts). */
export const suppressionsOption = () =>
  new Option(
    '--suppressions <file>',
    'accepted exceptions, YAML or JSON: [{id: rule, resource: id or ARN pattern, reason, expires}]',
  );

const EXIT_CODES = {
  ran: '0  the command ran, whatever the verdicts (unless --fail-on names one)',
  usage: '2  bad input (a file, a rule id, an option): one line on stderr',
};

/** Every --help ends with one example and the exit codes; `failure` says what exit 1 means here. */
export function helpFooter(command: Command, example: string, failure: string): Command {
  return command.addHelpText(
    'after',
    `\nExample:\n  $ ${example}\n\nExit codes:\n  ${EXIT_CODES.ran}\n  1  ${failure}\n  ${EXIT_CODES.usage}`,
  );
}
