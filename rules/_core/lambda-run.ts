// One Lambda invocation of a rule, whatever its triggers: parse the event, reach the account it is
// for, evaluate, report with PutEvaluations and log JSON lines (run-log.ts): one per NON_COMPLIANT
// verdict up to a cap, and one summary of the run, marked `reported: false` when PutEvaluations
// failed. Warnings and errors have lines of their own. Errors are logged and rethrown: the
// invocation fails, and Config shows the rule as failed instead of recording a false verdict.
//
// What differs between a rule that runs on a schedule and one that only takes changes (where its
// items come from, how its evaluations become pages and how they are reported) is the `RunPlan`
// handed in: handler.ts has the full one, change-handler.ts the change path alone, so a change
// rule's bundle carries no listing, clean-up or account summary.
// An event for another account (an organization rule in a member account) is evaluated with
// that account's credentials: see cross-account.ts.
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { clientConfig } from './clients.js';
import { assumeMemberRole, memberAccountOf, MEMBER_ROLE_ENV, type CredentialProvider } from './cross-account.js';
import type { Sources } from './engine.js';
import { parseEvent, type ParsedEvent } from './event.js';
import type { Evaluation } from './evaluations.js';
import type { ReportResult, ReportStream, StreamResult } from './reporting.js';
import type { Rule } from './rule.js';
import { runFindingLines, runTally, summaryLine, type LogLine } from './run-log.js';
import { suppressionsFromEnv, type Suppression } from './suppressions.js';
import type { HandOffClock, RemainingTime } from './chain.js';
import { CONTINUATION_FIELD, type Continuation, type ResumePoint } from './continuation.js';
import { InvalidEventError } from './errors.js';

/** The event as AWS Config sends it to a custom Lambda rule. */
export interface ConfigRuleEvent {
  invokingEvent: string;
  ruleParameters?: string;
  resultToken: string;
  eventLeftScope?: boolean;
  executionRoleArn?: string;
  configRuleArn?: string;
  configRuleName?: string;
  configRuleId?: string;
  accountId?: string;
  version?: string;
}

/** The part of the Lambda context the runtime reads: its own ARN says which account it runs in. */
export interface HandlerContext extends RemainingTime {
  invokedFunctionArn?: string;
}

/** What every form of the handler takes. */
export interface RunOptions {
  /** For tests: the Config client to use for the function's own account. */
  config?: ConfigServiceClient;
  /** Role to assume in member accounts; defaults to the ML_CONFIG_RULES_MEMBER_ROLE variable. */
  memberRoleName?: string;
}

export interface AccountAccess {
  config: ConfigServiceClient;
  credentials?: CredentialProvider;
  /** Set when the evaluation runs in a member account. */
  memberAccountId?: string;
}

/** What the run needs to report: the report stream's own arguments come from here. */
export interface ReportContext {
  access: AccountAccess;
  parsed: ParsedEvent;
  sources: Sources;
  /** The account the run is for: the summary's resource id. */
  accountId: string | undefined;
  /** Config refused a resource type in PutEvaluations (logged as a warning). */
  onRefused: (resourceType: string, message: string) => void;
  /** This run's earlier links, when the event continues a chained run. */
  continuation?: Continuation;
}

/** How one form of the handler reads, pages and reports. */
export interface RunPlan {
  /** The run's sources; a read that found its source wrong and worked around it is a warning. */
  sources(access: AccountAccess, onWarning: (message: string) => void): Sources;
  pages(
    parsed: ParsedEvent,
    sources: Sources,
    suppressions: readonly Suppression[],
    onNote: (note: string) => void,
    resume?: ResumePoint,
  ): AsyncIterable<Evaluation[]>;
  report(context: ReportContext): ReportStream;
  /** A scheduled run that may hand off to a chained link (continuation.ts); absent: never. */
  chain?: RunChain;
}

/**
 * How a scheduled run hands off (handler.ts gives chain.ts's): kept out of the change path, so a
 * change rule's bundle carries none of it.
 */
export interface RunChain {
  /** The continuation the event carries, checked (continuation.ts). */
  continuationOf(event: ConfigRuleEvent): Continuation | undefined;
  /** The clock that says when to hand off; none where the runtime gives no time left. */
  clock(context: HandlerContext): HandOffClock | undefined;
  /** Where the next link would start after the pages so far; undefined: not here. */
  resumePoint(sources: Sources): ResumePoint | undefined;
  /**
   * Sends the rest of the link's own evaluations (never the summary or the clean-up) and invokes
   * the next link with Config's event and where to go on from: what was sent, and that link's number.
   */
  handOff(
    functionArn: string,
    event: ConfigRuleEvent,
    continuation: Continuation | undefined,
    resume: ResumePoint,
    stream: ReportStream,
  ): Promise<{ done: ReportResult; link: number }>;
}

export type RuleHandler = (
  event: ConfigRuleEvent,
  context?: HandlerContext,
) => Promise<{ evaluations: number; putEvaluationsCalls: number }>;

/** arn:aws:lambda:<region>:<account>:function:<name> → the account. */
const accountOfArn = (arn: string | undefined) => arn?.split(':')[4] || undefined;

const log = (entry: LogLine) => console.log(JSON.stringify(entry));

