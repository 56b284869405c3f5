// Template parameter values (--parameters FILE). Rule parameters (--params, --params-file) are
// read as `scan` reads them (cli/rule-params.ts).
import { readFileSync } from 'node:fs';
import { dictionary } from '../../rules/_core/own.js';
import { UsageError } from '../output.js';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

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
  // No prototype: a parameter named `__proto__` or `constructor` is a parameter like any other.
  const out = dictionary<string>();
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
  const map = isObject(value.Parameters) && Object.hasOwn(value, 'Parameters') ? value.Parameters : value;
  for (const [k, v] of Object.entries(map)) out[k] = scalar(v);
  return out;
}
