// Keeps spreads of arrays into calls out of rules/, cli/ and deploy/, by parsing their source.
// `items.push(...listed)`, `Math.max(...times)` and `f.apply(this, list)` pass every element as
// an argument on the stack, and V8 throws `RangeError: Maximum call stack size exceeded` past
// roughly 125,000 of them: a scan of 150,000 endpoints judged none (issue 23). Append with
// append() from rules/_core/arrays.ts or a loop, and take extremes with maxOf()/minOf(). The
// behaviour at that size is tested in test/large-listings.test.ts; this guard names the line.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../cli/paths.js';

/**
 * Spreads that stay, as `path: the call's text`, each with why its length is fixed and small.
 * None so far: a spread of an array literal (`f(...[a, b])`) is fixed by its text and is allowed.
 */
const ALLOWED = new Set<string>([]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** `path:line: call` for each call that spreads a non-literal into its arguments, or applies a list. */
function spreadCalls(path: string, text: string): string[] {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (call: ts.Node) => {
    const where = `${path}:${file.getLineAndCharacterOfPosition(call.getStart()).line + 1}`;
    const code = call.getText().replace(/\s+/g, ' ');
    if (!ALLOWED.has(`${path}: ${code}`)) found.push(`${where}: ${code.slice(0, 120)}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const spreads = (node.arguments ?? []).filter(
        (a) => ts.isSpreadElement(a) && !ts.isArrayLiteralExpression(a.expression),
      );
      // fn.apply(thisArg, list) spreads as well; Pulumi's output.apply(callback) takes one argument.
      const applies =
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        node.expression.name.text === 'apply' &&
        node.arguments.length === 2;
      if (spreads.length > 0 || applies) report(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

const checked = ['rules', 'cli', 'deploy'].flatMap((d) => sources(join(PACKAGE_ROOT, d)));

describe('calls in rules/, cli/ and deploy/', () => {
  it('reads some source at all', () => {
    expect(checked.length).toBeGreaterThan(100);
  });

  it('spread no array into their arguments (use append(), maxOf() or a loop: rules/_core/arrays.ts)', () => {
    const found = checked.flatMap((path) => spreadCalls(relative(PACKAGE_ROOT, path), readFileSync(path, 'utf8')));
    expect(found).toEqual([]);
  });

  it('would catch each form it looks for, and only those', () => {
    const flagged = (code: string) => spreadCalls('x.ts', code).length > 0;
    expect(flagged('items.push(...(await adapter.list(context)));')).toBe(true);
    expect(flagged('rows.push(\n  ...listing,\n);')).toBe(true);
    expect(flagged('const last = Math.max(...times);')).toBe(true);
    expect(flagged('const s = String.fromCharCode(...bytes);')).toBe(true);
    expect(flagged('const d = new Date(...parts);')).toBe(true);
    expect(flagged('out.push.apply(out, items);')).toBe(true);
    expect(flagged('const all = [...items, ...more];')).toBe(false);
    expect(flagged('const o = { ...a, b };')).toBe(false);
    expect(flagged('f(...[a, b]);')).toBe(false);
    expect(flagged('const json = output.apply((v) => JSON.stringify(v));')).toBe(false);
    expect(flagged('function f(...args: string[]) {}')).toBe(false);
  });
});
