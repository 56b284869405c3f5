// Output helpers: tables for people, JSON for machines, one-line errors for everyone.
import Table from 'cli-table3';
import { RuleError } from '../rules/_core/errors.js';

/** `colWidths` caps columns (text wraps inside them); without it columns fit their content. */
export function table(head: string[], rows: (string | number)[][], options: { colWidths?: (number | null)[] } = {}): string {
  const t = new Table({ head, style: { head: [], border: [], compact: true }, wordWrap: true, ...(options.colWidths ? { colWidths: options.colWidths } : {}) });
  for (const r of rows) t.push(r.map(String));
  return t.toString();
}

export const printJson = (value: unknown) => process.stdout.write(JSON.stringify(value, null, 2) + '\n');

/** A user mistake (bad input, rule id, parameter): exit 2. Anything else: exit 1. One line, no stack. */
export function exitWithError(error: unknown): never {
  const err = error as Error;
  const userMistake = (error instanceof RuleError && error.kind === 'input') || (err as { code?: string }).code === 'USAGE';
  // SDK errors carry several lines (deserialization hints); the failed call is named when known.
  const operation = (err as { operation?: string }).operation;
  const firstLine = String(err?.message ?? error).split('\n')[0]!.trim();
  process.stderr.write(`ml-config-rules: ${operation ? `${operation}: ` : ''}${firstLine}\n`);
  if (process.env.ML_CONFIG_RULES_DEBUG) process.stderr.write(`${err.stack}\n`);
  process.exit(userMistake ? 2 : 1);
}

export class UsageError extends RuleError {
  override name = 'UsageError';
}
