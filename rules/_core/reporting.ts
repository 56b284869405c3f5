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
import { ACCOUNT_TYPE, resourceNoun, summaryTally } from './account-summary.js';
import { append } from './arrays.js';
import { InvalidEventError } from './errors.js';
import { batches, toEvaluation, type Evaluation } from './evaluations.js';
import type { ParsedEvent } from './event.js';
import { resourceKey } from './items.js';
import { scheduledTypesOf } from './recording.js';
import { settle, unwrap } from './settled.js';
import { putEvaluations, refusedResourceType, TEST_MODE_TOKEN } from './put-evaluations.js';
import type { LookupKey, Rule } from './rule.js';
import type { Continuation, TallyState } from './continuation.js';
import { emptyFilter, filterFrom } from './reported-filter.js';

/** An earlier result of the rule, and when Config recorded it (ResultRecordedTime), where known. */
export interface EarlierResult extends LookupKey {
  recordedAt?: string;
}

const DAY_MS = 86_400_000;
const evaluationKey = (e: Evaluation) => resourceKey(e.ComplianceResourceType, e.ComplianceResourceId);

export interface ReportArgs {
  config: ConfigServiceClient;
  rule: Rule;
  event: ParsedEvent;
  params: Record<string, unknown>;
  /** The account the run is for: the summary's resource id. */
  accountId: string | undefined;
  /** Types Config refused earlier in this container; a newly refused type is added. */
  refusedTypes: Set<string>;
  /** Resources this rule reported COMPLIANT or NON_COMPLIANT before (GetComplianceDetailsByConfigRule). */
  previouslyReported?: (configRuleName: string) => Promise<EarlierResult[]>;
  /** This run's earlier links (a chained run, continuation.ts): their summary count and last keys sent. */
  continuation?: Continuation;
  /** Called once for each type Config refuses (the handler logs it). */
  onRefused?: (resourceType: string, message: string) => void;
  /** Called for each evaluation sent that is not one of the rule's own (summary, clean-up). */
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

/**
 * NOT_APPLICABLE for each earlier result this run does not report again (`stale`: the caller
 * knows what the run reported), unless its type is one Config refuses.
 */
export function cleanUp(stale: readonly LookupKey[], refused: ReadonlySet<string>, ts: string): Evaluation[] {
  return stale
    .filter((old) => !refused.has(old.resourceType))
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

/** What a streamed run sent, with what it sent besides the rule's own verdicts (summary, clean-up). */
export interface StreamResult extends ReportResult {
  extra: Evaluation[];
}

/** What a link that hands off has sent, and what the next link goes on from. */
export interface HandOff extends ReportResult {
  summary: TallyState;
  /** What the run has reported up to this link's end (reported-filter.ts). */
  reported: string;
}

export interface ReportStream {
  /** The next evaluations of the run; a full batch of 100 is sent while the caller goes on. */
  add(evaluations: readonly Evaluation[]): Promise<void>;
  /** Whether Config has taken this evaluation (for the log of a run that failed part way). */
  wasSent(evaluation: Evaluation): boolean;
  /** The rule's own evaluations Config has taken so far. */
  sentSoFar(): number;
  /** The rest, the account summary and the clean-up: the run's report is complete once this resolves. */
  finish(): Promise<StreamResult>;
  /**
   * The rest of the rule's own evaluations, without the summary or the clean-up, which the last
   * link sends: what a link that hands off to the next one sends (continuation.ts).
   */
  handOff?(): Promise<HandOff>;
}

/**
 * PutEvaluations calls a run keeps in flight while its listing goes on. Config publishes no rate
 * for PutEvaluations (its API reference and its service quotas page name none:
 * https://docs.aws.amazon.com/config/latest/APIReference/API_PutEvaluations.html,
 * https://docs.aws.amazon.com/config/latest/developerguide/configlimits.html), so the number is
 * small, and a scheduled function's client uses the SDK's adaptive retry, which slows the calls
 * down when Config throttles them. One call at a time made reporting a chain of its own: a rule
 * whose verdicts wait for an account-wide read (the monitoring rule's schedules) reported its
 * backlog one batch after another after the listing had ended. Each resource is in one batch
 * only, so the order the batches land in does not matter. What a real account's rate is, only a
 * real account can show.
 */
export const REPORT_CALLS_IN_FLIGHT = 4;

/**
 * The report of a run whose evaluations arrive page by page: batches of 100 go to PutEvaluations
 * while the listing goes on (up to REPORT_CALLS_IN_FLIGHT calls at once), the account summary is a running
 * count, and the earlier results for the clean-up are paged from Config beside the listing. Memory
 * is the pending batch, one key per resource reported, and the earlier results' keys, not the
 * evaluations. A run that fails part way has reported the full batches before the failure, each a
 * verdict of the rule's own; neither the account summary nor the clean-up is sent, since both
 * speak for every resource.
 */
export function startReport(args: ReportArgs): ReportStream {
  const { event, rule } = args;
  const token = event.resultToken;
  const scheduled = event.kind === 'scheduled';
  const ts = scheduled ? event.notificationCreationTime : '';
  // In TESTMODE nothing was stored before, so there is nothing to clean up.
  // A hybrid rule's scheduled run speaks only for the types it lists: its change-triggered
  // results (types Config records) are not its to clean up.
  const listed = new Set([ACCOUNT_TYPE, ...scheduledTypesOf(rule)]);
  const previous =
    scheduled && args.previouslyReported && event.configRuleName && token !== TEST_MODE_TOKEN
      ? settle(args.previouslyReported(event.configRuleName))
      : undefined;
  const summarised = (type: string) =>
    scheduled && (rule.reportedAs === ACCOUNT_TYPE ? rule.resourceTypes.includes(type) : args.refusedTypes.has(type));
  const summaryTypes = () =>
    rule.reportedAs === ACCOUNT_TYPE ? rule.resourceTypes : rule.resourceTypes.filter((t) => args.refusedTypes.has(t));
  const requireAccount = () => {
    if (!args.accountId)
      throw new InvalidEventError(
        `rule ${rule.id} reports under ${ACCOUNT_TYPE}, but the event names no account (accountId, awsAccountId)`,
      );
    return args.accountId;
  };
  if (scheduled && rule.reportedAs === ACCOUNT_TYPE) requireAccount();

  const carried = args.continuation;
  const tally = summaryTally(carried?.summary);
  const sentKeys = new Set<string>();
  // What the earlier links of a chained run reported.
  const earlierLinks = carried ? filterFrom(carried.reported) : undefined;
  let pending: Evaluation[] = [];
  let sentCount = 0;
  let calls = 0;
  // The batches being sent, oldest first; a failure surfaces at a later add or at the end.
  let flights: Promise<void>[] = [];
  /** Every batch sent so far has landed; the first failure among them is thrown. */
  async function landed(): Promise<void> {
    const outcomes = await Promise.allSettled(flights);
    flights = [];
    const failed = outcomes.find((o) => o.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /**
   * After PutEvaluations refused a type: the type is reported under the account from now on, and
   * its evaluations in `taken` (a batch already out of the queue) and in the queue move to the
   * running summary. False when the error is not such a refusal (it is then the run's failure).
   */
  function absorbRefusal(error: unknown, batch: readonly Evaluation[], taken: readonly Evaluation[]): boolean {
    const type = scheduled ? refusedResourceType(error, batch) : undefined;
    if (!type || type === ACCOUNT_TYPE) return false;
    // A batch that was in flight beside the one refused first: its evaluations of the type were
    // sent before the refusal was known, and join the summary as the others did.
    const alreadyRefused = args.refusedTypes.has(type);
    if (alreadyRefused && !taken.some((e) => e.ComplianceResourceType === type)) return false;
    if (!alreadyRefused) {
      requireAccount();
      args.refusedTypes.add(type);
      args.onRefused?.(type, (error as Error).message);
    }
    // The summary and clean-up are planned again by the caller.
    for (const e of taken) if (e.ComplianceResourceType === type) tally.add(e);
    const [moved, kept] = partition(pending, (e) => e.ComplianceResourceType === type);
    for (const e of moved) tally.add(e);
    pending = kept;
    return true;
  }

  async function sendOwn(batch: Evaluation[]): Promise<void> {
    for (;;) {
      try {
        // Read after the await: `calls += await ...` would add to the count from before the call,
        // and batches in flight at once would lose each other's.
        const made = await putEvaluations(args.config, batch, token);
        calls += made;
        for (const e of batch) sentKeys.add(evaluationKey(e));
        sentCount += batch.length;
        return;
      } catch (error) {
        // A batch sent while the listing goes on is out of the queue: its own evaluations move here.
        if (!absorbRefusal(error, batch, batch)) throw error;
        // The rest of the batch is sent again, without the refused type (none left: no call).
        batch = batch.filter((e) => !args.refusedTypes.has(e.ComplianceResourceType));
      }
    }
  }

  function route(evaluations: readonly Evaluation[]) {
    for (const e of evaluations) {
      if (summarised(e.ComplianceResourceType)) tally.add(e);
      else pending.push(e);
    }
  }

  /** The account summary (when the run has one) and the clean-up, as they stand now. */
  function extras(earlier: readonly EarlierResult[]): Evaluation[] {
    const out: Evaluation[] = [];
    const types = scheduled ? summaryTypes() : [];
    if (types.length > 0) {
      const since = sinceOf(args.params, ts);
      out.push(
        tally.summary({
          accountId: requireAccount(),
          orderingTimestamp: ts,
          noun: resourceNoun(types),
          ...(since ? { since } : {}),
        }),
      );
    }
    const queuedKeys = new Set(pending.map(evaluationKey));
    const reported = (key: string) =>
      sentKeys.has(key) || queuedKeys.has(key) || out.some((e) => evaluationKey(e) === key);
    // What an earlier link of the run reported is not stale, whether or not Config lists it yet
    // (the filter may also spare a stale one: the safe side); nor is a result Config recorded
    // after this run was notified, which is this run's own.
    const since = Date.parse(ts);
    const stale = earlier.filter((old) => {
      const key = resourceKey(old.resourceType, old.resourceId);
      if (reported(key) || earlierLinks?.test(key)) return false;
      return !(old.recordedAt && Date.parse(old.recordedAt) >= since);
    });
    append(out, cleanUp(stale, args.refusedTypes, ts));
    return out;
  }

  return {
    async add(evaluations) {
      route(evaluations);
      while (pending.length >= 100) {
        // At the bound, the oldest batch lands first: the listing waits for it, not for all. If it
        // failed, the others land before the failure is thrown, so the run's log of what Config
        // took (wasSent, sentSoFar) is whole.
        if (flights.length >= REPORT_CALLS_IN_FLIGHT) {
          const oldest = flights.shift()!;
          try {
            await oldest;
          } catch (error) {
            // This failure is the one thrown, whatever the others' outcomes.
            await landed().catch(() => undefined);
            throw error;
          }
        }
        const batch = pending.slice(0, 100);
        pending = pending.slice(100);
        const flight = sendOwn(batch);
        // Awaited at a later add or at the end; until then a rejection is not unhandled.
        flight.catch(() => undefined);
        flights.push(flight);
      }
    },
    async handOff() {
      await landed();
      const rest = pending;
      pending = [];
      for (const batch of batches(rest, 100)) await sendOwn(batch);
      const filter = earlierLinks ?? emptyFilter();
      for (const key of sentKeys) filter.add(key);
      return {
        evaluations: sentCount,
        putEvaluationsCalls: calls,
        summary: tally.state(),
        reported: filter.text(),
      };
    },
    wasSent: (e) => sentKeys.has(evaluationKey(e)),
    sentSoFar: () => sentCount,
    async finish() {
      await landed();
      const earlier = previous ? (await unwrap(previous)).filter((p) => listed.has(p.resourceType)) : [];
      // The summary and the clean-up go with the last of the rule's own evaluations. A type
      // refused here changes the summary: it is planned again, and only what changed is sent.
      const sentExtra = new Map<string, string>();
      for (;;) {
        const extra = extras(earlier);
        const isExtra = new Set(extra);
        const todo = [...pending, ...extra.filter((e) => sentExtra.get(evaluationKey(e)) !== JSON.stringify(e))];
        let refused = false;
        for (const batch of batches(todo, 100)) {
          try {
            calls += await putEvaluations(args.config, batch, token);
          } catch (error) {
            // Every evaluation of this batch is in the queue or among the extras, planned again.
            if (!absorbRefusal(error, batch, [])) throw error;
            refused = true;
            break;
          }
          for (const e of batch) {
            if (isExtra.has(e)) sentExtra.set(evaluationKey(e), JSON.stringify(e));
            else {
              sentKeys.add(evaluationKey(e));
              sentCount++;
            }
          }
        }
        if (refused) {
          // What earlier batches of this round sent is not sent again.
          pending = pending.filter((e) => !sentKeys.has(evaluationKey(e)));
          continue;
        }
        sentCount += extra.length;
        for (const e of extra) args.onExtra?.(e);
        return { evaluations: sentCount, putEvaluationsCalls: calls, extra };
      }
    },
  };
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}
