// append, maxOf and minOf (rules/_core/arrays.ts) answer as push(...), Math.max and Math.min do,
// at lengths where those throw RangeError.
import { describe, expect, it } from 'vitest';
import { append, maxOf, minOf } from '../rules/_core/arrays.js';

// Past the ~125,000 arguments V8 takes in one call (Node 20).
const LONG = 150_000;

describe('rules/_core/arrays.ts', () => {
  it('appends in order, to the array given, and takes any iterable', () => {
    const out = ['ml-config-sagemaker-endpoint-tagged'];
    expect(append(out, new Set(['ml-config-s3-bucket-versioning-enabled']))).toBe(out);
    expect(out).toEqual(['ml-config-sagemaker-endpoint-tagged', 'ml-config-s3-bucket-versioning-enabled']);
  });

  it('appends more items than a call takes arguments', () => {
    const listed = Array.from({ length: LONG }, (_, i) => `fraud-scorer-${i}`);
    // Where push(...) fails depends on the stack the process runs with (the mutation run's workers
    // take more than 150,000); 2,000,000 arguments overflow any stack Node is started with.
    const tooMany = new Array<number>(2_000_000).fill(0);
    expect(() => [].push(...(tooMany as never[]))).toThrow(RangeError);
    const out = append(['churn-scorer'], listed);
    expect(out).toHaveLength(LONG + 1);
    expect(out.at(-1)).toBe(`fraud-scorer-${LONG - 1}`);
  });

  it.each([
    [[]],
    [[1_764_662_400_000]],
    [[1_764_662_400_000, 1_764_576_000_000, 1_764_748_800_000]],
    [[3, Number.NaN, 7]],
  ])('maxOf and minOf of %j are Math.max and Math.min', (values) => {
    expect(maxOf(values)).toBe(Math.max(...values));
    expect(minOf(values)).toBe(Math.min(...values));
  });

  it('finds the extremes of more capture times than a call takes arguments', () => {
    const times = Array.from({ length: LONG }, (_, i) => Date.UTC(2026, 10, 21) - i * 60_000);
    expect(maxOf(times)).toBe(Date.UTC(2026, 10, 21));
    expect(minOf(times)).toBe(Date.UTC(2026, 10, 21) - (LONG - 1) * 60_000);
  });
});
