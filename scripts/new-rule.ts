// `npm run new-rule -- <id> --type <AWS::Service::Type> [--trigger change|periodic]`: a new rule
// that runs at once. Writes rules/<id>.ts (a skeleton that compiles), registers it in
// rules/index.ts in alphabetical order, writes a compliant and a non-compliant fixture from the
// type's sample item (what `ml-config-rules sample` prints) with their `_expected.json`, and
// regenerates the README rule table and the rule's page. Whether the type is read from Config or
// listed through the SageMaker API comes from the table of recordable types (isRecordable), as for
// the recorder, `doctor` and `history`. The skeleton passes every resource, so the non-compliant
// fixture fails until the check is written, and its metadata placeholders (TODO) fail
// test/registry.test.ts until they are filled.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { sampleItem, toEventForm } from '../cli/commands/sample.js';
import { EXPECTED_FILE } from '../cli/local/expected.js';
import { PACKAGE_ROOT } from '../cli/paths.js';
import { isRecordable } from '../rules/_core/recording.js';
import { rules } from '../rules/index.js';

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const TYPE = /^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/;
/** Config rule names are at most 128 characters; the deploy adds a prefix (the registry test checks 96). */
const MAX_ID = 96;
const CASE = 'sample';

export class NewRuleError extends Error {}

export interface NewRuleOptions {
  id: string;
  type: string;
  trigger: 'change' | 'periodic';
  /** The package to write into (default: this one). */
  root?: string;
}

/** `sagemaker-model-in-vpc` → `sagemakerModelInVpc`, the registry's variable name. */
export const variableName = (id: string) => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Types the pack does not record in Config (the table of recordable types): rules list them through an adapter. */
const inventoryOnly = (type: string) => !isRecordable(type);

export function checkOptions(options: NewRuleOptions): void {
  const { id, type, trigger } = options;
  const root = options.root ?? PACKAGE_ROOT;
  if (!ID.test(id) || id.length > MAX_ID) {
    throw new NewRuleError(`rule id "${id}" must be lowercase words joined by dashes, at most ${MAX_ID} characters`);
  }
  if (
    rules.some((r) => r.id === id) ||
    existsSync(join(root, 'rules', `${id}.ts`)) ||
    existsSync(join(root, 'fixtures', id))
  ) {
    throw new NewRuleError(`rule ${id} exists already (rules/${id}.ts, fixtures/${id} or the registry)`);
  }
  if (!TYPE.test(type)) throw new NewRuleError(`--type "${type}" is not a resource type like AWS::SageMaker::Model`);
  if (!sampleItem(type)) {
    const known = [...new Set(rules.flatMap((r) => r.resourceTypes))].sort().join(', ');
    throw new NewRuleError(`no sample item for ${type}: start from a type a rule checks (${known})`);
  }
  if (trigger !== 'change' && trigger !== 'periodic')
    throw new NewRuleError(`--trigger must be change or periodic, got "${trigger}"`);
  if (trigger === 'change' && inventoryOnly(type)) {
    throw new NewRuleError(
      `the pack does not record ${type} in AWS Config (rules/_core/recordable-types.ts): rules list it through the SageMaker API, use --trigger periodic`,
    );
  }
}

function ruleSource({ id, type, trigger }: NewRuleOptions): string {
  const service = type.split('::')[1];
  const periodic = trigger === 'periodic';
  const listed = periodic && inventoryOnly(type);
  return `// ${id}: say here what the rule checks and why it matters for an ML pipeline.
import { compliant, defineRule } from './_core/rule.js';

export default defineRule({
  id: '${id}',
  description: '${type.split('::').slice(1).join(' ')} resources ... (what a compliant one looks like, at most 256 characters).',
  controls: [],
  // TODO: the Security Hub severity of the control this rule matches (or of the nearest one), and why, in this comment.
  severity: 'medium',
  rationale: 'TODO: one paragraph: why this check matters to an ML platform.',
  manualRemediation: 'TODO: one paragraph: what to change so the resource passes, in console, CLI and CloudFormation terms.',
  resourceTypes: ['${type}'],
  trigger: ${periodic ? "{ periodic: 'TwentyFour_Hours' }" : "'change'"},
${listed ? "  source: 'inventory',\n  // What evaluate reads beyond the listing, and so what the adapter fetches: ['tags'] for a tag check.\n  reads: ['describe'],\n" : ''}  parameters: {},
  // The check: read the item (configuration holds the ${service} API's description of the
  // resource) and return nonCompliant('what is wrong') when it fails. Until then every resource
  // passes and the non-compliant fixture fails: edit fixtures/${id}/non-compliant.${CASE}.json
  // so that it breaks the check.
  evaluate: () => compliant(),
});
`;
}

