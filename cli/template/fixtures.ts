// Template fixtures: fixtures/_templates/ holds CloudFormation templates, and next to them
// `<case>.expected.json` files, each naming one template and the verdict of every (logical id,
// rule) pair the check gives for it, with the --parameters values and --params of that case:
//   {"template": "ml-platform.yaml", "parameters": {"Environment": "prod"}, "params": {...},
//    "verdicts": {"ExperimentsNotebook": {"sagemaker-notebook-kms-key": "COMPLIANT", ...}, ...}}
// A case passes when the check gives exactly those pairs with exactly those verdicts.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonFile } from '../local/fixtures.js';
import { own } from '../../rules/_core/own.js';
import type { RawParams } from '../../rules/_core/params.js';
import type { Rule } from '../../rules/_core/rule.js';
import { checkTemplate, type TemplateFinding } from './check.js';
import { readTemplate } from './parse.js';

export interface TemplateCase {
  file: string;
  template: string;
  parameters: Record<string, string>;
  params: Record<string, RawParams>;
  verdicts: Record<string, Record<string, string>>;
}

export interface TemplateCaseResult {
  case: TemplateCase;
  findings: TemplateFinding[];
  /** What differs from the expected verdicts; empty when the case passes. */
  problems: string[];
}

export function templateCases(dir: string): TemplateCase[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.expected.json'))
    .sort()
    .map((file) => {
      const raw = readJsonFile(join(dir, file)) as Partial<TemplateCase>;
      return {
        file,
        template: raw.template ?? '',
        parameters: raw.parameters ?? {},
        params: raw.params ?? {},
        verdicts: raw.verdicts ?? {},
      };
    });
}

export function runTemplateCase(dir: string, c: TemplateCase, rules: readonly Rule[]): TemplateCaseResult {
  const findings = checkTemplate(c.template, readTemplate(join(dir, c.template)), rules, {
    parameters: c.parameters,
    params: c.params,
  });
  const ruleIds = new Set(rules.map((r) => r.id));
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    seen.add(`${f.logicalId} ${f.rule}`);
    const expected = own(own(c.verdicts, f.logicalId), f.rule);
    if (expected === undefined) problems.push(`${f.logicalId} ${f.rule}: unexpected ${f.ComplianceType}`);
    else if (expected !== f.ComplianceType)
      problems.push(`${f.logicalId} ${f.rule}: expected ${expected}, got ${f.ComplianceType} (${f.Annotation ?? ''})`);
  }
  for (const [logicalId, byRule] of Object.entries(c.verdicts)) {
    for (const rule of Object.keys(byRule)) {
      if (ruleIds.has(rule) && !seen.has(`${logicalId} ${rule}`))
        problems.push(`${logicalId} ${rule}: expected ${own(byRule, rule)}, not evaluated`);
    }
  }
  return { case: c, findings, problems };
}
