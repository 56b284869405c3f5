// Output helpers: tables for people, JSON for machines, one-line errors for everyone.
import Table from 'cli-table3';
import { RuleError } from '../rules/_core/errors.js';

export type Format = 'table' | 'json';

export function table(head: string[], rows: (string | number)[][]): string {
  const t = new Table({ head, style: { head: [], border: [], compact: true }, wordWrap: true });
  for (const r of rows) t.push(r.map(String));
  return t.toString();
}

export const printJson = (value: unknown) => process.stdout.write(JSON.stringify(value, null, 2) + '\n');

/** A user mistake (bad input, rule id, parameter): exit 2. Anything else: exit 1. One line, no stack. */
export function exitWithError(error: unknown): never {
  const err = error as Error;
  const userMistake = (error instanceof RuleError && error.kind === 'input') || (err as { code?: string }).code === 'USAGE';
  process.stderr.write(`ml-config-rules: ${err.message}\n`);
  if (process.env.ML_CONFIG_RULES_DEBUG) process.stderr.write(`${err.stack}\n`);
  process.exit(userMistake ? 2 : 1);
}

export class UsageError extends RuleError {
  override name = 'UsageError';
}
