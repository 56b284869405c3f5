// The Lambda entry of a rule that runs on a schedule (a periodic rule, or a change rule with types
// Config does not record): change events as change-handler.ts takes them, and scheduled runs
// evaluated and reported page by page (engine.ts, reporting.ts). A scheduled run holds one page
// of items, the batch being sent and the log's tally, whatever the account's size, and reports per
// resource, or per account where Config does not accept the resource's type (reporting.ts).
// A run that nears Lambda's time limit hands off to a chained invocation (continuation.ts).
import { configSources, type InventoryLoaders } from './config-sources.js';
import { evaluateEvent, paramsFor, scheduledEvaluations } from './engine.js';
import { makeRuleHandler, onePage, type RuleHandler, type RunOptions } from './lambda-run.js';
import { startReport } from './reporting.js';
import { handOffClock, handOffTo } from './chain.js';
import { continuationOf } from './continuation.js';
import type { Rule } from './rule.js';

export type { ConfigRuleEvent, HandlerContext } from './lambda-run.js';

export interface HandlerOptions extends RunOptions {
  /** The inventory adapters this rule's periodic run needs, loaded on first use. */
  inventory?: InventoryLoaders;
}

export function makeHandler(rule: Rule, options: HandlerOptions = {}): RuleHandler {
  // Types PutEvaluations refused in this container: later runs report them per account at once.
  const refusedTypes = new Set<string>();
  return makeRuleHandler(rule, options, {
    sources: (access, onWarning) =>
      configSources({
        config: access.config,
        ...(options.inventory ? { inventory: options.inventory } : {}),
        ...(access.credentials ? { credentials: access.credentials } : {}),
        inventoryContext: { onWarning },
      }),
    pages: (parsed, sources, suppressions, onNote, resume) =>
      parsed.kind === 'scheduled'
        ? scheduledEvaluations(rule, parsed, sources, { suppressions, ...(resume ? { resume } : {}) })
        : onePage(() => evaluateEvent(rule, parsed, sources, { suppressions }), onNote),
    chain: {
      continuationOf,
      clock: handOffClock,
      resumePoint: (sources) => sources.resumePoint?.(),
      handOff: handOffTo,
    },
    report: ({ access, parsed, sources, accountId, onRefused, continuation }) =>
      startReport({
        config: access.config,
        rule,
        event: parsed,
        params: paramsFor(rule, parsed.ruleParameters),
        accountId,
        refusedTypes,
        ...(sources.previouslyReported ? { previouslyReported: sources.previouslyReported.bind(sources) } : {}),
        onRefused,
        ...(continuation ? { continuation } : {}),
      }),
  });
}
