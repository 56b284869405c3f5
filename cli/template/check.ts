// A template against the rules: each resource whose type a rule checks becomes a configuration
// item and goes through the engine (applicability included) as it would in Lambda. An Fn::If the
// parameters do not decide is judged on each branch: one verdict when every branch agrees,
// otherwise NOT_APPLICABLE naming the condition. A resource with a Condition is judged and its
// annotation says it is conditional.
import { judgeBeforeDeploy, NOT_BEFORE_DEPLOY } from '../../rules/_core/before-deploy.js';
import { paramsFor } from '../../rules/_core/engine.js';
import { truncateAnnotation, type SuppressedVerdict } from '../../rules/_core/evaluations.js';
import type { ConfigItem } from '../../rules/_core/items.js';
import { own } from '../../rules/_core/own.js';
import type { RawParams } from '../../rules/_core/params.js';
import type { ComplianceType, Rule } from '../../rules/_core/rule.js';
import { createResolver } from './intrinsics.js';
import { expansionBudget } from './limits.js';
import type { Template } from './parse.js';
import { templateItems, type TemplateItem } from './items.js';
import { templateSuppressions } from '../suppressions.js';

export interface TemplateFinding {
  rule: string;
  template: string;
  logicalId: string;
  resourceType: string;
  ComplianceType: ComplianceType;
  Annotation?: string;
  /** The rule's NON_COMPLIANT verdict, when the resource's Metadata suppresses it (shown as SUPPRESSED). */
  suppressed?: SuppressedVerdict;
  /** The line the finding points at: the offending property's, else the resource's (check-template adds it). */
  line?: number;
}

type Verdict = { ComplianceType: ComplianceType; Annotation?: string; suppressed?: SuppressedVerdict };

export interface CheckOptions {
  /** Parameter and pseudo-parameter values (--parameters). */
  parameters?: Record<string, string>;
  /** Rule parameters by rule id (--params). */
  params?: Record<string, RawParams>;
}

/** Branch combinations judged per resource at most (2^4): beyond, the verdict is NOT_APPLICABLE. */
const MAX_UNDECIDED = 4;

/** Resource types the template check can describe: CloudFormation has no AWS::SageMaker::TrainingJob. */
export const TEMPLATE_TYPES_MISSING: Readonly<Record<string, string>> = {
  'AWS::SageMaker::TrainingJob': 'CloudFormation has no training job resource type (jobs are started, not declared)',
};

/** Why a rule cannot run on templates, or undefined when it can. */
export function notOnTemplates(rule: Rule): string | undefined {
  if (NOT_BEFORE_DEPLOY[rule.id]) return NOT_BEFORE_DEPLOY[rule.id];
  const missing = rule.resourceTypes.filter((t) => TEMPLATE_TYPES_MISSING[t]);
  return missing.length === rule.resourceTypes.length ? TEMPLATE_TYPES_MISSING[missing[0]!] : undefined;
}

const assignments = (names: string[]): Map<string, boolean>[] =>
  names.reduce<Map<string, boolean>[]>(
    (all, name) => all.flatMap((a) => [new Map([...a, [name, true]]), new Map([...a, [name, false]])]),
    [new Map()],
  );

const keyOf = (t: TemplateItem) => `${t.item.resourceType} ${t.logicalId}`;

