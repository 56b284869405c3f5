// `ml-config-rules check-template FILE…`: the pack's rules on CloudFormation templates, before
// anything is deployed. Same rules, same engine, same verdicts as AWS Config gives afterwards.
import type { Rule } from '../../rules/_core/rule.js';
import { rules as registry } from '../../rules/index.js';
import { junitXml, type JunitCase } from '../junit.js';
import type { FailOn } from '../options.js';
import { plural, printJson, printReport, table, type Report } from '../output.js';
import { checkTemplate, type TemplateFinding } from '../template/check.js';
import { ruleParamsFromOptions } from '../rule-params.js';
import { templateFiles } from '../template/find.js';
import { readParameterValues } from '../template/inputs.js';
import { findingLine } from '../template/lines.js';
import { readTemplateSource } from '../template/parse.js';
import { sarifLog } from '../sarif.js';
import { shownAnnotation, shownVerdict, verdictJson } from '../suppressions.js';
import { requireRule } from './evaluate.js';

export interface CheckTemplateOptions {
  rule: string[];
  format: 'table' | 'tsv' | 'json' | 'junit' | 'sarif';
  failOn?: FailOn;
  params?: string;
  paramsFile?: string;
  parameters?: string;
  allowUnknownTags?: boolean;
}

const ORDER = { NON_COMPLIANT: 0, COMPLIANT: 1, NOT_APPLICABLE: 2 } as const;

export function checkFiles(
  files: string[],
  rules: readonly Rule[],
  options: Pick<CheckTemplateOptions, 'params' | 'paramsFile' | 'parameters' | 'allowUnknownTags'>,
): TemplateFinding[] {
  // The same parameters, validated the same way, as `scan` and the deploy take them.
  const params = ruleParamsFromOptions(options);
  const parameters = readParameterValues(options.parameters);
  // Read every template first: an unreadable one stops the run before any output.
  const read = { allowUnknownTags: options.allowUnknownTags === true };
  const templates = templateFiles(files).map((file) => [file, readTemplateSource(file, read)] as const);
  return templates.flatMap(([file, { template, keyLine }]) =>
    checkTemplate(file, template, rules, { params, parameters }).map((f) => {
      // The offending property's line for a verdict that names one, else the resource's.
      const line = findingLine(keyLine, f.logicalId, f.suppressed?.Annotation ?? f.Annotation);
      return line === undefined ? f : { ...f, line };
    }),
  );
}

export function findingsReport(findings: TemplateFinding[]): Report {
  const sorted = [...findings].sort(
    (a, b) =>
      ORDER[a.ComplianceType] - ORDER[b.ComplianceType] ||
      a.template.localeCompare(b.template) ||
      a.logicalId.localeCompare(b.logicalId) ||
      a.rule.localeCompare(b.rule),
  );
  const n = (t: string) => findings.filter((f) => f.ComplianceType === t).length;
  const resources = new Set(findings.map((f) => `${f.template}\u0000${f.logicalId}`)).size;
  const templates = new Set(findings.map((f) => f.template)).size;
  const suppressed = findings.filter((f) => f.suppressed).length;
  const summary =
    `${plural(findings.length, 'evaluation')} of ${plural(resources, 'resource')} in ${plural(templates, 'template')}: ` +
    `${n('NON_COMPLIANT')} non-compliant, ${n('COMPLIANT')} compliant, ${n('NOT_APPLICABLE') - suppressed} not applicable` +
    (suppressed > 0 ? `, ${suppressed} suppressed` : '');
  if (findings.length === 0) return { table: '', notes: ['no resource of a type the rules check'] };
  return {
    table: table(
      ['template', 'logical id', 'resource type', 'rule', 'verdict', 'annotation'],
      sorted.map((f) => [
        f.line ? `${f.template}:${f.line}` : f.template,
        f.logicalId,
        f.resourceType,
        f.rule,
        shownVerdict(f),
        shownAnnotation(f),
      ]),
    ),
    notes: [summary],
  };
}

export function findingsJunit(findings: TemplateFinding[]): string {
  const byRule = new Map<string, JunitCase[]>();
  for (const f of findings) {
    const c: JunitCase = { classname: f.rule, name: `${f.template} ${f.logicalId} (${f.resourceType})` };
    if (f.ComplianceType === 'NON_COMPLIANT')
      c.failure = { type: 'NON_COMPLIANT', message: f.Annotation ?? 'NON_COMPLIANT' };
    if (f.ComplianceType === 'NOT_APPLICABLE')
      c.skipped = f.suppressed ? `SUPPRESSED: ${shownAnnotation(f)}` : (f.Annotation ?? 'NOT_APPLICABLE');
    byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), c]);
  }
  const suites = [...byRule].map(([name, cases]) => ({ name, cases }));
  return junitXml('ml-config-rules check-template', suites, new Date().toISOString().replace(/\.\d+Z$/, ''));
}

export async function checkTemplateCommand(files: string[], options: CheckTemplateOptions) {
  const selected = options.rule.length > 0 ? [...new Set(options.rule)].map(requireRule) : registry;
  const findings = checkFiles(files, selected, options);
  if (options.format === 'json') printJson(findings.map(verdictJson));
  else if (options.format === 'sarif') printJson(findingsSarif(findings, selected));
  else if (options.format === 'junit') process.stdout.write(findingsJunit(findings));
  else printReport(findingsReport(findings));
  if (options.failOn !== undefined && findings.some((f) => f.ComplianceType === 'NON_COMPLIANT')) process.exitCode = 1;
}

/** SARIF: a result per NON_COMPLIANT finding, at its file and line; a suppressed one marked inSource. */
export function findingsSarif(findings: TemplateFinding[], rules: readonly Rule[]) {
  const results = findings
    .filter((f) => f.ComplianceType === 'NON_COMPLIANT' || f.suppressed)
    .map((f) => ({
      rule: f.rule,
      message: `${f.logicalId} (${f.resourceType}): ${f.suppressed?.Annotation ?? f.Annotation ?? 'NON_COMPLIANT'}`,
      file: f.template,
      ...(f.line ? { line: f.line } : {}),
      ...(f.suppressed ? { suppression: { reason: f.suppressed.reason, kind: 'inSource' as const } } : {}),
    }));
  return sarifLog(rules, results);
}

/** The command's options, registered on the program (so it inherits the program's error handling). */
