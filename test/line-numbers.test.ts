// Offsets to line numbers (rules/_core/line-numbers.ts), shared by the secret scan and the
// template check: the first and last offset of each line, empty lines and the end of the text.
import { describe, expect, it } from 'vitest';
import { lineAt, lineStarts } from '../rules/_core/line-numbers.js';

describe('line numbers', () => {
  it('gives each offset the line it is on, counting from 1', () => {
    const text = 'a\nbc\n\nd';
    const starts = lineStarts(text);
    expect(starts).toEqual([0, 2, 5, 6]);
    expect([...text].map((_, offset) => lineAt(starts, offset))).toEqual([1, 1, 2, 2, 2, 3, 4]);
    // Past the end: the last line.
    expect(lineAt(starts, text.length)).toBe(4);
  });

  it('has one line for a text without a line break, and one more for each break', () => {
    expect(lineStarts('')).toEqual([0]);
    expect(lineAt(lineStarts('no break'), 5)).toBe(1);
    const many = 'x\n'.repeat(1000);
    const starts = lineStarts(many);
    expect(starts).toHaveLength(1001);
    for (const line of [1, 2, 500, 999, 1000]) expect(lineAt(starts, (line - 1) * 2 + 1)).toBe(line);
  });
});
