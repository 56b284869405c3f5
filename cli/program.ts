// The ml-config-rules command's program: every command, its options and its exit codes. main.ts
// runs it in its own process; the tests run it in theirs (test/support/run-cli.ts), which is the
// same parsing, output and exit code without a process launch.
import { Command, CommanderError, Option } from 'commander';
import { registerCheckTemplate } from './commands/check-template-options.js';
import { DEFAULT_NAME_PREFIX } from '../deploy/names.js';
import { failOnOption, formatOption, helpFooter, profileOption, suppressionsOption } from './options.js';
import { reportError, setTableStyle, styleFor } from './output.js';
import { PACKAGE_JSON } from './paths.js';
import { DEFAULT_PIPELINE_TAG } from './timeline.js';
import { DEFAULT_TRACKING_NAMESPACE } from '../rules/_tracking/names.js';

/** A fresh program each run: Commander keeps parsed option values on its command objects. */
export function buildProgram(): Command {
  const program = new Command('ml-config-rules')
    .description('Custom AWS Config rules for ML pipelines: run them locally against Config events and items.')
    .exitOverride()
    .version(PACKAGE_JSON.version, '-V, --version', 'the version of the pack')
    .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, 'ml-config-rules: ')) })
    // Before any command runs: how its tables print, and the AWS profile, set before any client exists.
    .hook('preAction', (_program, command) => {
      const o = command.opts();
      setTableStyle(styleFor(o.format, command.getOptionValueSource('format') === 'cli'));
      if (o.profile !== undefined) process.env.AWS_PROFILE = o.profile;
    });
  helpFooter(
    program,
    'npx ml-config-rules list | grep s3-bucket',
    'a failure: an AWS error, a failed fixture or check',
  );

  const format = formatOption;
  const collect = (value: string, previous: string[]) => [...previous, value];

  const list = program
    .command('list')
    .description('the rules, with resource types, trigger and parameters')
    .addOption(format(['table', 'json', 'markdown']))
    .action(async (o) => {
      const { listCommand } = await import('./commands/list.js');
      listCommand(o.format);
    });
  helpFooter(list, 'npx ml-config-rules list | grep -c s3-bucket', 'never');

  const evaluate = program
    .command('evaluate')
    .description('evaluate a Config rule event or a configuration item with one rule')
    .argument('<file>', 'a Config Lambda event, or a configuration item (event, API or inventory form)')
    .requiredOption('--rule <id>', 'the rule id')
    .option('--params <json>', 'rule parameters as a JSON object, merged over the event ruleParameters')
    .option(
      '--lookup <file>',
      'items a lookup, oversized fetch or scheduled listing may return (repeatable)',
      collect,
      [],
    )
    .addOption(format(['table', 'json']))
    .addOption(failOnOption())
    .addOption(suppressionsOption())
    .addOption(profileOption())
    .action(async (file, o) => {
      const { evaluateCommand } = await import('./commands/evaluate.js');
      await evaluateCommand(file, o);
    });
  helpFooter(
    evaluate,
    'npx ml-config-rules evaluate item.json --rule sagemaker-notebook-kms-key --fail-on non-compliant',
    'an AWS error, or a verdict --fail-on names',
  );

  const test = program
    .command('test')
    .description('every fixture against its expected verdict')
    .option('--rule <id>', 'only this rule')
    .option(
      '--fixtures <dir>',
      "a fixtures folder laid out as fixtures/<rule-id>/<verdict>.<case>.json (default: the pack's own)",
    )
    .addOption(format(['table', 'json']))
    .addOption(suppressionsOption())
    .action(async (o) => {
      const { testCommand } = await import('./commands/test.js');
      await testCommand(o);
    });
  helpFooter(test, 'npx ml-config-rules test --rule s3-bucket-kms-encryption', 'a fixture did not give its verdict');

  const sample = program
    .command('sample')
    .description('print a starting configuration item for a resource type')
    .argument('<resourceType>', 'e.g. AWS::SageMaker::NotebookInstance')
    .action(async (t) => {
      const { sampleCommand } = await import('./commands/sample.js');
      await sampleCommand(t);
    });
  helpFooter(sample, 'npx ml-config-rules sample AWS::SageMaker::Model > model.json', 'never');

  registerCheckTemplate(program);

  // Live accounts: these load the AWS SDK clients, so they are imported when used.
  const scan = program
    .command('scan')
    .description('evaluate the rules against the live AWS account now, without deploying anything')
    .option('--rule <id...>', 'only these rules (repeatable; default: every rule)')
    .option('--region <region...>', "Regions to scan (repeatable; default: the SDK's Region)")
    .addOption(format(['table', 'json', 'junit', 'sarif']))
    .addOption(failOnOption())
    .addOption(suppressionsOption())
    .addOption(profileOption())
    .option('--concurrency <n>', 'API calls in flight at once per listing', '8')
    .option('--params <json>', 'rule parameters: {"<rule-id>": {"<name>": value}}, as the stack\'s parameters')
    .option(
      '--params-file <file>',
      "rule parameters from a YAML or JSON file (a Pulumi stack file's ml-config-rules:parameters works)",
    )
    .option('--tag <key[=value]>', 'the scope tag: evaluate only resources carrying it, as the deployed rules do')
    .option('--role-name <name>', "scan other accounts by assuming this role in each (e.g. the deploy's member role)")
    .option('--accounts <ids>', 'with --role-name: comma-separated account ids')
    .option('--organization', 'with --role-name: every active account AWS Organizations lists')
    .action(async (o) => {
      const { scanCommand } = await import('./commands/scan.js');
      await scanCommand({ ...o, rule: o.rule ?? [], region: o.region ?? [] });
    });
  helpFooter(
    scan,
    'npx ml-config-rules scan --profile audit --suppressions exceptions.yaml --format sarif > scan.sarif',
    'an AWS error, a rule or account not scanned, or a verdict --fail-on names',
  );

  const record = program
    .command('record')
    .description('write the current configuration item of a resource, scrubbed, as a fixture of a rule')
    .argument('<resourceType>', 'e.g. AWS::SageMaker::EndpointConfig')
    .argument('<resourceId>', "the resource id AWS Config uses (a SageMaker resource's name, a bucket's name)")
    .requiredOption('--rule <id>', 'the rule the fixture is for')
    .requiredOption(
      '--as <verdict.case>',
      'fixture name: compliant|non-compliant|not-applicable, a dot, a lowercase-dashed case',
    )
    .option('--params <json>', 'rule parameters for this fixture (written to _params.json)')
    .option('--region <region>', "the resource's Region (default: the SDK's Region)")
    .option('--dir <dir>', "fixtures folder to write into (default: the pack's own)")
    .option('--force', 'replace an existing fixture of that name')
    .addOption(profileOption())
    .action(async (type, id, o) => {
      const { recordCommand } = await import('./commands/record.js');
      await recordCommand(type, id, o);
    });
  helpFooter(
    record,
    'npx ml-config-rules record AWS::SageMaker::Model churn-model --rule sagemaker-model-in-vpc --as compliant.in-vpc',
    'an AWS error',
  );

  const history = program
    .command('history')
    .description("the change timeline of a resource or of a pipeline's resources, with the rules each change flipped")
    .argument('[resourceType]', 'e.g. AWS::SageMaker::EndpointConfig, AWS::SageMaker::TrainingJob (or use --pipeline)')
    .argument('[resourceId]', 'the resource id AWS Config uses')
    .option(
      '--pipeline <name>',
      'every resource tagged <tag-key>=<name> (found with SelectResourceConfig; tracked types by listing them)',
    )
    .option('--tag-key <key>', 'the pipeline tag key', DEFAULT_PIPELINE_TAG)
    .option(
      '--since <date>',
      'from this date (ISO) or this many days ago (30d); default 30d against AWS, everything with --from',
    )
    .option('--from <dir>', 'read saved configuration items from this folder instead of AWS Config')
    .option('--save <dir>', 'also save the items fetched from AWS Config into this folder (for --from later)')
    .option('--region <region>', "the Region (default: the SDK's Region)")
    .option(
      '--tracking-namespace <namespace>',
      "the tracked types' namespace (stack key trackingNamespace): AWS::SageMaker::TrainingJob is read as <namespace>::SageMaker::TrainingJob",
      DEFAULT_TRACKING_NAMESPACE,
    )
    .addOption(format(['table', 'json', 'html']))
    .option('--out <file>', 'the HTML file to write (with --format html)')
    .addOption(profileOption())
    .action(async (type, id, o) => {
      const { historyCommand } = await import('./commands/history.js');
      await historyCommand(type, id, o);
    });
  helpFooter(history, 'npx ml-config-rules history --pipeline churn-model --since 7d | grep became', 'an AWS error');

  const track = program
    .command('track')
    .description(
      'record the SageMaker resources an EventBridge event is about in AWS Config, as the capture function does (or --reconcile all)',
    )
    .argument('[eventFile]', 'an EventBridge event: a SageMaker state change or an "AWS API Call via CloudTrail" event')
    .option('--reconcile', 'every tracked resource of the account and Region, as the daily run does')
    .option('--dry-run', 'send nothing; print the PutResourceConfig/DeleteResourceConfig requests it would send')
    .option('--region <region>', "the Region (default: the SDK's Region)")
    .option('--namespace <namespace>', "the tracked types' namespace (stack key trackingNamespace)", 'MLConfigRules')
    .option('--schema-version <id>', "the SchemaVersionId to send (default: each type's registered default version)")
    .option(
      '--retention-days <days>',
      'with --reconcile: jobs and executions created before this many days are deleted',
    )
    .addOption(format(['table', 'json']))
    .addOption(profileOption())
    .action(async (file, o) => {
      const { trackCommand } = await import('./commands/track.js');
      await trackCommand(file, o);
    });
  helpFooter(track, 'npx ml-config-rules track --reconcile --dry-run --profile ml-dev', 'an AWS error');

  const doctor = program
    .command('doctor')
    .description(
      'check, read-only, that the deployed pack works here: recorder, delivery, rules, evaluations, remediation',
    )
    .option('--region <region...>', "Regions to check (repeatable; default: the SDK's Region)")
    .option('--prefix <prefix>', "the stack's namePrefix: Config rule name = prefix + rule id", DEFAULT_NAME_PREFIX)
    .option('--rule <id...>', 'only these rules, each of which must be deployed (default: every rule of the pack)')
    .option(
      '--organization',
      "also check the organization's prerequisites (trusted access, delegated administrators, StackSets), organization rules in member accounts and the aggregator",
    )
    .addOption(
      new Option(
        '--tracking <on|off>',
        "the stack's tracking: on checks the registered types, the capture and the item count",
      )
        .choices(['on', 'off'])
        .default('on'),
    )
    .option(
      '--namespace <namespace>',
      "the tracked types' namespace (stack key trackingNamespace)",
      DEFAULT_TRACKING_NAMESPACE,
    )
    .addOption(format(['table', 'json']))
    .addOption(profileOption())
    .action(async (o) => {
      const { doctorCommand } = await import('./commands/doctor.js');
      await doctorCommand({ ...o, rule: o.rule ?? [], region: o.region ?? [] });
    });
  helpFooter(doctor, 'npx ml-config-rules doctor --profile audit --region eu-west-1', 'a check failed');

  return program;
}

/**
 * Run the command on `argv` (as process.argv: node, script, arguments). Returns the exit code of an
 * error or a usage mistake, whose message has been written to stderr; undefined when the command
 * ran to its end, leaving the exit code it set in process.exitCode (1 for a failed fixture...).
 */
export async function runProgram(argv: readonly string[]): Promise<number | undefined> {
  try {
    await buildProgram().parseAsync([...argv]);
    return undefined;
  } catch (error) {
    // Commander has printed its message; --help and --version exit 0, usage mistakes exit 2.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    return reportError(error);
  } finally {
    setTableStyle(undefined);
  }
}
