// The Lambda entry: one handler per rule. It parses the event, evaluates, reports with
// PutEvaluations (per resource, or per account where Config does not accept the resource's type:
// see reporting.ts) and then logs JSON lines (run-log.ts): one per NON_COMPLIANT verdict up to a
// cap, and one summary of the run; marked `reported: false` when PutEvaluations failed. Warnings
// and errors have lines of their own. Errors are logged and rethrown: the invocation
// fails, and Config shows the rule as failed instead of recording a false verdict.
// An event for another account (an organization rule in a member account) is evaluated with
// that account's credentials: see cross-account.ts.
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { clientConfig } from './clients.js';
import { configSources, type InventoryLoaders } from './config-sources.js';
import { assumeMemberRole, memberAccountOf, MEMBER_ROLE_ENV, type CredentialProvider } from './cross-account.js';
import { evaluateEvent, paramsFor, scheduledEvaluations, type EventResult } from './engine.js';
import { parseEvent } from './event.js';
import { startReport, type StreamResult } from './reporting.js';
import { runFindingLines, runTally, summaryLine, type LogLine } from './run-log.js';
import { suppressionsFromEnv } from './suppressions.js';
import type { Evaluation } from './evaluations.js';
import type { Rule } from './rule.js';

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
export interface HandlerContext {
  invokedFunctionArn?: string;
}

export interface HandlerOptions {
  /** The inventory adapters this rule's periodic run needs, loaded on first use. */
  inventory?: InventoryLoaders;
  /** For tests: the Config client to use for the function's own account. */
  config?: ConfigServiceClient;
  /** Role to assume in member accounts; defaults to the ML_CONFIG_RULES_MEMBER_ROLE variable. */
  memberRoleName?: string;
}

interface AccountAccess {
  config: ConfigServiceClient;
  credentials?: CredentialProvider;
  /** Set when the evaluation runs in a member account. */
  memberAccountId?: string;
}

/** A change, oversized or snapshot event's evaluations as one page; its note (if any) logged first. */
async function* onePage(
  evaluate: () => Promise<EventResult>,
  onNote: (note: string) => void,
): AsyncGenerator<Evaluation[]> {
  // Called when the first page is asked for, never before: nothing runs ahead of the report's setup.
  const { evaluations, note } = await evaluate();
  if (note) onNote(note);
  yield evaluations;
}

/** arn:aws:lambda:<region>:<account>:function:<name> → the account. */
const accountOfArn = (arn: string | undefined) => arn?.split(':')[4] || undefined;

const log = (entry: LogLine) => console.log(JSON.stringify(entry));

export function makeHandler(rule: Rule, options: HandlerOptions = {}) {
  let ownConfig = options.config;
  const memberConfigs = new Map<string, ConfigServiceClient>();
  // Types PutEvaluations refused in this container: later runs report them per account at once.
  const refusedTypes = new Set<string>();

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

  return async function handler(
    event: ConfigRuleEvent,
    context?: HandlerContext,
  ): Promise<{ evaluations: number; putEvaluationsCalls: number }> {
    const started = Date.now();
    try {
      const parsed = parseEvent(event);
      const access = await accessFor(parsed.accountId, context);
      const account = access.memberAccountId ? { accountId: access.memberAccountId } : {};
      const sources = configSources({
        config: access.config,
        ...(options.inventory ? { inventory: options.inventory } : {}),
        ...(access.credentials ? { credentials: access.credentials } : {}),
        // A read that found its source wrong and worked around it (inventory.ts): one line in the log.
        inventoryContext: {
          onWarning: (message: string) => log({ level: 'warn', rule: rule.id, ...account, message }),
        },
      });
      // Read on every run: a suppression that lapses while the container lives stops applying.
      const suppressions = suppressionsFromEnv(rule.id, process.env, new Date(), (s) =>
        log({
          level: 'warn',
          rule: rule.id,
          ...account,
          message: `suppression of ${s.resource} expired on ${s.expires}: its verdict is reported again`,
        }),
      );
      const base = { rule: rule.id, ...account };
      // A scheduled run is evaluated and reported page by page (engine.ts, reporting.ts): it holds
      // one page of items, the batch being sent and the log's tally, whatever the account's size.
      const pages =
        parsed.kind === 'scheduled'
          ? scheduledEvaluations(rule, parsed, sources, { suppressions })
          : onePage(
              () => evaluateEvent(rule, parsed, sources, { suppressions }),
              (note) => log({ level: 'info', rule: rule.id, ...account, message: note }),
            );
      const stream = startReport({
        config: access.config,
        rule,
        event: parsed,
        params: paramsFor(rule, parsed.ruleParameters),
        accountId: access.memberAccountId ?? parsed.accountId ?? accountOfArn(context?.invokedFunctionArn),
        refusedTypes,
        ...(sources.previouslyReported ? { previouslyReported: sources.previouslyReported.bind(sources) } : {}),
        onRefused: (resourceType, message) =>
          log({
            level: 'warn',
            rule: rule.id,
            ...account,
            refusedType: resourceType,
            message: `PutEvaluations refused ${resourceType}: reported per account from now on in this container (${message.slice(0, 200)})`,
          }),
      });
      const verdicts = runTally();
      let sent: StreamResult;
      try {
        for await (const page of pages) {
          verdicts.add(page);
          await stream.add(page);
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
      log(summaryLine(base, { verdicts, extra: sent.extra, sent: result, durationMs: Date.now() - started }));
      return result;
    } catch (error) {
      const err = error as Error;
      log({ level: 'error', rule: rule.id, error: err.name, message: err.message });
      throw error;
    }
  };
}
