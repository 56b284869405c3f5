// Rule parameters for commands that run many rules (`scan`, and templates checked before a
// deploy): `{ "<rule-id>": { "<name>": value } }`, the shape of the stack's
// `ml-config-rules:parameters`. Values become strings as Config carries them (lists
// comma-joined) and are validated against each rule's own schema, as the deploy validates them,
// so a parameter the deploy would refuse is refused here with the same message.
import { readFileSync } from 'node:fs';
import { load as loadYaml } from 'js-yaml';
import { dictionary } from '../rules/_core/own.js';
import { parseParams } from '../rules/_core/params.js';
import type { Rule } from '../rules/_core/rule.js';
import { rules as registry } from '../rules/index.js';
import { UsageError } from './output.js';
import { ruleIdHint } from './suggest.js';

/** Rule id → that rule's parameters, as Config carries them (strings). */
export type RuleParams = Record<string, Record<string, string>>;

/** The stack file's key of the parameter block (Pulumi.<stack>.yaml: `config:` → this key). */
export const STACK_PARAMETERS_KEY = 'ml-config-rules:parameters';

const isMap = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function parameterString(origin: string, ruleId: string, name: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(',');
  throw new UsageError(
    `${origin}: rule ${ruleId}: parameter "${name}" must be a string, number, boolean or list of strings`,
  );
}

/**
 * One rule's parameters as Config carries them (strings): numbers, booleans and lists of strings
 * are the command's shorthand; anything else is refused naming the parameter. `null` stays unset.
 */
export function parameterStrings(own: Record<string, unknown>, origin: string, ruleId: string): Record<string, string> {
  const params = dictionary<string>();
  for (const [name, v] of Object.entries(own)) if (v !== null) params[name] = parameterString(origin, ruleId, name, v);
  return params;
}

/** Validate a parameter map (already parsed from JSON or YAML); `origin` names it in messages. */
export function ruleParamsOf(value: unknown, origin: string, all: readonly Rule[] = registry): RuleParams {
  if (!isMap(value))
    throw new UsageError(
      `${origin}: must be a map of rule id to a parameter map, e.g. {"sagemaker-endpoint-tagged": {"requiredTagKeys": "team"}}`,
    );
  const byId = new Map(all.map((r) => [r.id, r]));
  const out: RuleParams = dictionary();
  for (const [id, own] of Object.entries(value)) {
    const rule = byId.get(id);
    if (!rule) throw new UsageError(`${origin}: unknown rule id "${id}" (${ruleIdHint(id)})`);
    if (!isMap(own)) throw new UsageError(`${origin}: rule ${id}: must be a map of parameter names to values`);
    const params = parameterStrings(own, origin, id);
    try {
      parseParams(id, rule.parameters, params);
    } catch (error) {
      throw new UsageError(`${origin}: ${(error as Error).message}`);
    }
    out[id] = params;
  }
  return out;
}

/** `--params '<json>'`. */
export function parseParamsJson(text: string, origin = '--params'): RuleParams {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`${origin} is not valid JSON: ${text.slice(0, 60)}`);
  }
  return ruleParamsOf(value, origin);
}

/**
 * `--params-file FILE`: YAML or JSON (JSON is YAML), either the map itself or a Pulumi stack file,
 * whose `config:` → `ml-config-rules:parameters` block is used. Pulumi may hold that block as a
 * JSON string; both forms are read.
 */
export function readParamsFile(path: string): RuleParams {
  const origin = `--params-file ${path}`;
  const value = readYamlFile(path, origin);
  if (isMap(value) && isMap(value.config)) {
    let block = value.config[STACK_PARAMETERS_KEY];
    if (block === undefined) throw new UsageError(`${origin}: a stack file without ${STACK_PARAMETERS_KEY}`);
    if (typeof block === 'string') {
      try {
        block = JSON.parse(block);
      } catch {
        throw new UsageError(`${origin}: ${STACK_PARAMETERS_KEY} is not valid JSON`);
      }
    }
    return ruleParamsOf(block, `${origin} (${STACK_PARAMETERS_KEY})`);
  }
  return ruleParamsOf(value ?? {}, origin);
}

/** A YAML or JSON file (JSON is YAML), or a one-line usage error naming `origin` (`--params-file FILE`). */
export function readYamlFile(path: string, origin: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `${origin}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  try {
    return loadYaml(text);
  } catch (error) {
    throw new UsageError(`${origin}: not YAML or JSON (${String((error as Error).message).split('\n')[0]})`);
  }
}

/** `--params JSON` or `--params-file FILE` (never both), as `scan` and `check-template` take them. */
export function ruleParamsFromOptions(options: { params?: string; paramsFile?: string }): RuleParams {
  if (options.params !== undefined && options.paramsFile !== undefined)
    throw new UsageError('use --params or --params-file, not both');
  if (options.params !== undefined) return parseParamsJson(options.params);
  if (options.paramsFile !== undefined) return readParamsFile(options.paramsFile);
  return {};
}

/** `--tag KEY[=VALUE]`: the scope tag every rule applies (scopeTagKey, scopeTagValue). */
export function parseScopeTag(text: string): { scopeTagKey: string; scopeTagValue?: string } {
  const at = text.indexOf('=');
  const key = (at < 0 ? text : text.slice(0, at)).trim();
  const value = at < 0 ? undefined : text.slice(at + 1);
  // Tag keys: 1-128 characters (https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html).
  if (key === '' || key.length > 128)
    throw new UsageError(
      `--tag must be KEY or KEY=VALUE with a key of 1 to 128 characters, got ${JSON.stringify(text)}`,
    );
  if (value !== undefined && value.length > 256)
    throw new UsageError(`--tag: a tag value holds at most 256 characters`);
  return value === undefined || value === '' ? { scopeTagKey: key } : { scopeTagKey: key, scopeTagValue: value };
}
