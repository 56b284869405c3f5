// One evaluation per account, for resources whose own type AWS Config does not accept in
// PutEvaluations (training jobs have no CloudFormation type; others may be refused at run time).
// It is built from the per-resource verdicts, which still come from each rule's `evaluate`.
// `AWS::::Account` with the account id as resource id is the type AWS documents for such results:
// https://repost.aws/knowledge-center/config-rule-unsupported-resource-type
import { ANNOTATION_MAX, type Evaluation } from './evaluations.js';

export const ACCOUNT_TYPE = 'AWS::::Account';

/** 'AWS::SageMaker::TrainingJob' → 'training jobs'; several types → 'resources'. */
export function resourceNoun(types: readonly string[]): string {
  if (types.length !== 1) return 'resources';
  const last = types[0]!.split('::').pop() ?? types[0]!;
  return `${last.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()}s`;
}

export interface SummaryContext {
  accountId: string;
  orderingTimestamp: string;
  /** What the resources are called in the annotation ('training jobs'). */
  noun: string;
  /** First day of the listing window (YYYY-MM-DD), when the rule lists a window (lookbackDays). */
  since?: string;
}

/** "3 of 41 training jobs since 2026-10-28: a, b, … +1 more", never longer than Config's 256 characters. */
function offendersText(head: string, names: string[]): string {
  let text = `${head}: ${names[0]}`;
  if (text.length > ANNOTATION_MAX) return `${head}: … +${names.length} more`;
  for (let i = 1; i < names.length; i++) {
    const rest = names.length - i;
    const next = `${text}, ${names[i]}`;
    // Room must stay for the "… +N more" tail of whatever does not fit after this name.
    const tail = rest - 1 > 0 ? `, … +${rest - 1} more` : '';
    if (next.length + tail.length > ANNOTATION_MAX) return `${text}, … +${rest} more`;
    text = next;
  }
  return text;
}

export function accountSummary(perResource: readonly Evaluation[], context: SummaryContext): Evaluation {
  const window = context.since ? ` since ${context.since}` : '';
  const offenders = perResource
    .filter((e) => e.ComplianceType === 'NON_COMPLIANT')
    .map((e) => e.ComplianceResourceId)
    .sort();
  const total = perResource.length;
  const base = {
    ComplianceResourceType: ACCOUNT_TYPE,
    ComplianceResourceId: context.accountId,
    OrderingTimestamp: context.orderingTimestamp,
  };
  if (offenders.length > 0) {
    return {
      ...base,
      ComplianceType: 'NON_COMPLIANT',
      Annotation: offendersText(`${offenders.length} of ${total} ${context.noun}${window}`, offenders),
    };
  }
  const annotation =
    total === 0 ? `no ${context.noun}${window}` : `${total} ${context.noun}${window}, none non-compliant`;
  return { ...base, ComplianceType: 'COMPLIANT', Annotation: annotation };
}
