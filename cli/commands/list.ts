import { commonParameters } from '../../rules/_core/params.js';
import { scheduledTypesOf, scheduleOf, typeSourceOf } from '../../rules/_core/recording.js';
import { frequencyOf, type Control, type Rule } from '../../rules/_core/rule.js';
import { rules } from '../../rules/index.js';
import { plural, printJson, printReport, table } from '../output.js';

/** `change`, `periodic (<frequency>)`, or both for a change rule with types Config does not record. */
export function triggerOf(rule: Rule): string {
  if (rule.trigger !== 'change') return `periodic (${frequencyOf(rule)})`;
  const scheduled = scheduledTypesOf(rule);
  return scheduled.length === 0
    ? 'change'
    : `change; periodic (${scheduleOf(rule)}) for ${scheduled.map((t) => t.replace(/^AWS::/, '')).join(', ')}`;
}

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

/**
 * A rule's help text, in Markdown (as a SARIF rule's `help.markdown` takes it): what it checks, its
 * severity, why it matters and how to fix a NON_COMPLIANT resource.
 */
export function ruleHelp(rule: Rule): string {
  const automated = rule.remediation
    ? `\n\nAutomated remediation: the SSM Automation document \`${rule.remediation.document}\`, which the deploy can attach to the rule.`
    : '';
  return [
    rule.description,
    `**Severity:** ${rule.severity}`,
    `**Why it matters.** ${rule.rationale}`,
    `**How to fix.** ${rule.manualRemediation}${automated}`,
  ].join('\n\n');
}

export function describeRule(rule: Rule) {
  return {
    id: rule.id,
    description: rule.description,
    severity: rule.severity,
    rationale: rule.rationale,
    manualRemediation: rule.manualRemediation,
    help: ruleHelp(rule),
    resourceTypes: rule.resourceTypes,
    trigger: triggerOf(rule),
    source: rule.source,
    /** Per type: read from Config's items, or listed through the SageMaker API (the table of recordable types). */
    sources: Object.fromEntries(rule.resourceTypes.map((t) => [t, typeSourceOf(rule, t)])),
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
/** A rule's types; those listed through the SageMaker API (Config does not record them) marked `(inventory)`. */
function typesText(rule: Rule, name: (type: string) => string): string {
  if (rule.source === 'inventory') return `${rule.resourceTypes.map(name).join(', ')} (inventory)`;
  return rule.resourceTypes
    .map((t) => (typeSourceOf(rule, t) === 'inventory' ? `${name(t)} (inventory)` : name(t)))
    .join(', ');
}

export function markdownTable(): string {
  const shortType = (t: string) => t.replace(/^AWS::/, '');
  const lines = [
    '| id | severity | resource types | trigger | parameters | peer controls |',
    '|---|---|---|---|---|---|',
    ...rules.map(
      (r) =>
        `| [\`${r.id}\`](docs/rules/${r.id}.md) | ${r.severity} | ${typesText(r, shortType)} | ${triggerOf(r)} | ${paramText(r)} | ${r.controls.map(controlText).join(', ') || '—'} |`,
    ),
  ];
  return lines.join('\n') + '\n';
}

export function listCommand(format: string) {
  if (format === 'json') return printJson(rules.map(describeRule));
  if (format === 'markdown') return process.stdout.write(markdownTable());
  const common = Object.keys(commonParameters).join(', ');
  printReport({
    table: table(
      ['id', 'severity', 'resource types', 'trigger', 'parameters'],
      rules.map((r) => [r.id, r.severity, r.resourceTypes.join('\n'), triggerOf(r), paramText(r)]),
    ),
    notes: [`${plural(rules.length, 'rule')}; every rule also takes ${common}.`],
  });
}
