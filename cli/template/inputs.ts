// The check's two inputs besides templates: rule parameters (--params) and template parameter
// values (--parameters FILE).
import { readFileSync } from 'node:fs';
import type { RawParams } from '../../rules/_core/params.js';
import { UsageError } from '../output.js';
import { requireRule } from '../commands/evaluate.js';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `--params '{"<rule-id>": {"kmsKeyArns": "arn:..."}}'`: parameters per rule, values as Config takes them. */
export function parseRuleParams(text: string | undefined): Record<string, RawParams> {
  if (text === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`--params is not valid JSON: ${text}`);
  }
  if (!isObject(value))
    throw new UsageError(
      '--params must be a JSON object of rule ids to parameter objects, e.g. {"sagemaker-notebook-kms-key":{"kmsKeyArns":"arn:..."}}',
    );
  for (const [id, params] of Object.entries(value)) {
    requireRule(id);
    if (!isObject(params)) throw new UsageError(`--params: the parameters of ${id} must be a JSON object`);
  }
  return value as Record<string, RawParams>;
}

const scalar = (v: unknown) => (Array.isArray(v) ? v.join(',') : String(v));

/**
 * Parameter values in any of the forms CloudFormation tools write them: the CLI's
 * `[{"ParameterKey": "K", "ParameterValue": "V"}]`, a template configuration file's
 * `{"Parameters": {"K": "V"}}`, or a plain `{"K": "V"}`. Pseudo parameters (`AWS::AccountId`,
 * `AWS::Region`) may be given the same way.
 */
export function readParameterValues(path: string | undefined): Record<string, string> {
  if (path === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      `--parameters ${path}: ${code ? `cannot read the file (${code})` : `not valid JSON (${(e as Error).message})`}`,
    );
  }
  const out: Record<string, string> = {};
  if (Array.isArray(value)) {
    for (const entry of value) {
      if (!isObject(entry) || typeof entry.ParameterKey !== 'string' || entry.ParameterValue === undefined) {
        throw new UsageError(`--parameters ${path}: every entry needs ParameterKey and ParameterValue`);
      }
      out[entry.ParameterKey] = scalar(entry.ParameterValue);
    }
    return out;
  }
  if (!isObject(value))
    throw new UsageError(`--parameters ${path}: expected a list of ParameterKey/ParameterValue or an object`);
  const map = isObject(value.Parameters) ? value.Parameters : value;
  for (const [k, v] of Object.entries(map)) out[k] = scalar(v);
  return out;
}
