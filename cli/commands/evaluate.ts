import { evaluateEvent, type Sources } from '../../rules/_core/engine.js';
import { assertDepth } from '../../rules/_core/depth.js';
import { InvalidParametersError, UnknownRuleError } from '../../rules/_core/errors.js';
import { readItems, readJsonFile } from '../local/fixtures.js';
import { inputToEvent } from '../local/input.js';
import { localSources } from '../local/sources.js';
import type { RawParams } from '../../rules/_core/params.js';
import type { Rule } from '../../rules/_core/rule.js';
import { ruleById } from '../../rules/index.js';
import type { FailOn } from '../options.js';
import { printJson, printReport, table } from '../output.js';
import { parameterStrings } from '../rule-params.js';
import { ruleIdHint } from '../suggest.js';
import { evaluationJson, readSuppressionsFile, shownAnnotation, shownVerdict } from '../suppressions.js';

export function requireRule(id: string): Rule {
  const rule = ruleById(id);
  if (!rule) throw new UnknownRuleError(`unknown rule "${id}" (${ruleIdHint(id)})`);
  return rule;
}

/** `--params JSON` of one rule: the values as Config carries them (see parameterStrings). */
export function parseParamsOption(text: string | undefined, ruleId: string): RawParams {
  if (text === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidParametersError(`--params is not valid JSON: ${text}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidParametersError(
      '--params must be a JSON object of parameter names to values, e.g. {"kmsKeyArns":"arn:..."}',
    );
  }
  assertDepth(value, '--params');
  return parameterStrings(value as Record<string, unknown>, '--params', ruleId);
}

/** Oversized and scheduled events need Config: from `--lookup` files when given, else from AWS. */
async function sourcesFor(lookupFiles: string[]): Promise<Sources> {
  if (lookupFiles.length > 0) return localSources(lookupFiles.flatMap(readItems));
  const { awsSources } = await import('../aws.js');
  return awsSources();
}

export interface EvaluateOptions {
  rule: string;
  params?: string;
  lookup: string[];
  format: string;
  failOn?: FailOn;
  suppressions?: string;
}

export async function evaluateCommand(file: string, options: EvaluateOptions) {
  const rule = requireRule(options.rule);
  const overrides = parseParamsOption(options.params, rule.id);
  const suppressions = readSuppressionsFile(options.suppressions);
  const event = inputToEvent(readJsonFile(file));
  const needsSources = event.kind === 'oversized' || event.kind === 'scheduled' || rule.lookups !== undefined;
  const sources = needsSources ? await sourcesFor(options.lookup) : localSources([]);
  const { evaluations, note } = await evaluateEvent(rule, event, sources, { paramOverrides: overrides, suppressions });
  if (options.failOn !== undefined && evaluations.some((e) => e.ComplianceType === 'NON_COMPLIANT'))
    process.exitCode = 1;
  if (options.format === 'json') return printJson(evaluations.map(evaluationJson));
  printReport({
    ...(note ? { heading: note } : {}),
    table:
      evaluations.length === 0
        ? ''
        : table(
            ['resource type', 'resource id', 'verdict', 'annotation'],
            evaluations.map((e) => [
              e.ComplianceResourceType,
              e.ComplianceResourceId,
              shownVerdict(e),
              shownAnnotation(e),
            ]),
          ),
    notes: evaluations.length === 0 ? ['no evaluations'] : [],
  });
}
