// `evaluate(ruleId, input, params?)` for programs: the same path as the command's `evaluate`, on
// a value rather than a file. Anything the command accepts is accepted here (a Config rule event,
// its invokingEvent, or a configuration item in event, API or inventory form), and the result is
// the evaluations exactly as PutEvaluations takes them.
import { assertDepth } from '../rules/_core/depth.js';
import { evaluateEvent, type Sources } from '../rules/_core/engine.js';
import type { Evaluation } from '../rules/_core/evaluations.js';
import { normaliseItem } from '../rules/_core/items.js';
import { inputToEvent } from '../cli/local/input.js';
import { localSources } from '../cli/local/sources.js';
import { parameterStrings } from '../cli/rule-params.js';
import { requireRule } from '../cli/commands/evaluate.js';

export interface EvaluateOptions {
  /**
   * Configuration items an oversized fetch, a scheduled listing or a lookup may return. Without
   * them, an input that needs AWS Config reads it through the SDK's usual credentials and Region.
   */
  lookup?: readonly unknown[];
}

/** Evaluate one input with one rule; `params` as Config's InputParameters, or their shorthand. */
export async function evaluate(
  ruleId: string,
  input: unknown,
  params: Record<string, unknown> = {},
  options: EvaluateOptions = {},
): Promise<Evaluation[]> {
  const rule = requireRule(ruleId);
  assertDepth(input, 'input');
  const overrides = parameterStrings(params, 'params', rule.id);
  const event = inputToEvent(input);
  const needsSources = event.kind === 'oversized' || event.kind === 'scheduled' || rule.lookups !== undefined;
  const sources = needsSources ? await sourcesFor(options.lookup) : localSources([]);
  const { evaluations } = await evaluateEvent(rule, event, sources, { paramOverrides: overrides });
  return evaluations;
}

async function sourcesFor(lookup: readonly unknown[] | undefined): Promise<Sources> {
  if (lookup !== undefined) return localSources(lookup.map((item) => normaliseItem(item)));
  // Loaded only here, so a program that never reaches AWS never loads the SDK clients.
  const { awsSources } = await import('../cli/aws.js');
  return awsSources();
}
