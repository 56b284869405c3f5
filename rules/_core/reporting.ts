// What a Lambda run sends to Config: the per-resource evaluations, or, for resources whose type
// Config does not accept, one account-level summary; plus NOT_APPLICABLE for what this rule
// reported before and no longer reports (the clean-up), whichever form that earlier result had.
//
// AWS documents that custom rules may evaluate types Config does not record, taken from the
// CloudFormation resource type list, and that recently added types may not be accepted yet:
// https://docs.aws.amazon.com/config/latest/developerguide/evaluate-config_develop-rules_nodejs.html
// So a type can be refused at run time (InvalidParameterValueException). Such a refusal is the
// one error turned into another form of report; it never changes a verdict, and any other
// error fails the invocation.
import type { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { ACCOUNT_TYPE, accountSummary, resourceNoun } from './account-summary.js';
import { InvalidEventError } from './errors.js';
import { batches, toEvaluation, type Evaluation } from './evaluations.js';
import type { ParsedEvent } from './event.js';
import { resourceKey } from './items.js';
import { scheduledTypesOf } from './recording.js';
import { putEvaluations, refusedResourceType, TEST_MODE_TOKEN } from './put-evaluations.js';
import type { LookupKey, Rule } from './rule.js';

const DAY_MS = 86_400_000;
const evaluationKey = (e: Evaluation) => resourceKey(e.ComplianceResourceType, e.ComplianceResourceId);

export interface ReportArgs {
  config: ConfigServiceClient;
  rule: Rule;
  event: ParsedEvent;
  /** The rule's per-resource evaluations (from the engine). */
  evaluations: Evaluation[];
  params: Record<string, unknown>;
  /** The account the run is for: the summary's resource id. */
  accountId: string | undefined;
  /** Types Config refused earlier in this container; a newly refused type is added. */
  refusedTypes: Set<string>;
  /** Resources this rule reported COMPLIANT or NON_COMPLIANT before (GetComplianceDetailsByConfigRule). */
  previouslyReported?: (configRuleName: string) => Promise<LookupKey[]>;
  /** Called once for each type Config refuses (the handler logs it). */
  onRefused?: (resourceType: string, message: string) => void;
  /** Called for each evaluation sent that is not one of `evaluations` (summary, clean-up). */
  onExtra?: (evaluation: Evaluation) => void;
}

export interface ReportResult {
  /** Evaluations Config accepted for this run. */
  evaluations: number;
  putEvaluationsCalls: number;
}

/** First day of the listing window of a rule that lists a window (lookbackDays), as YYYY-MM-DD. */
function sinceOf(params: Record<string, unknown>, orderingTimestamp: string): string | undefined {
  if (typeof params.lookbackDays !== 'number') return undefined;
  return new Date(new Date(orderingTimestamp).getTime() - params.lookbackDays * DAY_MS).toISOString().slice(0, 10);
}

/** The evaluations of one run in the form Config accepts, given the types refused so far. */
export function reportForm(
  args: Pick<ReportArgs, 'rule' | 'event' | 'evaluations' | 'params' | 'accountId'>,
  refused: ReadonlySet<string>,
): Evaluation[] {
  const { rule, event, evaluations } = args;
  // Only a scheduled run sees every resource of the rule, so only it can speak for the account.
  if (event.kind !== 'scheduled') return evaluations;
  const summarisedTypes =
    rule.reportedAs === ACCOUNT_TYPE ? rule.resourceTypes : rule.resourceTypes.filter((t) => refused.has(t));
  if (summarisedTypes.length === 0) return evaluations;
  if (!args.accountId) {
    throw new InvalidEventError(
      `rule ${rule.id} reports under ${ACCOUNT_TYPE}, but the event names no account (accountId, awsAccountId)`,
    );
  }
  const summarised = evaluations.filter((e) => summarisedTypes.includes(e.ComplianceResourceType));
  const ts = event.notificationCreationTime;
  const since = sinceOf(args.params, ts);
  const summary = accountSummary(summarised, {
    accountId: args.accountId,
    orderingTimestamp: ts,
    noun: resourceNoun(summarisedTypes),
    ...(since ? { since } : {}),
  });
  return [...evaluations.filter((e) => !summarisedTypes.includes(e.ComplianceResourceType)), summary];
}

/** NOT_APPLICABLE for each earlier result this run does not report again (and whose type Config takes). */
export function cleanUp(
  reported: readonly Evaluation[],
  previous: readonly LookupKey[],
  refused: ReadonlySet<string>,
  ts: string,
): Evaluation[] {
  const keys = new Set(reported.map(evaluationKey));
  return previous
    .filter((old) => !keys.has(resourceKey(old.resourceType, old.resourceId)) && !refused.has(old.resourceType))
    .map((old) =>
      toEvaluation(
        old,
        {
          complianceType: 'NOT_APPLICABLE',
          annotation:
            old.resourceType === ACCOUNT_TYPE
              ? 'now reported per resource'
              : 'no longer present or no longer in the rule scope',
        },
        ts,
      ),
    );
}

export async function report(args: ReportArgs): Promise<ReportResult> {
  const { event } = args;
  const token = event.resultToken;
  // In TESTMODE nothing was stored before, so there is nothing to clean up.
  // A hybrid rule's scheduled run speaks only for the types it lists: its change-triggered
  // results (types Config records) are not its to clean up.
  const listed = new Set([ACCOUNT_TYPE, ...scheduledTypesOf(args.rule)]);
  const previous =
    event.kind === 'scheduled' && args.previouslyReported && event.configRuleName && token !== TEST_MODE_TOKEN
      ? (await args.previouslyReported(event.configRuleName)).filter((p) => listed.has(p.resourceType))
      : [];
  const ts = event.kind === 'scheduled' ? event.notificationCreationTime : '';
  const sent = new Map<string, string>();
  let calls = 0;
  // Each refusal adds a type, and a type is refused once: this ends after at most one pass per type.
  for (;;) {
    const form = reportForm(args, args.refusedTypes);
    const planned = [...form, ...cleanUp(form, previous, args.refusedTypes, ts)];
    // Evaluations already accepted in an earlier pass are not sent (nor billed) twice.
    const pending = planned.filter((e) => sent.get(evaluationKey(e)) !== JSON.stringify(e));
    try {
      for (const batch of batches(pending, 100)) {
        calls += await putEvaluations(args.config, batch, token);
        for (const e of batch) sent.set(evaluationKey(e), JSON.stringify(e));
      }
    } catch (error) {
      const type = event.kind === 'scheduled' ? refusedResourceType(error, pending) : undefined;
      if (!type || type === ACCOUNT_TYPE || args.refusedTypes.has(type)) throw error;
      args.refusedTypes.add(type);
      args.onRefused?.(type, (error as Error).message);
      continue;
    }
    const own = new Set(args.evaluations);
    for (const e of planned) if (!own.has(e)) args.onExtra?.(e);
    return { evaluations: planned.length, putEvaluationsCalls: calls };
  }
}
