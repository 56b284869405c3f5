// Tag keys, parameter names and values, supplementary keys and template names spelled like the
// members every JavaScript object inherits (`constructor`, `__proto__`, `toString`...). A lookup
// on a plain object answers for those as if they were there; every map built from outside text
// is read through own-property checks (rules/_core/own.ts). Properties over every rule and the
// command's paths, with generated names, plus the two cases reported against the previous round.
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseStackConfig, StackConfigError } from '../deploy/config.js';
import { UsageError } from '../cli/output.js';
import { parseParamsJson, readParamsFile } from '../cli/rule-params.js';
import { checkTemplate } from '../cli/template/check.js';
import { readParameterValues } from '../cli/template/inputs.js';
import { createResolver } from '../cli/template/intrinsics.js';
import type { Template } from '../cli/template/parse.js';
import { fixturesOf, readJsonFile } from '../cli/local/fixtures.js';
import { inputToEvent } from '../cli/local/input.js';
import { localSources } from '../cli/local/sources.js';
import { FIXTURES_DIR } from '../cli/paths.js';
import { evaluateEvent, evaluateItem, paramsFor } from '../rules/_core/engine.js';
import { InvalidParametersError, RuleError } from '../rules/_core/errors.js';
import type { JsonObject } from '../rules/_core/items.js';
import type { Rule } from '../rules/_core/rule.js';
import { ruleById, rules } from '../rules/index.js';
import { fixture } from './support/fixtures.js';
import { memberName } from './support/member-names.js';
import { cli as runCli } from './support/run-cli.js';

const memberNames = fc.uniqueArray(memberName, { minLength: 1, maxLength: 5 });
/** Tags keyed by member names; Object.fromEntries makes `__proto__` an own key, as JSON.parse does. */
const memberTags = fc
  .uniqueArray(fc.tuple(memberName, fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/)), {
    maxLength: 5,
    selector: ([k]) => k,
  })
  .map((entries) => Object.fromEntries(entries) as Record<string, string>);

/** An item as it travels: JSON text, parsed again, so `__proto__` keys are own data, as from Config. */
const asReceived = (raw: object) => inputToEvent(JSON.parse(JSON.stringify(raw)));

/** A rule's first live (OK) change-form fixture, as raw JSON. */
function liveSeed(rule: Rule): JsonObject | undefined {
  for (const f of fixturesOf(FIXTURES_DIR, rule.id)) {
    const raw = readJsonFile(f.path) as JsonObject;
    if ('invokingEvent' in raw || 'configurationItems' in raw) continue;
    if ((raw.configurationItemStatus ?? 'OK') === 'OK' && rule.resourceTypes.includes(raw.resourceType)) return raw;
  }
  return undefined;
}

const TS = '2026-11-20T09:14:03.512Z';

describe('the two cases reported', () => {
  const untaggedNotebook = { ...fixture('sagemaker-notebook-no-direct-internet', 'compliant.disabled.json'), tags: {} };

  it.each([
    [
      'scopeTagKey constructor: an untagged notebook is NOT_APPLICABLE',
      'sagemaker-notebook-no-direct-internet',
      { scopeTagKey: 'constructor' },
      ['NOT_APPLICABLE', 'no tag constructor (scopeTagKey)'],
    ],
    [
      'requiredTagKeys constructor: sagemaker-resource-tagged calls an untagged notebook NON_COMPLIANT',
      'sagemaker-resource-tagged',
      { requiredTagKeys: 'constructor' },
      ['NON_COMPLIANT', 'missing or empty tags: constructor'],
    ],
  ])('%s', async (_case, ruleId, paramOverrides, expected) => {
    const { evaluations } = await evaluateEvent(ruleById(ruleId)!, asReceived(untaggedNotebook), localSources([]), {
      paramOverrides,
    });
    expect(evaluations.map((e) => [e.ComplianceType, e.Annotation])).toEqual([expected]);
  });
});

const RUNS = Math.max(20, Math.ceil(Number(process.env.PROPERTY_RUNS ?? 1000) / 10));

