// Input nesting limit. Config items are a dozen levels deep at most; input nested far deeper is
// refused with one line before any recursive code (serialisation, validation, rules) could
// overflow the stack on it.
import { InvalidEventError } from './errors.js';

/** Deepest nesting of objects and lists accepted in events, parameters and input files. */
export const MAX_DEPTH = 64;

/** Throws InvalidEventError when `value` nests objects or lists deeper than MAX_DEPTH. */
export function assertDepth(value: unknown, what: string): void {
  if (value !== null && typeof value === 'object' && !withinDepth(value, MAX_DEPTH)) {
    throw new InvalidEventError(`${what} is nested deeper than ${MAX_DEPTH} levels`);
  }
}

/**
 * Whether `node` and what it holds are at most `levels` deep. Recursive, but it stops descending
 * at MAX_DEPTH, so it never holds more than MAX_DEPTH + 1 frames, however deep the input: it
 * cannot overflow the stack. It allocates nothing: the check runs on every event.
 */
function withinDepth(node: object, levels: number): boolean {
  if (levels === 0) return false;
  if (Array.isArray(node)) {
    for (const child of node) {
      if (child !== null && typeof child === 'object' && !withinDepth(child, levels - 1)) return false;
    }
    return true;
  }
  for (const key in node) {
    const child = (node as Record<string, unknown>)[key];
    if (child !== null && typeof child === 'object' && !withinDepth(child, levels - 1)) return false;
  }
  return true;
}
