// Keeps the own-property rule (rules/_core/own.ts) from coming back, by reading the source of
// rules/, cli/ and deploy/: a lookup keyed by outside text must not go through `in` or a plain
// index on the maps that hold such text. The behaviour itself is tested with generated names in
// test/object-members.test.ts; this guard names the line that slipped.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../cli/paths.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** Code lines (comments, and text inside string literals on one line, blanked). */
function codeLines(path: string): { line: number; code: string }[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((text, i) => ({
      line: i + 1,
      code: text
        .replace(/\/\*.*?\*\//g, '')
        .replace(/\/\/.*$/, '')
        .replace(/^\s*(?:\/\*\*?|\*).*$/, '')
        .replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, (s) => (/^['"]\w+['"]$/.test(s) ? s : '""'))
        .replace(/`(?:[^`\\]|\\.)*`/g, '``'),
    }));
}

// `key in map` with a key that is not a literal: answers true for `constructor` on any object.
const IN_WITH_VARIABLE_KEY = /(?<!for\s*\(\s*(?:const|let)\s+)\b[a-z_]\w*\s+in\s+[A-Za-z_]/;
// `'toString' in x`, `x['constructor']`: a literal key that every object already has.
const MEMBER_NAMES =
  'constructor|__proto__|toString|valueOf|hasOwnProperty|isPrototypeOf|propertyIsEnumerable|toLocaleString';
const LITERAL_MEMBER_KEY = new RegExp(`['"](?:${MEMBER_NAMES})['"]\\s+in\\s|\\[['"](?:${MEMBER_NAMES})['"]\\]`);
// A read of a map that holds outside text, by a key that is not a literal (writes into maps built
// without a prototype are fine: `tags[k] = ...`).
const UNTRUSTED_READ =
  /\b(?:tags|Mappings|Parameters|Conditions|Resources|vars|parameters|supplementaryConfiguration)\??\.?\[(?!['"\d])[^\]]+\](?!\s*=[^=])/;

const checked = ['rules', 'cli', 'deploy'].flatMap((d) => sources(join(PACKAGE_ROOT, d)));

describe('own-property lookups in rules/, cli/ and deploy/', () => {
  it('reads some source at all', () => {
    expect(checked.length).toBeGreaterThan(100);
  });

  it.each([
    ['the `in` operator with a variable key', IN_WITH_VARIABLE_KEY],
    ['a literal key named after an inherited member', LITERAL_MEMBER_KEY],
    ['a plain index into a map that holds outside text', UNTRUSTED_READ],
  ])('has no %s (use own() or hasOwn() from rules/_core/own.ts)', (_what, pattern) => {
    const found = checked.flatMap((path) =>
      codeLines(path)
        .filter(({ code }) => pattern.test(code))
        .map(({ line, code }) => `${relative(PACKAGE_ROOT, path)}:${line}: ${code.trim()}`),
    );
    expect(found).toEqual([]);
  });

  it('would catch each pattern it looks for', () => {
    expect(IN_WITH_VARIABLE_KEY.test('if (!(key in item.tags)) return')).toBe(true);
    expect(IN_WITH_VARIABLE_KEY.test('for (const key in node as object) {')).toBe(false);
    expect(LITERAL_MEMBER_KEY.test("if ('constructor' in value)")).toBe(true);
    expect(UNTRUSTED_READ.test('const found = template.Mappings?.[map]?.[top];')).toBe(true);
    expect(UNTRUSTED_READ.test('const missing = keys.filter((k) => !tags[k]);')).toBe(true);
    expect(UNTRUSTED_READ.test('tags[t.Key] = value;')).toBe(false);
  });
});