/** rules/index.ts with the rule's import and list entry, both in alphabetical order of id. */
export function registerIn(index: string, id: string): string {
  const name = variableName(id);
  const lines = index.split('\n');
  const importOf = (line: string) => /^import \w+ from '\.\/([a-z0-9-]+)\.js';$/.exec(line)?.[1];
  const imports = lines.flatMap((line, i) => (importOf(line) ? [i] : []));
  const start = lines.indexOf('export const rules: readonly Rule[] = [');
  const end = lines.indexOf('];', start);
  if (imports.length === 0 || start < 0 || end < 0)
    throw new NewRuleError('rules/index.ts is not laid out as the scaffolder expects');
  const entries = lines.slice(start + 1, end).map((l) => l.trim().replace(/,$/, ''));
  const entryAt = entries.findIndex((e) => e > name);
  lines.splice(entryAt < 0 ? end : start + 1 + entryAt, 0, `  ${name},`);
  const importAt = imports.find((i) => importOf(lines[i]!)! > id);
  lines.splice(importAt ?? imports.at(-1)! + 1, 0, `import ${name} from './${id}.js';`);
  return lines.join('\n');
}

export interface NewRuleResult {
  files: string[];
}

export function newRule(options: NewRuleOptions): NewRuleResult {
  checkOptions(options);
  const root = options.root ?? PACKAGE_ROOT;
  const ruleFile = join(root, 'rules', `${options.id}.ts`);
  writeFileSync(ruleFile, ruleSource(options));
  const indexFile = join(root, 'rules', 'index.ts');
  writeFileSync(indexFile, registerIn(readFileSync(indexFile, 'utf8'), options.id));
  const dir = join(root, 'fixtures', options.id);
  mkdirSync(dir, { recursive: true });
  // The same item twice: the author edits the non-compliant one to break the check.
  const item = JSON.stringify(toEventForm(sampleItem(options.type)!), null, 2) + '\n';
  const fixtures = ['compliant', 'non-compliant'].map((verdict) => join(dir, `${verdict}.${CASE}.json`));
  for (const f of fixtures) writeFileSync(f, item);
  // What each fixture expects the rule to say: nothing when compliant; the author writes the
  // non-compliant annotation (the test fails on the placeholder until the check gives that text).
  const expected = join(dir, EXPECTED_FILE);
  const expectations = {
    [`compliant.${CASE}.json`]: { annotation: null },
    [`non-compliant.${CASE}.json`]: { annotation: 'TODO: the annotation the check gives this fixture' },
  };
  writeFileSync(expected, JSON.stringify(expectations, null, 2) + '\n');
  return { files: [ruleFile, indexFile, ...fixtures, expected] };
}

/** The command: its exit code (2 for a refusal, said in one line on stderr). `root` is the package to write into. */
export function main(argv: string[], root = PACKAGE_ROOT): number {
  let options: NewRuleOptions;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { type: { type: 'string' }, trigger: { type: 'string', default: 'change' } },
    });
    if (positionals.length !== 1 || !values.type) {
      throw new NewRuleError('usage: npm run new-rule -- <id> --type <AWS::Service::Type> [--trigger change|periodic]');
    }
    options = { id: positionals[0]!, type: values.type, trigger: values.trigger as NewRuleOptions['trigger'], root };
    const { files } = newRule(options);
    for (const f of files) process.stdout.write(`wrote ${relative(process.cwd(), f) || f}\n`);
  } catch (error) {
    const known = error instanceof NewRuleError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`new-rule: ${(error as Error).message.split('\n')[0]}\n`);
    return known ? 2 : 1;
  }
  // The README table is generated from the registry, which this process loaded before the change.
  const readme = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'readme.ts')], {
    encoding: 'utf8',
  });
  process.stdout.write(
    readme.status === 0
      ? `README.md rule table and docs/rules/${options.id}.md regenerated\n`
      : 'run `npm run readme` to add the rule to the README table and write its page\n',
  );
  process.stdout.write(
    `\nnext: npx ml-config-rules test --rule ${options.id}\n` +
      `  non-compliant.${CASE}.json fails until you write the check in rules/${options.id}.ts and edit that fixture to break it;\n` +
      `  give its annotation in fixtures/${options.id}/${EXPECTED_FILE}, and fill the TODOs of the rule's metadata.\n`,
  );
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));