describe.each(rules.map((r) => [r.id, r] as const))('%s, with names of object members', (_id, rule) => {
  const seed = liveSeed(rule);

  it('scopeTagKey is present only when the item carries that very tag', () => {
    if (!seed) throw new Error(`${rule.id} has no live change-form fixture`);
    fc.assert(
      fc.property(
        memberTags,
        memberName,
        fc.option(fc.constantFrom('fraud', 'x'), { nil: undefined }),
        (tags, key, value) => {
          const event = asReceived({ ...seed, tags });
          if (event.kind !== 'change') throw new Error('not a change event');
          const params = paramsFor(rule, { scopeTagKey: key, ...(value ? { scopeTagValue: value } : {}) });
          let annotation: string | undefined;
          let verdict: string;
          try {
            const e = evaluateItem(rule, event.item, params, TS, () => undefined);
            verdict = e.ComplianceType;
            annotation = e.Annotation;
          } catch (error) {
            // A rule that looks something up, or a malformed seed: a typed error, never a TypeError.
            if (!(error instanceof RuleError)) throw error;
            return;
          }
          const carried = Object.hasOwn(tags, key);
          if (!carried) expect([verdict, annotation]).toEqual(['NOT_APPLICABLE', `no tag ${key} (scopeTagKey)`]);
          else if (value !== undefined && tags[key] !== value)
            expect([verdict, annotation]).toEqual(['NOT_APPLICABLE', `tag ${key} is not ${value} (scopeTagValue)`]);
          else expect(annotation ?? '').not.toMatch(/\(scopeTag(Key|Value)\)$/);
        },
      ),
      { numRuns: RUNS, seed: 20261202 },
    );
  });

  it('a parameter named after a member is unknown, and a parameter value that is an object is refused', () => {
    fc.assert(
      fc.property(memberName, memberName, (name, inner) => {
        expect(() => paramsFor(rule, Object.fromEntries([[name, 'x']]))).toThrow(InvalidParametersError);
        const value = Object.fromEntries([[inner, 'x']]);
        for (const param of Object.keys({ scopeTagKey: 1, ...rule.parameters })) {
          expect(() => paramsFor(rule, { [param]: value })).toThrow(
            new RegExp(`parameter "${param}" must be .* as a string, got an object$`),
          );
        }
      }),
      { numRuns: Math.ceil(RUNS / 4), seed: 20261202 },
    );
  });

  it('supplementary values named after members are read as data, never as inherited members', () => {
    if (!seed) throw new Error(`${rule.id} has no live change-form fixture`);
    fc.assert(
      fc.property(memberNames, fc.constantFrom('{"status":"Enabled"}', 'null', 'true', '[]'), (names, value) => {
        const supplementaryConfiguration = {
          ...(seed.supplementaryConfiguration ?? {}),
          ...Object.fromEntries(names.map((n) => [n, value])),
        };
        const event = asReceived({ ...seed, supplementaryConfiguration });
        if (event.kind !== 'change') throw new Error('not a change event');
        for (const n of names) expect(Object.hasOwn(event.item.supplementaryConfiguration, n)).toBe(true);
        try {
          evaluateItem(rule, event.item, paramsFor(rule, {}), TS, () => undefined);
        } catch (error) {
          if (!(error instanceof RuleError)) throw error;
        }
      }),
      { numRuns: Math.ceil(RUNS / 4), seed: 20261202 },
    );
  });
});

describe('requiredTagKeys named after members', () => {
  const tagRules = rules.filter((r) => Object.hasOwn(r.parameters, 'requiredTagKeys'));

  it('covers every rule that takes requiredTagKeys', () => {
    expect(tagRules.map((r) => r.id).sort()).toEqual([
      'sagemaker-endpoint-tagged',
      'sagemaker-pipeline-tagged',
      'sagemaker-resource-tagged',
    ]);
  });

  it.each(tagRules.map((r) => [r.id, r] as const))('%s: missing exactly the keys the item lacks', (_id, rule) => {
    const seed = liveSeed(rule)!;
    fc.assert(
      fc.property(memberTags, memberNames, (tags, required) => {
        const event = asReceived({ ...seed, tags });
        if (event.kind !== 'change') throw new Error('not a change event');
        const e = evaluateItem(
          rule,
          event.item,
          paramsFor(rule, { requiredTagKeys: required.join(',') }),
          TS,
          () => undefined,
        );
        const missing = required.filter((k) => !Object.hasOwn(tags, k));
        if (missing.length === 0) expect(e.ComplianceType).toBe('COMPLIANT');
        else
          expect([e.ComplianceType, e.Annotation]).toEqual([
            'NON_COMPLIANT',
            `missing or empty tags: ${missing.join(', ')}`,
          ]);
      }),
      { numRuns: RUNS, seed: 20261202 },
    );
  });
});

