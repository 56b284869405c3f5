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
 * A run's verdicts as the log needs them, counted as they arrive: the count by compliance type,
 * the suppressed ones, and the first NON_COMPLIANT (or suppressed) evaluations up to the cap.
 * Bounded whatever the run's size: a run over 150,000 resources keeps at most `cap` evaluations.
 */
export interface RunTally {
  add(evaluations: Iterable<Evaluation>): void;
  readonly total: number;
  readonly counts: Readonly<Record<ComplianceType, number>>;
  readonly suppressed: number;
  /** The first evaluations to log, up to the cap. */
  readonly logged: readonly Evaluation[];
  /** Evaluations to log past the cap. */
  readonly notLogged: number;
}

export function runTally(cap = NON_COMPLIANT_LOG_CAP): RunTally {
  const counts = Object.fromEntries(COMPLIANCE_TYPES.map((t) => [t, 0])) as Record<ComplianceType, number>;
  const kept: Evaluation[] = [];
  let total = 0;
  let suppressed = 0;
  let more = 0;
  return {
    add(evaluations) {
      for (const e of evaluations) {
        total++;
        counts[e.ComplianceType]++;
        if (e.suppressed) suppressed++;
        if (!logged(e)) continue;
        if (kept.length < cap) kept.push(e);
        else more++;
      }
    },
    get total() {
      return total;
    },
    counts,
    get suppressed() {
      return suppressed;
    },
    logged: kept,
    get notLogged() {
      return more;
    },
  };
}

/**
 * The lines of a run's findings: the extra evaluations that are findings (the account summary),
 * then the tally's first NON_COMPLIANT (and suppressed) evaluations, up to the cap together, then
 * one line with how many more were not logged. `reported` says, per evaluation, whether Config
 * took it; `reported: false` marks those it did not.
 */
export function runFindingLines(
  base: RunLogBase,
  extra: readonly Evaluation[],
  tally: RunTally,
  reported: (e: Evaluation) => boolean,
  cap = NON_COMPLIANT_LOG_CAP,
): LogLine[] {
  const lines: LogLine[] = [];
  let more = tally.notLogged;
  for (const e of [...extra, ...tally.logged]) {
    if (!logged(e)) continue;
    if (lines.length < cap) lines.push(verdictLine(base, e, reported(e)));
    else more++;
  }
  if (more > 0) {
    const anyReported = tally.logged.some(reported) || extra.some(reported);
    lines.push({
      level: anyReported ? 'info' : 'error',
      ...base,
      kind: 'verdicts-not-logged',
      notLogged: more,
      message: `${more} more NON_COMPLIANT verdicts not logged: at most ${cap} a run`,
    });
  }
  return lines;
}

export interface RunSummary {
  /** The rule's own verdicts, counted. */
  verdicts: RunTally;
  /** What the run sent besides them: the account summary, the clean-up. */
  extra: readonly Evaluation[];
  /** Absent when the run failed: its report is not complete. */
  sent?: { evaluations: number; putEvaluationsCalls: number };
  /** When the run failed: how many of its evaluations Config had taken by then. */
  sentBeforeFailure?: number;
  durationMs: number;
}

/** The one line that says what a run did. */
export function summaryLine(base: RunLogBase, run: RunSummary): LogLine {
  const { counts, suppressed, total } = run.verdicts;
  const account = run.extra.find((e) => e.ComplianceResourceType === ACCOUNT_TYPE);
  const cleanedUp = run.extra.filter((e) => e !== account).length;
  const verdicts = COMPLIANCE_TYPES.map((t) => `${counts[t]} ${t}`).join(', ');
  const sent = run.sent
    ? `${run.sent.evaluations} evaluations sent in ${run.sent.putEvaluationsCalls} PutEvaluations calls`
    : run.sentBeforeFailure
      ? `report incomplete: the run failed after Config took ${run.sentBeforeFailure} evaluations`
      : 'not reported: the run failed';
  return {
    level: run.sent ? 'info' : 'error',
    ...base,
    kind: 'summary',
    message: `${total} verdicts (${verdicts}); ${sent}`,
    counts: { ...counts },
    ...(suppressed > 0 ? { suppressed } : {}),
    ...(account ? { accountSummary: account.ComplianceType } : {}),
    ...(cleanedUp > 0 ? { cleanedUp } : {}),
    ...(run.sent
      ? { evaluationsSent: run.sent.evaluations, putEvaluationsCalls: run.sent.putEvaluationsCalls }
      : { reported: false, ...(run.sentBeforeFailure ? { evaluationsSent: run.sentBeforeFailure } : {}) }),
    durationMs: run.durationMs,
  };
}
