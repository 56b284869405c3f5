// One evaluation per account, for resources whose own type AWS Config does not accept in
// PutEvaluations (training jobs have no CloudFormation type; others may be refused at run time).
// It is built from the per-resource verdicts, which still come from each rule's `evaluate`.
// `AWS::::Account` with the account id as resource id is the type AWS documents for such results:
// https://repost.aws/knowledge-center/config-rule-unsupported-resource-type
import type { TallyState } from './continuation.js';
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

/**
 * "3 of 41 training jobs since 2026-10-28: a, b, … +1 more", never longer than Config's 256
 * characters. `names` are the first offenders in sort order, `count` all of them.
 */
function offendersText(head: string, names: readonly string[], count: number): string {
  let text = `${head}: ${names[0]}`;
  if (text.length > ANNOTATION_MAX) return `${head}: … +${count} more`;
  let shown = 1;
  for (; shown < names.length; shown++) {
    const next = `${text}, ${names[shown]}`;
    // Room must stay for the "… +N more" tail of whatever does not fit after this name.
    const after = count - shown - 1;
    const tail = after > 0 ? `, … +${after} more` : '';
    if (next.length + tail.length > ANNOTATION_MAX) break;
    text = next;
  }
  return shown < count ? `${text}, … +${count - shown} more` : text;
}

/**
 * Enough of the offenders' names for any annotation: each name takes at least three of its 256
 * characters (a character, a comma and a space), so no annotation shows more than 85.
 */
const NAMES_KEPT = Math.ceil(ANNOTATION_MAX / 3);

/**
 * The account summary's running count: the resources seen, the offenders, and the first offender
 * names in sort order, a bounded few. A run over 150,000 training jobs keeps three numbers and
 * at most NAMES_KEPT names, not its evaluations.
 */
export interface SummaryTally {
  add(evaluation: Evaluation): void;
  /** How many offender names are held: at most NAMES_KEPT, however many were added. */
  namesHeld(): number;
  summary(context: SummaryContext): Evaluation;
  /** The count as it stands, for a chained link to go on from (continuation.ts). */
  state(): TallyState;
}

/** A new count, or one going on from an earlier link's (its names sorted, at most NAMES_KEPT). */
export function summaryTally(from?: TallyState): SummaryTally {
  let total = from?.total ?? 0;
  let offenders = from?.offenders ?? 0;
  // Sorted, at most NAMES_KEPT: the smallest names seen so far.
  const names: string[] = from ? [...from.names].sort().slice(0, NAMES_KEPT) : [];
  return {
    add(e) {
      total++;
      if (e.ComplianceType !== 'NON_COMPLIANT') return;
      offenders++;
      const name = e.ComplianceResourceId;
      // Before the first kept name larger than it; a name past them all goes in at the end and out again.
      const at = names.findIndex((kept) => kept > name);
      names.splice(at === -1 ? names.length : at, 0, name);
      if (names.length > NAMES_KEPT) names.pop();
    },
    namesHeld: () => names.length,
    state: () => ({ total, offenders, names: [...names] }),
    summary(context) {
      const window = context.since ? ` since ${context.since}` : '';
      const base = {
        ComplianceResourceType: ACCOUNT_TYPE,
        ComplianceResourceId: context.accountId,
        OrderingTimestamp: context.orderingTimestamp,
      };
      if (offenders > 0) {
        return {
          ...base,
          ComplianceType: 'NON_COMPLIANT',
          Annotation: offendersText(`${offenders} of ${total} ${context.noun}${window}`, names, offenders),
        };
      }
      const annotation =
        total === 0 ? `no ${context.noun}${window}` : `${total} ${context.noun}${window}, none non-compliant`;
      return { ...base, ComplianceType: 'COMPLIANT', Annotation: annotation };
    },
  };
}

/** The summary of a whole list of per-resource evaluations at once. */
export function accountSummary(perResource: readonly Evaluation[], context: SummaryContext): Evaluation {
  const tally = summaryTally();
  for (const e of perResource) tally.add(e);
  return tally.summary(context);
}
