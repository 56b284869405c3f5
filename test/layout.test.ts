// rules/ holds only what a Lambda bundle may contain: the rules, the protocol (rules/_core) and the
// inventory adapters. What serves only the command (direct adapters, fixtures, local input) lives
// under cli/, so the folder keeps it out of every bundle: no file under rules/ imports from outside.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const RULES_DIR = join(fileURLToPath(import.meta.url), '..', '..', 'rules');

const sourcesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourcesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

/** Relative specifiers of static imports, re-exports and dynamic imports. */
const relativeImports = (text: string): string[] =>
  [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)['"`](\.[^'"`]+)['"`]/g)].map((m) => m[1]!);

it('lets no file under rules/ import from outside rules/', () => {
  const files = sourcesUnder(RULES_DIR);
  expect(files.length).toBeGreaterThan(40);
  const escaping = files.flatMap((file) =>
    relativeImports(readFileSync(file, 'utf8'))
      .filter((spec) => relative(RULES_DIR, resolve(dirname(file), spec)).startsWith(`..${sep}`))
      .map((spec) => `${relative(RULES_DIR, file)} imports ${spec}`),
  );
  expect(escaping).toEqual([]);
});

it('sees an import that leaves rules/', () => {
  const file = join(RULES_DIR, '_core', 'engine.ts');
  const [spec] = relativeImports(`import { directLoaders } from '../../cli/direct/index.js';`);
  expect(relative(RULES_DIR, resolve(dirname(file), spec!)).startsWith(`..${sep}`)).toBe(true);
});
