// The fixture oracle: `_expected.json` states each fixture's annotation beside the verdict in its
// name, and `test` fails a fixture whose verdict or annotation is not the expected one, naming both.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testCommand } from '../cli/commands/test.js';
import { annotationMismatch, parseExpectation, parseExpectedFile } from '../cli/local/expected.js';
import { fixturesOf, runFixture } from '../cli/local/fixtures.js';
import { InvalidFixtureError } from '../rules/_core/errors.js';
import { ruleById } from '../rules/index.js';
import { fixturePath } from './support/fixtures.js';

const NOTEBOOK = 'sagemaker-notebook-no-direct-internet';

describe('an expectation', () => {
  it.each([
    [{ annotation: 'DirectInternetAccess is Enabled' }],
    [{ annotation: null }],
    [{ annotationPattern: '^DirectInternetAccess is \\w+$' }],
  ])('%j is read as written', (entry) => {
    expect(parseExpectation(entry, 'x')).toEqual(entry);
  });

  it.each([
    ['not an object', 'DirectInternetAccess is Enabled', /must be an object/],
    ['both forms', { annotation: 'a', annotationPattern: 'a' }, /exactly one of annotation and annotationPattern/],
    ['neither form', { note: 'a' }, /exactly one of annotation and annotationPattern/],
    ['an empty annotation', { annotation: '' }, /non-empty string, or null/],
    ['a number', { annotation: 3 }, /non-empty string, or null/],
    ['a broken pattern', { annotationPattern: '(' }, /not a regular expression/],
    ['an empty pattern', { annotationPattern: '' }, /non-empty regular expression/],
  ])('refuses %s, naming the fixture', (_case, entry, message) => {
    expect(() => parseExpectation(entry, '_expected.json: compliant.x.json')).toThrow(InvalidFixtureError);
    expect(() => parseExpectation(entry, '_expected.json: compliant.x.json')).toThrow(message);
    expect(() => parseExpectation(entry, '_expected.json: compliant.x.json')).toThrow(/compliant\.x\.json/);
  });

  it('refuses a file that is not an object of entries', () => {
    expect(() => parseExpectedFile([], 'f/_expected.json')).toThrow(/f\/_expected\.json must be a JSON object/);
  });

  it('compares exactly, or by pattern, and says what differed', () => {
    expect(annotationMismatch({ annotation: 'a b' }, 'a b')).toBeUndefined();
    expect(annotationMismatch({ annotation: 'a b' }, 'a c')).toBe('expected "a b", got "a c"');
    expect(annotationMismatch({ annotation: null }, undefined)).toBeUndefined();
    expect(annotationMismatch({ annotation: null }, 'a')).toBe('expected no annotation, got "a"');
    expect(annotationMismatch({ annotation: 'a' }, undefined)).toBe('expected "a", got no annotation');
    expect(annotationMismatch({ annotationPattern: '^a \\d$' }, 'a 7')).toBeUndefined();
    expect(annotationMismatch({ annotationPattern: '^a \\d$' }, 'a x')).toBe(
      'expected an annotation matching /^a \\d$/, got "a x"',
    );
    expect(annotationMismatch({ annotationPattern: '.*' }, undefined)).toBe(
      'expected an annotation matching /.*/, got no annotation',
    );
  });
});

describe('test, on a fixture folder of its own', () => {
  let root: string | undefined;
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
    if (root) rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  /** A folder holding one fixture of the notebook rule, with the `_expected.json` given. */
  function folder(source: string, as: string, expected?: unknown): string {
    root = mkdtempSync(join(tmpdir(), 'ml-config-rules-oracle-'));
    mkdirSync(join(root, NOTEBOOK));
    cpSync(fixturePath(NOTEBOOK, source), join(root, NOTEBOOK, as));
    if (expected !== undefined) writeFileSync(join(root, NOTEBOOK, '_expected.json'), JSON.stringify(expected));
    return root;
  }

  async function runTest(dir: string, format = 'table') {
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => {
      out += String(chunk);
      return true;
    });
    process.env.COLUMNS = '240';
    try {
      await testCommand({ rule: NOTEBOOK, format, fixtures: dir });
    } finally {
      delete process.env.COLUMNS;
    }
    return { out, code: process.exitCode };
  }

  it('passes a fixture whose verdict and annotation are the expected ones', async () => {
    const dir = folder('non-compliant.enabled.json', 'non-compliant.enabled.json', {
      'non-compliant.enabled.json': { annotation: 'DirectInternetAccess is Enabled' },
    });
    const run = await runTest(dir);
    expect(run.code).toBeUndefined();
    expect(run.out).toMatch(/1 passed, 0 failed \(1 fixture of 1 rule\)/);
  });

  it('fails a fixture whose annotation differs, naming the fixture and both annotations', async () => {
    const dir = folder('non-compliant.absent-defaults-enabled.json', 'non-compliant.absent.json', {
      'non-compliant.absent.json': { annotation: 'DirectInternetAccess is Enabled' },
    });
    const table = await runTest(dir);
    expect(table.code).toBe(1);
    expect(table.out).toMatch(
      /non-compliant\.absent\.json.*FAIL: annotation: expected "DirectInternetAccess is Enabled"/,
    );
    expect(table.out).toMatch(/0 passed, 1 failed/);
    const json = await runTest(dir, 'json');
    expect(JSON.parse(json.out)[0].failure).toBe(
      'annotation: expected "DirectInternetAccess is Enabled", got "DirectInternetAccess is unset (API default Enabled)"',
    );
  });

  it('fails a fixture whose verdict differs before looking at its annotation', async () => {
    const dir = folder('non-compliant.enabled.json', 'compliant.mislabelled.json', {
      'compliant.mislabelled.json': { annotation: null },
    });
    const run = await runTest(dir, 'json');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.out)).toEqual([
      expect.objectContaining({
        fixture: 'compliant.mislabelled.json',
        ok: false,
        actual: 'NON_COMPLIANT',
        failure: 'expected COMPLIANT, got NON_COMPLIANT',
      }),
    ]);
  });

  it('fails a fixture that states no annotation, saying where to state it', async () => {
    const dir = folder('compliant.disabled.json', 'compliant.disabled.json');
    const [result] = await Promise.all(fixturesOf(dir, NOTEBOOK).map((f) => runFixture(ruleById(NOTEBOOK)!, f)));
    expect(result).toMatchObject({
      ok: false,
      actual: 'COMPLIANT',
      failure: 'no expected annotation: give compliant.disabled.json one in _expected.json',
    });
  });

  it('matches a pattern where the annotation may vary', async () => {
    const dir = folder('non-compliant.enabled.json', 'non-compliant.enabled.json', {
      'non-compliant.enabled.json': { annotationPattern: '^DirectInternetAccess is (Enabled|unset)' },
    });
    const [result] = await Promise.all(fixturesOf(dir, NOTEBOOK).map((f) => runFixture(ruleById(NOTEBOOK)!, f)));
    expect(result).toMatchObject({ ok: true, annotation: 'DirectInternetAccess is Enabled' });
  });

  it('refuses a malformed _expected.json as a fixture folder error', () => {
    const dir = folder('compliant.disabled.json', 'compliant.disabled.json', {
      'compliant.disabled.json': { annotation: '' },
    });
    expect(() => fixturesOf(dir, NOTEBOOK)).toThrow(InvalidFixtureError);
  });
});
