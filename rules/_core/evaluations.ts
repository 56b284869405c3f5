// Verdicts → evaluations exactly as PutEvaluations takes them.
import { RuleContractError } from './errors.js';
import type { ConfigItem } from './items.js';
import { COMPLIANCE_TYPES, type ComplianceType, type Verdict } from './rule.js';

export interface Evaluation {
  ComplianceResourceType: string;
  ComplianceResourceId: string;
  ComplianceType: ComplianceType;
  Annotation?: string;
  /** ISO-8601; turned into a Date when sent. */
  OrderingTimestamp: string;
  /**
   * The rule's own verdict when a suppression turned it into NOT_APPLICABLE (suppressions.ts):
   * never sent to Config, shown by the command as SUPPRESSED.
   */
  suppressed?: SuppressedVerdict;
}

export interface SuppressedVerdict {
  ComplianceType: 'NON_COMPLIANT';
  Annotation?: string;
  reason: string;
  expires?: string;
}

export const ANNOTATION_MAX = 256;
const TRUNCATED = ' [truncated]';

/** Config rejects annotations over 256 characters; cut them with a visible marker (as rdk does). */
export function truncateAnnotation(text: string): string {
  return text.length <= ANNOTATION_MAX ? text : text.slice(0, ANNOTATION_MAX - TRUNCATED.length) + TRUNCATED;
}

export function checkVerdict(ruleId: string, verdict: unknown): Verdict {
  const v = verdict as Verdict | undefined;
  if (!v || !COMPLIANCE_TYPES.includes(v.complianceType)) {
    throw new RuleContractError(
      `rule ${ruleId} returned ${JSON.stringify(verdict)}; expected COMPLIANT, NON_COMPLIANT or NOT_APPLICABLE`,
    );
  }
  if (v.complianceType === 'NON_COMPLIANT' && !v.annotation) {
    throw new RuleContractError(
      `rule ${ruleId} returned NON_COMPLIANT without an annotation naming the field and value`,
    );
  }
  return v;
}

export function toEvaluation(
  item: Pick<ConfigItem, 'resourceType' | 'resourceId'>,
  verdict: Verdict,
  orderingTimestamp: string,
): Evaluation {
  const evaluation: Evaluation = {
    ComplianceResourceType: item.resourceType,
    ComplianceResourceId: item.resourceId,
    ComplianceType: verdict.complianceType,
    OrderingTimestamp: orderingTimestamp,
  };
  // Annotation is 1–256 characters: omit it when empty.
  if (verdict.annotation) evaluation.Annotation = truncateAnnotation(verdict.annotation);
  return evaluation;
}

/** PutEvaluations takes at most 100 evaluations per call. */
export function batches<T>(items: T[], size = 100): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