// The command's and the deploy's paths: parameter files and options, template parameter values,
// templates whose Mappings, Parameters, Conditions, Resources and tags carry member names.
describe('the command and the deploy, with names of object members', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'object-members-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('--params and --params-file: a rule id or a parameter named after a member is unknown, an object value refused', () => {
    fc.assert(
      fc.property(memberName, (name) => {
        expect(() => parseParamsJson(JSON.stringify(Object.fromEntries([[name, {}]])))).toThrow(
          `--params: unknown rule id "${name}"`,
        );
        expect(() =>
          parseParamsJson(JSON.stringify({ 'sagemaker-resource-tagged': Object.fromEntries([[name, 'x']]) })),
        ).toThrow(`rule sagemaker-resource-tagged: unknown parameter "${name}"`);
        expect(() =>
          parseParamsJson(
            JSON.stringify({ 'sagemaker-resource-tagged': { requiredTagKeys: Object.fromEntries([[name, 'x']]) } }),
          ),
        ).toThrow('parameter "requiredTagKeys" must be a string, number, boolean or list of strings');
        const file = join(scratch, 'params.yaml');
        writeFileSync(file, `${name}:\n  requiredTagKeys: team\n`);
        expect(() => readParamsFile(file)).toThrow(UsageError);
      }),
      { numRuns: 40, seed: 20261202 },
    );
  });

  it('the deploy refuses a stack key or a parameter named after a member', () => {
    fc.assert(
      fc.property(memberName, (name) => {
        expect(() => parseStackConfig(JSON.parse(`{${JSON.stringify(name)}: "x"}`))).toThrow(StackConfigError);
        const parameters = JSON.stringify({ 'sagemaker-resource-tagged': Object.fromEntries([[name, 'x']]) });
        expect(() => parseStackConfig({ parameters })).toThrow(`unknown parameter "${name}"`);
      }),
      { numRuns: 40, seed: 20261202 },
    );
  });

  it('--parameters: values named after members are values, own keys of the map', () => {
    fc.assert(
      fc.property(memberTags, (values) => {
        const file = join(scratch, 'parameters.json');
        writeFileSync(file, JSON.stringify(values));
        const read = readParameterValues(file);
        expect(Object.keys(read).sort()).toEqual(Object.keys(values).sort());
        const resolver = createResolver({ template: { Resources: {} }, parameters: read });
        for (const [k, v] of Object.entries(values)) expect(resolver.resolve({ Ref: k })).toBe(v);
      }),
      { numRuns: 40, seed: 20261202 },
    );
  });

  it('templates: Mappings, Parameters, Conditions and Ref of member names are what the template says, or unresolved', () => {
    fc.assert(
      fc.property(memberName, memberName, memberName, fc.boolean(), (map, top, second, declared) => {
        const template = JSON.parse(
          JSON.stringify({
            Parameters: declared ? Object.fromEntries([[top, { Type: 'String' }]]) : {},
            Mappings: declared
              ? Object.fromEntries([[map, Object.fromEntries([[top, Object.fromEntries([[second, 'Disabled']])]])]])
              : {},
            Conditions: {},
            Resources: {},
          }),
        ) as Template;
        const resolver = createResolver({ template, parameters: {} });
        expect(resolver.resolve({ 'Fn::FindInMap': [map, top, second] })).toBe(
          declared ? 'Disabled' : `⟨FindInMap ${map}.${top}.${second}⟩`,
        );
        expect(resolver.resolve({ Ref: top })).toBe(`⟨Ref ${top}⟩`);
        expect(resolver.resolve({ 'Fn::Sub': `x-\${${second}}` })).toBe(`x-⟨Ref ${second}⟩`);
        expect(resolver.condition(map)).toBeUndefined();
      }),
      { numRuns: 60, seed: 20261202 },
    );
  });

  it('templates: resources and tags named after members are judged as any other', () => {
    const rule = ruleById('sagemaker-resource-tagged')!;
    fc.assert(
      fc.property(memberName, memberTags, memberNames, (logicalId, tags, required) => {
        const template = JSON.parse(
          JSON.stringify({
            Resources: Object.fromEntries([
              [
                logicalId,
                {
                  Type: 'AWS::SageMaker::Model',
                  Properties: { Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) },
                },
              ],
            ]),
          }),
        ) as Template;
        const findings = checkTemplate('t.json', template, [rule], {
          params: { [rule.id]: { requiredTagKeys: required.join(',') } },
        });
        const missing = required.filter((k) => !Object.hasOwn(tags, k));
        expect(findings.map((f) => [f.logicalId, f.ComplianceType])).toEqual([
          [logicalId, missing.length === 0 ? 'COMPLIANT' : 'NON_COMPLIANT'],
        ]);
      }),
      { numRuns: 60, seed: 20261202 },
    );
  });

  it('evaluate --params with a member-named parameter or an object value exits 2 with one line', async () => {
    const file = join(scratch, 'notebook.json');
    writeFileSync(file, JSON.stringify(fixture('sagemaker-notebook-no-direct-internet', 'compliant.disabled.json')));
    for (const [params, message] of [
      ['{"constructor":"x"}', 'rule sagemaker-notebook-no-direct-internet: unknown parameter "constructor"'],
      ['{"__proto__":"x"}', 'rule sagemaker-notebook-no-direct-internet: unknown parameter "__proto__"'],
      [
        '{"scopeTagKey":{"toString":"x"}}',
        'parameter "scopeTagKey" must be a string, number, boolean or list of strings',
      ],
    ] as const) {
      const run = await runCli([
        'evaluate',
        file,
        '--rule',
        'sagemaker-notebook-no-direct-internet',
        '--params',
        params,
      ]);
      expect(run.code).toBe(2);
      expect(run.stderr.split('\n')).toHaveLength(2);
      expect(run.stderr).toContain(message);
    }
  });
});
