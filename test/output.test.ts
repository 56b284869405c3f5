// Tables for people fit the terminal (80 columns when not a terminal); counts read right.
import { describe, expect, it } from 'vitest';
import { fitColumns, plural, styleFor, table, terminalWidth, wrapText } from '../cli/output.js';
import { rules } from '../rules/index.js';
import { cli as runCli } from './support/run-cli.js';

const width = (line: string) => [...line].length;
const squeezed = (s: string) => s.replace(/\s+/g, '');
/** One column of a table, its wrapped pieces read back in order. */
const column = (text: string, i: number) =>
  text
    .split('\n')
    .flatMap((line) => (line.startsWith('│') ? [line.split('│')[i + 1]!.trim()] : []))
    .join(' ');

describe('plural', () => {
  it('counts one thing in the singular and others in the plural', () => {
    expect(plural(1, 'rule')).toBe('1 rule');
    expect(plural(0, 'rule')).toBe('0 rules');
    expect(plural(2, 'resource')).toBe('2 resources');
    expect(plural(1, 'entry', 'entries')).toBe('1 entry');
    expect(plural(11, 'entry', 'entries')).toBe('11 entries');
  });
});

describe('terminalWidth', () => {
  it('is the terminal width, COLUMNS when not a terminal, else 80', () => {
    expect(terminalWidth({ isTTY: true, columns: 132 }, {})).toBe(132);
    expect(terminalWidth({ isTTY: false }, {})).toBe(80);
    expect(terminalWidth({ isTTY: false }, { COLUMNS: '200' })).toBe(200);
    expect(terminalWidth({ isTTY: false }, { COLUMNS: 'wide' })).toBe(80);
  });
});

describe('wrapText', () => {
  it('wraps at spaces and breaks a long id after a dash', () => {
    expect(wrapText('KmsKeyId is not set on the notebook instance', 16)).toBe(
      'KmsKeyId is not\nset on the\nnotebook\ninstance',
    );
    expect(wrapText('sagemaker-training-job-inter-container-encryption', 20)).toBe(
      'sagemaker-training-\njob-inter-container-\nencryption',
    );
    // No separator in reach: cut at the width, nothing lost.
    expect(wrapText('x'.repeat(25), 10)).toBe('xxxxxxxxxx\nxxxxxxxxxx\nxxxxx');
  });
});

describe('fitColumns', () => {
  it('keeps natural widths when they fit, squeezes prose first, then the widest columns', () => {
    expect(fitColumns([10, 20, 30], 80)).toEqual([10, 20, 30]);
    expect(fitColumns([30, 10, 200], 80, [false, false, true])).toEqual([30, 10, 36]);
    const squeezedAll = fitColumns([50, 60, 16, 200], 80, [false, false, false, true]);
    expect(squeezedAll.reduce((a, b) => a + b, 0) + squeezedAll.length + 1).toBeLessThanOrEqual(80);
    expect(squeezedAll[2]).toBe(16);
  });
});

describe('table', () => {
  const head = ['id', 'resource types', 'description'];
  const rows = rules.map((r) => [r.id, r.resourceTypes.join('\n'), r.description]);

  it('fits 80 columns and keeps every word of every cell', () => {
    const text = table(head, rows, { width: 80 });
    for (const line of text.split('\n')) expect(width(line), line).toBeLessThanOrEqual(80);
    const descriptions = squeezed(column(text, 2));
    const ids = squeezed(column(text, 0));
    for (const r of rules) {
      expect(descriptions).toContain(squeezed(r.description));
      expect(ids).toContain(r.id);
    }
  });

  it('draws a row whose cells wrap as one box, the shorter cells blank below', () => {
    const text = table(
      ['rule', 'verdict', 'annotation'],
      [
        ['sagemaker-notebook-kms-key', 'NON_COMPLIANT', 'KmsKeyId is not set on the notebook instance'],
        ['s3-bucket-object-lock', 'COMPLIANT', ''],
      ],
      { width: 50 },
    );
    expect(text.split('\n')).toEqual([
      '┌───────────────┬───────────────┬───────────────┐',
      '│ rule          │ verdict       │ annotation    │',
      '├───────────────┼───────────────┼───────────────┤',
      '│ sagemaker-    │ NON_COMPLIANT │ KmsKeyId is   │',
      '│ notebook-kms- │               │ not set on    │',
      '│ key           │               │ the notebook  │',
      '│               │               │ instance      │',
      '│ s3-bucket-    │ COMPLIANT     │               │',
      '│ object-lock   │               │               │',
      '└───────────────┴───────────────┴───────────────┘',
    ]);
  });

  it('leaves a table that fits as it is', () => {
    const text = table(['rule', 'verdict'], [['s3-bucket-object-lock', 'COMPLIANT']], { width: 80 });
    expect(text.split('\n')[3]).toBe('│ s3-bucket-object-lock │ COMPLIANT │');
  });
});

