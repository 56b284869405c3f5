// Adding a rule = one rule file + one registry line + one fixture folder. This guard fails when
// any of the three is missing, an id is duplicated, or a fixture folder is orphaned.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPECTED_FILE } from '../cli/local/expected.js';
import { fixturesOf, isFixtureName, readJsonFile } from '../cli/local/fixtures.js';
import { inventoryLoaders, inventoryModules } from '../rules/_inventory/index.js';
import { SEVERITIES, type ControlSource } from '../rules/_core/rule.js';
import { rules } from '../rules/index.js';
import { checkedTypes, sampleItem } from '../cli/commands/sample.js';
import { FIXTURES_DIR, PACKAGE_ROOT } from '../cli/paths.js';

const RULES_DIR = join(PACKAGE_ROOT, 'rules');
const ruleFiles = readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.startsWith('_'));

describe('registry', () => {
  it('has unique ids', () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('registers every rule file, under the id that is its file name', async () => {
    const registered = new Set(rules);
    for (const file of ruleFiles) {
      const mod = await import(join(RULES_DIR, file));
      expect(mod.default?.id, file).toBe(file.replace(/\.ts$/, ''));
      expect(registered.has(mod.default), `${file} is not in rules/index.ts`).toBe(true);
    }
    expect(rules.length).toBe(ruleFiles.length);
  });

  it('lists the rules in alphabetical order of id, imports in the same order', () => {
    const ids = rules.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    const source = readFileSync(join(RULES_DIR, 'index.ts'), 'utf8');
    const imported = [...source.matchAll(/^import \w+ from '\.\/([a-z0-9-]+)\.js';$/gm)].map((m) => m[1]);
    expect(imported).toEqual(ids);
  });

  it('keeps metadata within what Config accepts', () => {
    for (const rule of rules) {
      expect(rule.id, rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      // Config rule names are at most 128 characters, with room for a deploy prefix.
      expect(rule.id.length, rule.id).toBeLessThanOrEqual(96);
      expect(rule.description.length, rule.id).toBeLessThanOrEqual(256);
      expect(rule.resourceTypes.length, rule.id).toBeGreaterThan(0);
      expect(rule.resourceTypes.length, rule.id).toBeLessThanOrEqual(100);
    }
  });

  it('gives every rule a severity, a rationale and a remediation of one paragraph each', () => {
    for (const rule of rules) {
      expect(SEVERITIES, rule.id).toContain(rule.severity);
      for (const [field, text] of [
        ['rationale', rule.rationale],
        ['manualRemediation', rule.manualRemediation],
      ] as const) {
        // One paragraph of prose: a page section, a SARIF help text, a cell of `list --format json`.
        expect(text.length, `${rule.id}: ${field}`).toBeGreaterThan(80);
        expect(text, `${rule.id}: ${field} is one paragraph`).not.toMatch(/\n/);
        expect(text, `${rule.id}: ${field}`).toMatch(/[.)]$/);
      }
    }
  });

  it('names peer controls by their id in their source', () => {
    // How each source spells its ids: Security Hub S3.5 / SageMaker.1, managed rules in capitals,
    // Prowler check names in snake case, cdk-nag AwsSolutions-*.
    const idFormat: Record<ControlSource, RegExp> = {
      securityhub: /^(S3|SageMaker)\.\d+$/,
      'managed-rule': /^[A-Z0-9_*]+$/,
      prowler: /^[a-z0-9_]+$/,
      'cdk-nag': /^AwsSolutions-[A-Z0-9]+$/,
      'conformance-pack': /^[A-Za-z0-9 ]+$/,
    };
    for (const rule of rules) {
      for (const control of rule.controls) {
        expect(control.id, `${rule.id}: ${control.source}`).toMatch(idFormat[control.source]);
        expect(
          Object.keys(control).every((k) => ['source', 'id', 'note'].includes(k)),
          rule.id,
        ).toBe(true);
      }
      expect(new Set(rule.controls.map((c) => `${c.source}:${c.id}`)).size, rule.id).toBe(rule.controls.length);
    }
  });

  it('has an inventory adapter for every type an inventory rule lists', () => {
    for (const rule of rules.filter((r) => r.source === 'inventory')) {
      expect(rule.trigger, rule.id).not.toBe('change');
      for (const type of rule.resourceTypes) expect(inventoryModules[type], `${rule.id}: ${type}`).toBeDefined();
    }
  });
});

describe('fixtures', () => {
  it('has a folder for every rule with compliant and non-compliant fixtures', () => {
    for (const rule of rules) {
      const verdicts = new Set(fixturesOf(FIXTURES_DIR, rule.id).map((f) => f.expected));
      expect(verdicts.has('COMPLIANT'), `${rule.id} has no compliant fixture`).toBe(true);
      expect(verdicts.has('NON_COMPLIANT'), `${rule.id} has no non-compliant fixture`).toBe(true);
    }
  });

  it('has no orphan folders and no stray files', () => {
    const ids = new Set(rules.map((r) => r.id));
    for (const entry of readdirSync(FIXTURES_DIR)) {
      if (entry.startsWith('_')) continue;
      expect(ids.has(entry), `fixtures/${entry} belongs to no rule`).toBe(true);
      for (const file of readdirSync(join(FIXTURES_DIR, entry))) {
        const path = join(FIXTURES_DIR, entry, file);
        if (file === '_lookup' && statSync(path).isDirectory()) continue;
        if (file === '_params.json' || file === EXPECTED_FILE) continue;
        expect(isFixtureName(file), `fixtures/${entry}/${file} is not <verdict>.<case>.json`).toBe(true);
      }
    }
  });

  it('states the expected annotation of every fixture, and of no fixture that does not exist', () => {
    for (const rule of rules) {
      const fixtures = fixturesOf(FIXTURES_DIR, rule.id);
      for (const f of fixtures)
        expect(f.expectedAnnotation, `${rule.id}/${f.file} has no entry in ${EXPECTED_FILE}`).toBeDefined();
      const named = Object.keys(readJsonFile(join(FIXTURES_DIR, rule.id, EXPECTED_FILE)) as object);
      expect(named.sort(), `${EXPECTED_FILE} of ${rule.id}`).toEqual(fixtures.map((f) => f.file).sort());
    }
  });

  it('only gives parameters to fixtures that exist', () => {
    for (const rule of rules) {
      const path = join(FIXTURES_DIR, rule.id, '_params.json');
      if (!existsSync(path)) continue;
      for (const file of Object.keys(readJsonFile(path) as object)) {
        expect(existsSync(join(FIXTURES_DIR, rule.id, file)), `_params.json of ${rule.id} names ${file}`).toBe(true);
      }
    }
  });

  it('offers a sample item for every resource type the rules check', () => {
    for (const type of checkedTypes()) expect(sampleItem(type)?.resourceType, type).toBe(type);
  });
});

it('loads each inventory adapter from the module the bundle entries name', async () => {
  for (const [type, module] of Object.entries(inventoryModules)) {
    const { default: adapter } = await import(
      `../rules/_inventory/${module.slice('./'.length).replace(/\.js$/, '.ts')}`
    );
    expect(await inventoryLoaders[type]!(), type).toBe(adapter);
  }
});
