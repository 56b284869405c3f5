// Output helpers: tables for people, JSON for machines, one-line errors for everyone.
import Table from 'cli-table3';
import { maxOf } from '../rules/_core/arrays.js';
import { RuleError } from '../rules/_core/errors.js';

/**
 * Columns to fit: the terminal's width; when output goes to a file or a pipe, COLUMNS if set
 * (`COLUMNS=200 npx ml-config-rules test > out.txt`), else 80.
 */
export function terminalWidth(
  stream: { isTTY?: boolean; columns?: number } = process.stdout,
  env = process.env,
): number {
  if (stream.isTTY && stream.columns) return stream.columns;
  const columns = Number(env.COLUMNS);
  return Number.isInteger(columns) && columns >= 40 ? columns : 80;
}

// cli-table3 counts one space of padding on each side inside a column's width.
const PADDING = 2;
const MIN_COLUMN = 6;
const PROSE_MIN = 20;

/** `1 rule`, `2 rules`: a count with its noun. */
export const plural = (n: number, singular: string, pluralForm = `${singular}s`): string =>
  `${n} ${n === 1 ? singular : pluralForm}`;

/**
 * Text wrapped to `width` columns: at spaces where it can, and a word longer than the column
 * (a rule id, an ARN) after a `-`, `/`, `:` or `,` near the end of the line, else at the width.
 */
export function wrapText(text: string, width: number): string {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (candidate.length <= width) {
        line = candidate;
        continue;
      }
      if (line !== '') out.push(line);
      let rest = word;
      while (rest.length > width) {
        const head = rest.slice(0, width);
        const cut = Math.max(
          head.lastIndexOf('-'),
          head.lastIndexOf('/'),
          head.lastIndexOf(':'),
          head.lastIndexOf(','),
        );
        const at = cut >= width / 2 ? cut + 1 : width;
        out.push(rest.slice(0, at));
        rest = rest.slice(at);
      }
      line = rest;
    }
    out.push(line);
  }
  return out.join('\n');
}

const longestLine = (text: string) => maxOf(text.split('\n').map((l) => l.length));

/** The common cap on the given columns that brings the table's columns within `available`. */
function capColumns(widths: number[], which: boolean[], available: number, floor: number): number[] {
  let cap = maxOf(widths.filter((_, i) => which[i]));
  const total = (c: number) => widths.reduce((sum, w, i) => sum + (which[i] ? Math.min(w, Math.max(c, floor)) : w), 0);
  while (cap > floor && total(cap) > available) cap--;
  return widths.map((w, i) => (which[i] ? Math.min(w, Math.max(cap, floor)) : w));
}

/**
 * Column widths (padding included) that fit `width`: every column keeps its natural width when the
 * table fits. Otherwise prose columns (`prose[i]`, text that wraps at spaces) give way first, down to
 * PROSE_MIN; then the widest of all columns, down to a common cap.
 */
export function fitColumns(natural: number[], width: number, prose: boolean[] = natural.map(() => false)): number[] {
  const available = width - (natural.length + 1);
  if (natural.reduce((a, b) => a + b, 0) <= available) return natural;
  const proseFirst = prose.some(Boolean) ? capColumns(natural, prose, available, PROSE_MIN) : natural;
  return capColumns(
    proseFirst,
    proseFirst.map(() => true),
    available,
    MIN_COLUMN,
  );
}

/**
 * How tables print in this run: boxes for people at a terminal, tab-separated values for a pipe
 * (one header line, each row on one line, nothing wrapped or cut, so `grep`, `cut` and `sort` work).
 * The program sets it from --format (`table` forces boxes, `tsv` forces TSV) and whether stdout is a
 * terminal; a table built outside the program (a unit test) is boxed.
 */
export type TableStyle = 'box' | 'tsv';
let style: TableStyle | undefined;
export const setTableStyle = (next: TableStyle | undefined) => {
  style = next;
};
export const tableStyle = (): TableStyle => style ?? 'box';

/** The style a command's --format asks for: explicit table or tsv, else by whether stdout is a terminal. */
export function styleFor(format: unknown, explicit: boolean, stream: { isTTY?: boolean } = process.stdout): TableStyle {
  if (format === 'tsv') return 'tsv';
  if (format === 'table' && explicit) return 'box';
  return stream.isTTY === true ? 'box' : 'tsv';
}

/** One TSV cell: a tab or line break inside a value would start a new column or row. */
const tsvCell = (value: string | number) => String(value).replace(/\t/g, ' ').replace(/\r?\n/g, '; ');

export function tsv(head: string[], rows: (string | number)[][]): string {
  return [head, ...rows].map((r) => r.map(tsvCell).join('\t')).join('\n');
}

/** What a command prints around its table: a heading line, the table, and the lines after it. */
export interface Report {
  heading?: string;
  /** The table (or tables: boxes only), as table() made it; '' for none. */
  table: string;
  notes: string[];
}

/** A report as a terminal shows it: heading, table and notes, one after the other. */
export const reportText = (r: Report): string =>
  [...(r.heading ? [r.heading] : []), ...(r.table !== '' ? [r.table] : []), ...r.notes].map((l) => `${l}\n`).join('');

/**
 * Print a report. In TSV, stdout holds the header line and the rows alone, so that a pipe reads
 * only rows; the heading and the notes (a summary) go to stderr, where a person still sees them.
 */