describe('the commands at 80 columns (--format table, not a terminal)', () => {
  it.each([[['test']], [['list']]])(
    '%j prints no line wider than 80',
    async (args) => {
      const run = await runCli([...args, '--format', 'table'], { COLUMNS: '' });
      expect(run.code).toBe(0);
      const lines = run.stdout.trimEnd().split('\n');
      expect(lines.length).toBeGreaterThan(40);
      for (const line of lines) expect(width(line), line).toBeLessThanOrEqual(80);
    },
    60_000,
  );

  it('counts rules and fixtures in the right number', async () => {
    const list = await runCli(['list', '--format', 'table'], { COLUMNS: '' });
    expect(list.stdout).toContain(`\n${rules.length} rules; every rule also takes`);
    const one = await runCli(['test', '--rule', 's3-bucket-object-lock', '--format', 'table'], { COLUMNS: '' });
    expect(one.stdout.trimEnd().split('\n').pop()).toMatch(
      /^\d+ passed, 0 failed \(\d+ fixtures of 1 rule(, \d+ template cases?)?\)$/,
    );
  }, 60_000);
});

describe('the table style', () => {
  it('is boxes at a terminal and TSV in a pipe, unless --format table or tsv says which', () => {
    expect(styleFor('table', false, { isTTY: true })).toBe('box');
    expect(styleFor('table', false, { isTTY: false })).toBe('tsv');
    expect(styleFor('table', true, { isTTY: false })).toBe('box');
    expect(styleFor('tsv', true, { isTTY: true })).toBe('tsv');
    expect(styleFor('json', false, {})).toBe('tsv');
  });
});

describe('tables in a pipe: tab-separated, one header line, nothing wrapped', () => {
  /** Every line has as many cells as the header; no box drawing. */
  function expectTsv(stdout: string, head: string[]) {
    const lines = stdout.replace(/\n$/, '').split('\n');
    expect(lines[0]).toBe(head.join('\t'));
    for (const line of lines) expect(line.split('\t'), line).toHaveLength(head.length);
    expect(stdout).not.toMatch(/[┌│└]/);
    return lines.slice(1).map((l) => l.split('\t'));
  }

  it('list: one row per rule, each id whole; the count on stderr', async () => {
    const run = await runCli(['list']);
    const rows = expectTsv(run.stdout, ['id', 'severity', 'resource types', 'trigger', 'parameters']);
    expect(rows.map((r) => r[0])).toEqual(rules.map((r) => r.id));
    expect(run.stdout.split('\n').filter((l) => l.includes('s3-bucket-kms-encryption')).length).toBeGreaterThanOrEqual(
      1,
    );
    expect(run.stderr).toBe(`${rules.length} rules; every rule also takes scopeTagKey, scopeTagValue.\n`);
  });

  it('test: fixtures and template cases in one table, the summary on stderr', async () => {
    const run = await runCli(['test']);
    expect(run.code).toBe(0);
    const rows = expectTsv(run.stdout, ['rule', 'fixture', 'result', 'annotation']);
    expect(rows.filter((r) => r[0] === '_templates').length).toBeGreaterThan(0);
    expect(rows.every((r) => r[2] === 'pass')).toBe(true);
    expect(run.stderr).toMatch(/^\d+ passed, 0 failed/);
  }, 60_000);

  it('--format tsv forces it, and a cell keeps its line breaks out of the row', async () => {
    const run = await runCli(['list', '--format', 'tsv']);
    const rows = expectTsv(run.stdout, ['id', 'severity', 'resource types', 'trigger', 'parameters']);
    // The tagging rule checks many types: one cell, joined with "; ".
    expect(rows.find((r) => r[0] === 'sagemaker-resource-tagged')![2]).toContain('; AWS::SageMaker::EndpointConfig');
  });
});
