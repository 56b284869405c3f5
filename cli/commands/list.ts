import { commonParameters } from '../../rules/_core/params.js';
import { frequencyOf, type Control, type Rule } from '../../rules/_core/rule.js';
import { rules } from '../../rules/index.js';
import { plural, printJson, table } from '../output.js';

export const triggerOf = (rule: Rule): string =>
  rule.trigger === 'change' ? 'change' : `periodic (${frequencyOf(rule)})`;

/** The rule's own parameters with their defaults (scopeTagKey/scopeTagValue are common to all). */
export function parametersOf(rule: Rule) {
  return Object.entries(rule.parameters as Record<string, { form: string; default?: string; description: string }>).map(
    ([name, spec]) => ({
      name,
      form: spec.form,
      description: spec.description,
      ...(spec.default !== undefined ? { default: spec.default } : {}),
    }),
  );
}

export function describeRule(rule: Rule) {
  return {
    id: rule.id,
    description: rule.description,
    resourceTypes: rule.resourceTypes,
    trigger: triggerOf(rule),
    source: rule.source,
    parameters: parametersOf(rule),
    controls: rule.controls,
    ...(rule.remediation ? { remediation: rule.remediation.document } : {}),
  };
}

/** A control as people name it: `SageMaker.1`, `S3_BUCKET_SSL_REQUESTS_ONLY`, `prowler:<check>`, `cdk-nag:<rule>`. */
export function controlText(control: Control): string {
  const name =
    control.source === 'prowler' || control.source === 'cdk-nag'
      ? `${control.source}:${control.id}`
      : control.source === 'conformance-pack'
        ? `${control.id} conformance pack`
        : control.id;
  return control.note ? `${name} (${control.note})` : name;
}

const paramText = (rule: Rule) =>
  parametersOf(rule)
    .map((p) => (p.default !== undefined ? `${p.name} (default ${p.default})` : p.name))
    .join(', ') || '—';

/** The markdown table of the README, generated from the registry. */
export function markdownTable(): string {
  const shortType = (t: string) => t.replace(/^AWS::/, '');
  const lines = [
    '| id | resource types | trigger | parameters | peer controls |',
    '|---|---|---|---|---|',
    ...rules.map(
      (r) =>
        `| \`${r.id}\` | ${r.resourceTypes.map(shortType).join(', ')}${r.source === 'inventory' ? ' (inventory)' : ''} | ${triggerOf(r)} | ${paramText(r)} | ${r.controls.map(controlText).join(', ') || '—'} |`,
    ),
  ];
  return lines.join('\n') + '\n';
}

export function listCommand(format: string) {
  if (format === 'json') return printJson(rules.map(describeRule));
  if (format === 'markdown') return process.stdout.write(markdownTable());
  const common = Object.keys(commonParameters).join(', ');
  process.stdout.write(
    table(
      ['id', 'resource types', 'trigger', 'parameters'],
      rules.map((r) => [r.id, r.resourceTypes.join('\n'), triggerOf(r), paramText(r)]),
    ) + `\n${plural(rules.length, 'rule')}; every rule also takes ${common}.\n`,
  );
}
