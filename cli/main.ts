// ml-config-rules: list, evaluate, test and sample the pack's rules on this machine.
import { Command, CommanderError, Option } from 'commander';
import { evaluateCommand } from './commands/evaluate.js';
import { listCommand } from './commands/list.js';
import { sampleCommand } from './commands/sample.js';
import { testCommand } from './commands/test.js';
import { exitWithError } from './output.js';

const program = new Command('ml-config-rules')
  .description('Custom AWS Config rules for ML pipelines: run them locally against Config events and items.')
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, 'ml-config-rules: ')) });

const format = (choices: string[]) => new Option('--format <format>', 'output format').choices(choices).default(choices[0]);
const collect = (value: string, previous: string[]) => [...previous, value];

program
  .command('list')
  .description('the rules, with resource types, trigger and parameters')
  .addOption(format(['table', 'json', 'markdown']))
  .action((o) => {
    listCommand(o.format);
  });

program
  .command('evaluate')
  .description('evaluate a Config rule event or a configuration item with one rule')
  .argument('<file>', 'a Config Lambda event, or a configuration item (event, API or inventory form)')
  .requiredOption('--rule <id>', 'the rule id')
  .option('--params <json>', 'rule parameters as a JSON object, merged over the event ruleParameters')
  .option('--lookup <file>', 'items a lookup, oversized fetch or scheduled listing may return (repeatable)', collect, [])
  .addOption(format(['table', 'json']))
  .action(async (file, o) => {
    await evaluateCommand(file, o);
  });

program
  .command('test')
  .description('every fixture against its expected verdict')
  .option('--rule <id>', 'only this rule')
  .option('--fixtures <dir>', 'a fixtures folder laid out as fixtures/<rule-id>/<verdict>.<case>.json (default: the pack\'s own)')
  .addOption(format(['table', 'json']))
  .action((o) => testCommand(o));

program
  .command('sample')
  .description('print a starting configuration item for a resource type')
  .argument('<resourceType>', 'e.g. AWS::SageMaker::NotebookInstance')
  .action((t) => sampleCommand(t));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander has printed its message; --help and --version exit 0, usage mistakes exit 2.
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  exitWithError(error);
}
