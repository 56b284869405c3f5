// One linear pass over JSON text before JSON.parse, for what JSON.parse does not say: a key
// repeated in one object (JSON.parse keeps the last silently; YAML refuses it, and so does the
// template check) and nesting too deep for the recursive code that reads a template after it.
// Syntax errors are left to JSON.parse, which names them; this pass only has to stay linear.

export type JsonScanProblem = { kind: 'duplicate'; key: string; offset: number } | { kind: 'depth'; offset: number };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COLON = 0x3a;

/** The first duplicate key or the first point nested deeper than `maxDepth`, or undefined. */
export function scanJson(text: string, maxDepth: number): JsonScanProblem | undefined {
  // Per open container: the keys seen so far (objects) or null (arrays).
  const stack: (Set<string> | null)[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const start = i;
      i++;
      let escaped = false;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === BACKSLASH) {
          escaped = true;
          i += 2;
          continue;
        }
        if (d === QUOTE) break;
        i++;
      }
      const end = i;
      i++;
      const keys = stack[stack.length - 1];
      if (keys) {
        // A string directly followed by a colon is a key of the innermost object.
        let j = i;
        while (j < n && text.charCodeAt(j) <= 0x20) j++;
        if (text.charCodeAt(j) === COLON) {
          const raw = text.slice(start, end + 1);
          let key = raw.slice(1, -1);
          if (escaped) {
            try {
              key = JSON.parse(raw) as string;
            } catch {
              return undefined; // not valid JSON: JSON.parse names the error
            }
          }
          if (keys.has(key)) return { kind: 'duplicate', key, offset: start };
          keys.add(key);
        }
      }
      continue;
    }
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      stack.push(c === OPEN_OBJECT ? new Set() : null);
      if (stack.length > maxDepth) return { kind: 'depth', offset: i };
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      stack.pop();
    }
    i++;
  }
  return undefined;
}