export function printReport(r: Report) {
  if (tableStyle() === 'box') return process.stdout.write(reportText(r));
  if (r.table !== '') process.stdout.write(`${r.table}\n`);
  for (const line of [...(r.heading ? [r.heading] : []), ...r.notes]) process.stderr.write(`${line}\n`);
  return true;
}

/**
 * A reader that stops early (`| head -1`) closes the pipe: what is left to print has nowhere to go,
 * and the command runs to its end and exits with the code it would have had, without a stack trace.
 * Node ignores SIGPIPE and reports the closed pipe as an EPIPE error on the stream
 * (https://nodejs.org/api/process.html#signal-events); later writes fail as the stream is destroyed.
 */
export function endQuietlyOnClosedPipe(stream: NodeJS.EventEmitter = process.stdout) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
    throw error;
  });
}

export interface TableOptions {
  /** The most a column may take (padding included); `null` for no cap of its own. */
  colWidths?: (number | null)[];
  /** The width to fit, default the terminal's. */
  width?: number;
  /** Rows rendered at once: TABLE_SLICE unless given (a test gives a small one to see the seams). */
  sliceRows?: number;
}

/**
 * Rows cli-table3 renders at once. Its layout looks for row-spanning cells by scanning every row
 * above each cell (cli-table3 0.6.5, src/layout-manager.js, `fillInTable`): quadratic in the rows
 * it is given, about 33 s for 20,000 rows at once. Its toString also copies the rows with
 * `push.apply`, which throws RangeError past about 125,000. A scan's table has a row per verdict:
 * rendered a hundred rows at a time, the cost is linear (`npm run bench`, bench/tables.ts).
 */
export const TABLE_SLICE = 100;

/**
 * A row whose cells wrap over several lines, as one row per line. Compact style draws no rule
 * between rows, so the box is the same; but cli-table3 0.6.5 previews every cell's whole content
 * for a debug message on each line it draws (src/cell.js, `draw`), shortening a multi-line text one
 * character at a time: quadratic in a cell's length, over a second for the 40 rules' `list`.
 * Single-line cells take its fast path.
 */
function linesOf(row: string[]): string[][] {
  const columns = row.map((cell) => cell.split('\n'));
  const height = maxOf(columns.map((c) => c.length));
  return Array.from({ length: height }, (_, i) => columns.map((c) => c[i] ?? ''));
}

/** A table for people: cells wrap so that the whole table fits the terminal width. */
export function table(head: string[], rows: (string | number)[][], options: TableOptions = {}): string {
  if (tableStyle() === 'tsv') return tsv(head, rows);
  const cells = rows.map((r) => r.map(String));
  const natural = head.map((h, i) => {
    // One row per verdict: a scan's table can have more rows than a call takes arguments.
    const content = Math.max(longestLine(h), maxOf(cells.map((r) => longestLine(r[i] ?? '')))) + PADDING;
    const cap = options.colWidths?.[i];
    return cap ? Math.min(content, cap) : content;
  });
  // A column is prose when its longest cell holds a space: it wraps between words.
  const prose = head.map((_, i) =>
    cells.some((r) => (r[i] ?? '').length + PADDING >= natural[i]! && (r[i] ?? '').includes(' ')),
  );
  const widths = fitColumns(natural, options.width ?? terminalWidth(), prose);
  const wrap = (text: string, i: number) => wrapText(text, Math.max(1, widths[i]! - PADDING));
  const render = (slice: string[][], withHead: boolean) => {
    const t = new Table({
      head: withHead ? head.map(wrap) : [],
      style: { head: [], border: [], compact: true },
      colWidths: widths,
    });
    for (const r of slice) for (const line of linesOf(r.map(wrap))) t.push(line);
    return t.toString();
  };
  const size = options.sliceRows ?? TABLE_SLICE;
  if (cells.length <= size) return render(cells, true);
  // Same column widths in every slice, and compact style draws no rule between rows: dropping
  // the border where one slice ends and the next begins gives the one table.
  const parts: string[] = [];
  for (let start = 0; start < cells.length; start += size) {
    const lines = render(cells.slice(start, start + size), start === 0).split('\n');
    if (start > 0) lines.shift();
    if (start + size < cells.length) lines.pop();
    parts.push(lines.join('\n'));
  }
  return parts.join('\n');
}

export const printJson = (value: unknown) => process.stdout.write(JSON.stringify(value, null, 2) + '\n');

/** A user mistake (bad input, rule id, parameter): exit 2. Anything else: exit 1. One line, no stack. */
/** Write an error as one line (a stack trace only with ML_CONFIG_RULES_DEBUG); the exit code it calls for. */
export function reportError(error: unknown): 1 | 2 {
  const err = error as Error;
  const userMistake =
    (error instanceof RuleError && error.kind === 'input') || (err as { code?: string }).code === 'USAGE';
  // SDK errors carry several lines (deserialization hints); the failed call is named when known.
  const operation = (err as { operation?: string }).operation;
  const firstLine = String(err?.message ?? error)
    .split('\n')[0]!
    .trim();
  process.stderr.write(`ml-config-rules: ${operation ? `${operation}: ` : ''}${firstLine}\n`);
  if (process.env.ML_CONFIG_RULES_DEBUG) process.stderr.write(`${err.stack}\n`);
  return userMistake ? 2 : 1;
}

export class UsageError extends RuleError {
  override name = 'UsageError';
}
