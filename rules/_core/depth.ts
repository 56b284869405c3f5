// Input nesting limit. Config items are a dozen levels deep at most; input nested far deeper is
// refused with one line before any recursive code (serialisation, validation, rules) could
// overflow the stack on it.
import { InvalidEventError } from './errors.js';

/** Deepest nesting of objects and lists accepted in events, parameters and input files. */
export const MAX_DEPTH = 64;

/** Throws InvalidEventError when `value` nests objects or lists deeper than MAX_DEPTH; iterative, so never overflows. */
export function assertDepth(value: unknown, what: string): void {
  if (value === null || typeof value !== 'object') return;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_DEPTH) throw new InvalidEventError(`${what} is nested deeper than ${MAX_DEPTH} levels`);
    for (const key in node as object) {
      const child = (node as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
}
