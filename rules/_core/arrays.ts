// Appending and extremes without spreading an array into a call. `out.push(...items)` and
// `Math.max(...values)` pass every element as an argument on the stack, and V8 throws
// `RangeError: Maximum call stack size exceeded` past roughly 125,000 of them (Node 20): one
// account's listing of endpoints or training jobs can be that long. A loop has no such limit.

/** Appends each of `items` to `target`, in order, and returns `target`. */
export function append<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest of `values`: -Infinity for none, NaN if any is NaN, as Math.max (-0 and 0 not told apart). */
export function maxOf(values: Iterable<number>): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) max = v > max || Number.isNaN(v) ? v : max;
  return max;
}

/** The smallest of `values`: Infinity for none, NaN if any is NaN, as Math.min (-0 and 0 not told apart). */
export function minOf(values: Iterable<number>): number {
  let min = Number.POSITIVE_INFINITY;
  for (const v of values) min = v < min || Number.isNaN(v) ? v : min;
  return min;
}