export function checkTemplate(
  name: string,
  template: Template,
  rules: readonly Rule[],
  options: CheckOptions = {},
): TemplateFinding[] {
  const parameters = options.parameters ?? {};
  // One budget for every resolver of this template, whatever the conditions assumed (./limits.ts).
  const budget = expansionBudget(name);
  const runnable = rules.filter((r) => notOnTemplates(r) === undefined);
  const types = new Set(runnable.flatMap((r) => r.resourceTypes));
  const base = templateItems(template, types, { parameters, budget });
  // Undecided conditions, per resource; each combination builds the template's items again.
  const undecided = new Map(base.map((t) => [keyOf(t), [...t.undecided].sort()]));
  const variants = new Map<string, Map<string, boolean>[]>();
  const built = new Map<string, TemplateItem[]>();
  for (const t of base) {
    const names = undecided.get(keyOf(t))!;
    if (names.length === 0 || names.length > MAX_UNDECIDED) continue;
    variants.set(keyOf(t), assignments(names));
  }
  const itemsUnder = (assumed: Map<string, boolean>): TemplateItem[] => {
    const key = JSON.stringify([...assumed].sort());
    if (!built.has(key)) built.set(key, templateItems(template, types, { parameters, assumed, budget }));
    return built.get(key)!;
  };
  // Each set of items indexed once: finding a resource's own item must not walk them all again.
  const indexed = new WeakMap<TemplateItem[], { byKey: Map<string, TemplateItem>; related: ConfigItem[] }>();
  const indexOf = (items: TemplateItem[]) => {
    let index = indexed.get(items);
    if (!index) {
      index = { byKey: new Map(items.map((i) => [keyOf(i), i])), related: items.map((i) => i.item) };
      indexed.set(items, index);
    }
    return index;
  };
  const resolver = createResolver({ template, parameters, budget });
  const findings: TemplateFinding[] = [];
  for (const t of base) {
    // Accepted exceptions the resource carries in its Metadata, checked before any verdict.
    const suppressions = templateSuppressions(name, t.logicalId, own(template.Resources, t.logicalId)?.Metadata);
    for (const rule of runnable.filter((r) => r.resourceTypes.includes(t.item.resourceType))) {
      const params = paramsFor(rule, options.params?.[rule.id] ?? {});
      const judge = (items: TemplateItem[]) => {
        const { byKey, related } = indexOf(items);
        return judgeBeforeDeploy(rule, byKey.get(keyOf(t))!.item, params, related, suppressions);
      };
      const names = undecided.get(keyOf(t))!;
      let verdict: Verdict;
      if (names.length > MAX_UNDECIDED) {
        verdict = {
          ComplianceType: 'NOT_APPLICABLE',
          Annotation: `depends on ${names.length} undecided conditions (${names.join(', ')}): pass --parameters`,
        };
      } else if (names.length > 0) {
        const each = variants.get(keyOf(t))!.map((assumed) => ({ assumed, e: judge(itemsUnder(assumed)) }));
        const agreed = each.every((x) => x.e.ComplianceType === each[0]!.e.ComplianceType);
        verdict = agreed
          ? each[0]!.e
          : {
              ComplianceType: 'NOT_APPLICABLE',
              Annotation: `depends on undecided condition ${names.join(', ')}: ${each
                .map(
                  (x) =>
                    `${[...x.assumed].map(([n, v]) => `${n}=${v}`).join(',')} → ${x.e.ComplianceType}${x.e.Annotation ? ` (${x.e.Annotation})` : ''}`,
                )
                .join('; ')}`,
            };
      } else {
        verdict = judge(base);
      }
      findings.push(finding(name, t, rule, verdict, resolver.condition.bind(resolver)));
    }
  }
  return findings;
}

function finding(
  template: string,
  t: TemplateItem,
  rule: Rule,
  verdict: Verdict,
  condition: (name: string) => boolean | undefined,
): TemplateFinding {
  const base = {
    rule: rule.id,
    template,
    logicalId: t.logicalId,
    resourceType: t.item.resourceType,
    ...(verdict.suppressed ? { suppressed: verdict.suppressed } : {}),
  };
  if (!t.condition)
    return {
      ...base,
      ComplianceType: verdict.ComplianceType,
      ...(verdict.Annotation ? { Annotation: truncateAnnotation(verdict.Annotation) } : {}),
    };
  const holds = condition(t.condition);
  if (holds === false) {
    // Not created: nothing to judge, and so nothing suppressed.
    const { rule: id, logicalId, resourceType } = base;
    return {
      rule: id,
      template,
      logicalId,
      resourceType,
      ComplianceType: 'NOT_APPLICABLE',
      Annotation: `not created: Condition ${t.condition} is false`,
    };
  }
  const note =
    holds === true ? `Condition ${t.condition} holds` : `conditional: created only when Condition ${t.condition} holds`;
  return {
    ...base,
    ComplianceType: verdict.ComplianceType,
    Annotation: truncateAnnotation(verdict.Annotation ? `${note}; ${verdict.Annotation}` : note),
  };
}
