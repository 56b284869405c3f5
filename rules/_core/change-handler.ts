// The Lambda entry of a rule that only takes changes (no scheduled run in this deploy): a change,
// an oversized change or a snapshot delivery, evaluated and sent with one PutEvaluations call. It
// carries none of a scheduled run's listing, clean-up or account summary (handler.ts), so the
// bundle stays close to the Config client's size (bench/bundles.ts). Config sends such a rule
// no ScheduledNotification: the deploy sets no MaximumExecutionFrequency on it
// (https://docs.aws.amazon.com/config/latest/developerguide/evaluate-config_develop-rules_nodejs.html);
// one that arrives anyway fails the invocation, saying so.
import { configReads } from './config-reads.js';
import { evaluateEvent } from './engine.js';
import type { Evaluation } from './evaluations.js';
import { makeRuleHandler, onePage, type RuleHandler, type RunOptions } from './lambda-run.js';
import { putEvaluations } from './put-evaluations.js';
import type { ReportStream } from './reporting.js';
import type { Rule } from './rule.js';

export function makeChangeHandler(rule: Rule, options: RunOptions = {}): RuleHandler {
  return makeRuleHandler(rule, options, {
    sources: (access) => configReads(access.config),
    pages: (parsed, sources, suppressions, onNote) =>
      onePage(() => evaluateEvent(rule, parsed, sources, { suppressions }), onNote),
    report: ({ access, parsed }) => sendAtOnce(access.config, parsed.resultToken),
  });
}

/**
 * The report of a change: the event's evaluations (one, or none for a snapshot) sent when the run
 * finishes. What startReport does for a change event, without its scheduled parts: a change has
 * no account summary and no clean-up, and a type Config refuses fails the run.
 */
function sendAtOnce(config: Parameters<typeof putEvaluations>[0], token: string | undefined): ReportStream {
  const evaluations: Evaluation[] = [];
  return {
    async add(page) {
      for (const e of page) evaluations.push(e);
    },
    // Asked only after a failure, and a change's one PutEvaluations call is all or nothing.
    wasSent: () => false,
    sentSoFar: () => 0,
    async finish() {
      const putEvaluationsCalls = await putEvaluations(config, evaluations, token);
      return { evaluations: evaluations.length, putEvaluationsCalls, extra: [] };
    },
  };
}
