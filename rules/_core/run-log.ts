// What a rule's Lambda run writes to its log, besides warnings and errors: one summary line, one
// line per NON_COMPLIANT verdict up to NON_COMPLIANT_LOG_CAP, and one line saying how many more
// there were. No line per COMPLIANT or NOT_APPLICABLE resource: a line per evaluation made the
// training-job rule write 50,001 lines to report one account summary. Lambda sends what a
// function prints to CloudWatch Logs, which bills each GB ingested:
// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html
// https://aws.amazon.com/cloudwatch/pricing/
import { ACCOUNT_TYPE } from './account-summary.js';
import type { Evaluation } from './evaluations.js';
import { COMPLIANCE_TYPES, type ComplianceType } from './rule.js';

/**
 * NON_COMPLIANT verdicts logged per run, one line each: enough to act on from the log, and a
 * bounded log (about 230 bytes a line: 102 lines, 24 KB, for a run of 50,000 endpoints, where a
 * line per evaluation was 8.2 MB). Past it, the log would again grow with the account. Every
 * verdict stays in Config where it is reported per resource, and in the command's `scan`.
 */
export const NON_COMPLIANT_LOG_CAP = 100;

export type LogLine = Record<string, unknown>;

/** The fields every line of the run carries: level, the rule, and the member account if any. */
export interface RunLogBase {
  rule: string;
  accountId?: string;
}

const logged = (e: Evaluation) => e.ComplianceType === 'NON_COMPLIANT' || e.suppressed !== undefined;

function verdictLine(base: RunLogBase, e: Evaluation, reported: boolean): LogLine {
  return {
    level: reported ? 'info' : 'error',
    ...base,
    kind: 'verdict',
    resourceType: e.ComplianceResourceType,
    resourceId: e.ComplianceResourceId,
    complianceType: e.ComplianceType,
    ...(e.Annotation ? { annotation: e.Annotation } : {}),
    ...(e.suppressed ? { suppressed: e.suppressed.reason } : {}),
    ...(reported ? {} : { reported: false }),
  };
}

/**
 * The lines of a run's findings, in order: each NON_COMPLIANT evaluation (and each suppressed
 * one, the rule's NON_COMPLIANT turned NOT_APPLICABLE) up to the cap, then one line with how many
 * more were not logged. `reported: false` marks verdicts PutEvaluations did not take.
 */
export function findingLines(
  base: RunLogBase,
  evaluations: Iterable<Evaluation>,
  reported: boolean,
  cap = NON_COMPLIANT_LOG_CAP,
): LogLine[] {
  const lines: LogLine[] = [];
  let more = 0;
  for (const e of evaluations) {
    if (!logged(e)) continue;
    if (lines.length < cap) lines.push(verdictLine(base, e, reported));
    else more++;
  }
  if (more > 0)
    lines.push({
      level: reported ? 'info' : 'error',
      ...base,
      kind: 'verdicts-not-logged',
      notLogged: more,
      message: `${more} more NON_COMPLIANT verdicts not logged: at most ${cap} a run`,
    });
  return lines;
}

/** Verdicts by compliance type, every type present (0 when none), for queries that sum them. */
export function countByCompliance(evaluations: Iterable<Evaluation>): Record<ComplianceType, number> {
  const counts = Object.fromEntries(COMPLIANCE_TYPES.map((t) => [t, 0])) as Record<ComplianceType, number>;
  for (const e of evaluations) counts[e.ComplianceType]++;
  return counts;
}

export interface RunSummary {
  /** The rule's own verdicts, one per resource. */
  evaluations: readonly Evaluation[];
  /** What the run sent besides them: the account summary, the clean-up. */
  extra: readonly Evaluation[];
  /** Absent when PutEvaluations failed: the run reported nothing for certain. */
  sent?: { evaluations: number; putEvaluationsCalls: number };
  durationMs: number;
}

/** The one line that says what a run did. */
export function summaryLine(base: RunLogBase, run: RunSummary): LogLine {
  const counts = countByCompliance(run.evaluations);
  const suppressed = run.evaluations.filter((e) => e.suppressed).length;
  const account = run.extra.find((e) => e.ComplianceResourceType === ACCOUNT_TYPE);
  const cleanedUp = run.extra.filter((e) => e !== account).length;
  const verdicts = COMPLIANCE_TYPES.map((t) => `${counts[t]} ${t}`).join(', ');
  const sent = run.sent
    ? `${run.sent.evaluations} evaluations sent in ${run.sent.putEvaluationsCalls} PutEvaluations calls`
    : 'not reported: PutEvaluations failed';
  return {
    level: run.sent ? 'info' : 'error',
    ...base,
    kind: 'summary',
    message: `${run.evaluations.length} verdicts (${verdicts}); ${sent}`,
    counts,
    ...(suppressed > 0 ? { suppressed } : {}),
    ...(account ? { accountSummary: account.ComplianceType } : {}),
    ...(cleanedUp > 0 ? { cleanedUp } : {}),
    ...(run.sent
      ? { evaluationsSent: run.sent.evaluations, putEvaluationsCalls: run.sent.putEvaluationsCalls }
      : { reported: false }),
    durationMs: run.durationMs,
  };
}