export function makeRuleHandler(rule: Rule, options: RunOptions, plan: RunPlan): RuleHandler {
  let ownConfig = options.config;
  const memberConfigs = new Map<string, ConfigServiceClient>();

  async function accessFor(
    eventAccountId: string | undefined,
    context: HandlerContext | undefined,
  ): Promise<AccountAccess> {
    const member = memberAccountOf(eventAccountId, context?.invokedFunctionArn);
    if (!member) {
      ownConfig ??= new ConfigServiceClient(clientConfig());
      return { config: ownConfig };
    }
    const credentials = await assumeMemberRole(member, options.memberRoleName ?? process.env[MEMBER_ROLE_ENV]);
    let config = memberConfigs.get(member.accountId);
    if (!config) memberConfigs.set(member.accountId, (config = new ConfigServiceClient(clientConfig({ credentials }))));
    return { config, credentials, memberAccountId: member.accountId };
  }

  return async function handler(event, context) {
    const started = Date.now();
    try {
      const parsed = parseEvent(event);
      const continuation = plan.chain?.continuationOf(event);
      if ((continuation && parsed.kind !== 'scheduled') || (!plan.chain && CONTINUATION_FIELD in event))
        throw new InvalidEventError(`${CONTINUATION_FIELD} continues a scheduled run only`);
      const access = await accessFor(parsed.accountId, context);
      const account = access.memberAccountId ? { accountId: access.memberAccountId } : {};
      const base = { rule: rule.id, ...account };
      const sources = plan.sources(access, (message) => log({ level: 'warn', ...base, message }));
      // Read on every run: a suppression that lapses while the container lives stops applying.
      const suppressions = suppressionsFromEnv(rule.id, process.env, new Date(), (s) =>
        log({
          level: 'warn',
          ...base,
          message: `suppression of ${s.resource} expired on ${s.expires}: its verdict is reported again`,
        }),
      );
      const pages = plan.pages(
        parsed,
        sources,
        suppressions,
        (note) => log({ level: 'info', ...base, message: note }),
        continuation?.resume,
      );
      const stream = plan.report({
        access,
        parsed,
        sources,
        accountId: access.memberAccountId ?? parsed.accountId ?? accountOfArn(context?.invokedFunctionArn),
        onRefused: (resourceType, message) =>
          log({
            level: 'warn',
            ...base,
            refusedType: resourceType,
            message: `PutEvaluations refused ${resourceType}: reported per account from now on in this container (${message.slice(0, 200)})`,
          }),
        ...(continuation ? { continuation } : {}),
      });
      const link = continuation ? { link: continuation.link } : {};
      const functionArn = context?.invokedFunctionArn;
      const clock = parsed.kind === 'scheduled' && functionArn && context ? plan.chain?.clock(context) : undefined;
      let handOffAt: ResumePoint | undefined;
      const verdicts = runTally();
      let sent: StreamResult;
      try {
        for await (const page of pages) {
          verdicts.add(page);
          await stream.add(page);
          // Near the deadline, stop after this page where the listing can be taken up again.
          if (clock?.due() && (handOffAt = plan.chain!.resumePoint(sources))) break;
        }
        if (handOffAt) {
          const { done, link: nextLink } = await plan.chain!.handOff(
            functionArn!,
            event,
            continuation,
            handOffAt,
            stream,
          );
          const result = { evaluations: done.evaluations, putEvaluationsCalls: done.putEvaluationsCalls };
          for (const line of runFindingLines({ ...base, ...link }, [], verdicts, () => true)) log(line);
          log({
            ...summaryLine(base, { verdicts, extra: [], sent: result, durationMs: Date.now() - started }),
            ...link,
            handedOffTo: nextLink,
            resume: handOffAt,
          });
          return result;
        }
        sent = await stream.finish();
      } catch (error) {
        // A verdict PutEvaluations did not take is logged as not reported, never as if Config had it.
        for (const line of runFindingLines(base, [], verdicts, stream.wasSent)) log(line);
        const sentBeforeFailure = stream.sentSoFar();
        log(summaryLine(base, { verdicts, extra: [], sentBeforeFailure, durationMs: Date.now() - started }));
        throw error;
      }
      // Logged once Config has the run: the account summary first (the verdict Config shows for
      // the account), then the resources' own findings, also when they were summarised.
      for (const line of runFindingLines(base, sent.extra, verdicts, () => true)) log(line);
      const result = { evaluations: sent.evaluations, putEvaluationsCalls: sent.putEvaluationsCalls };
      log({
        ...summaryLine(base, { verdicts, extra: sent.extra, sent: result, durationMs: Date.now() - started }),
        ...link,
        ...(continuation ? { evaluationsSentByRun: continuation.sentBefore + sent.evaluations } : {}),
      });
      return result;
    } catch (error) {
      const err = error as Error;
      log({ level: 'error', rule: rule.id, error: err.name, message: err.message });
      throw error;
    }
  };
}

/** A change, oversized or snapshot event's evaluations as one page; its note (if any) logged first. */
export async function* onePage(
  evaluate: () => Promise<{ evaluations: Evaluation[]; note?: string }>,
  onNote: (note: string) => void,
): AsyncGenerator<Evaluation[]> {
  // Called when the first page is asked for, never before: nothing runs ahead of the report's setup.
  const { evaluations, note } = await evaluate();
  if (note) onNote(note);
  yield evaluations;
}
