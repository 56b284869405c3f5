// Judging a resource before it exists (a CloudFormation template, a Pulumi preview): the same
// rules and the same engine, with two differences from a live account. A value the template only
// knows at deploy time is marked (⟨Ref Key⟩); a verdict that hinged on such a value, or on a
// resource that is not defined alongside, is NOT_APPLICABLE with the reason, never a guess.
import { evaluateItem } from './engine.js';
import { truncateAnnotation, type Evaluation } from './evaluations.js';
import type { ConfigItem } from './items.js';
import type { CommonParams } from './params.js';
import type { Lookup, Rule } from './rule.js';
import type { Suppression } from './suppressions.js';

/** Brackets an unresolved value; a NON_COMPLIANT annotation names the value found, so it shows there. */
export const UNRESOLVED_OPEN = '⟨';
export function unresolved(what: string): string {
  return `${UNRESOLVED_OPEN}${what}⟩`;
}
export function isUnresolved(value: unknown): boolean {
  return typeof value === 'string' && value.includes(UNRESOLVED_OPEN);
}

/**
 * Rules that cannot judge a resource before it exists, and why. Everything else runs wherever
 * its resource types can be described before deploy.
 */
export const NOT_BEFORE_DEPLOY: Readonly<Record<string, string>> = {
  'sagemaker-endpoint-monitoring-scheduled':
    'judges the live endpoint (EndpointStatus InService) and the status of the monitoring schedules that target it',
  'sagemaker-model-package-group-approval':
    'judges the approval history of the newest model package, which registrations write after deploy',
};

type Params = Record<string, unknown> & CommonParams;

/** One resource, one rule, before deploy: the engine's verdict, or NOT_APPLICABLE where it hinged on the unknown. */
export function judgeBeforeDeploy(
  rule: Rule,
  item: ConfigItem,
  params: Params,
  related: readonly ConfigItem[] = [],
  suppressions: readonly Suppression[] = [],
): Evaluation {
  const missed: string[] = [];
  const keys = new Set((rule.lookups?.(item, params) ?? []).map((k) => `${k.resourceType} ${k.resourceId}`));
  const lookup: Lookup = (type, id) => {
    const found = keys.has(`${type} ${id}`)
      ? related.find((r) => r.resourceType === type && r.resourceId === id)
      : undefined;
    if (!found) missed.push(`${type} ${id}`);
    return found;
  };
  const evaluation = evaluateItem(rule, item, params, new Date().toISOString(), lookup, false, suppressions);
  if (evaluation.ComplianceType !== 'NON_COMPLIANT') return evaluation;
  const annotation = evaluation.Annotation ?? '';
  if (annotation.includes(UNRESOLVED_OPEN)) {
    return {
      ...evaluation,
      ComplianceType: 'NOT_APPLICABLE',
      Annotation: truncateAnnotation(`unresolved before deploy: ${annotation}`),
    };
  }
  if (missed.length > 0) {
    const reason = `${missed.join(', ')} is not defined here; only AWS Config can judge it after deploy (${annotation})`;
    return { ...evaluation, ComplianceType: 'NOT_APPLICABLE', Annotation: truncateAnnotation(reason) };
  }
  return evaluation;
}
