// Fixtures: fixtures/<rule-id>/<verdict>.<case>.json, verdict = compliant | non-compliant |
// not-applicable. A fixture is a bare configuration item (event form or API form), evaluated as the
// change event Config would send for it, or a whole Config event where the event itself is under
// test (oversized, scheduled, snapshot delivery, eventLeftScope). A folder may hold `_lookup/` (items
// a lookup or an oversized fetch may return), `_params.json` (file name → rule parameters, merged
// like the command's --params; a bare item's only parameters) and `_expected.json` (file name → the
// annotation the fixture expects, see expected.ts): a fixture passes when both verdict and
// annotation are the expected ones.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateEvent } from '../../rules/_core/engine.js';
import { assertDepth } from '../../rules/_core/depth.js';
import { InvalidEventError, InvalidFixtureError } from '../../rules/_core/errors.js';
import { annotationMismatch, EXPECTED_FILE, parseExpectedFile, type AnnotationExpectation } from './expected.js';
import { inputToEvent } from './input.js';
import { normaliseItem, type ConfigItem } from '../../rules/_core/items.js';
import { localSources } from './sources.js';
import type { RawParams } from '../../rules/_core/params.js';
import type { ComplianceType, Rule } from '../../rules/_core/rule.js';
import type { Suppression } from '../../rules/_core/suppressions.js';

export const VERDICT_PREFIXES: Record<string, ComplianceType> = {
  compliant: 'COMPLIANT',
  'non-compliant': 'NON_COMPLIANT',
  'not-applicable': 'NOT_APPLICABLE',
};
const FIXTURE_NAME = /^(compliant|non-compliant|not-applicable)\.([a-z0-9][a-z0-9-]*)\.json$/;

export interface Fixture {
  ruleId: string;
  file: string;
  path: string;
  expected: ComplianceType;
  caseName: string;
  params: RawParams;
  lookups: ConfigItem[];
  /** From `_expected.json`; a fixture without one fails, saying so. */
  expectedAnnotation?: AnnotationExpectation;
}

export interface FixtureResult {
  fixture: Fixture;
  ok: boolean;
  actual?: ComplianceType;
  annotation?: string;
  error?: string;
  /** Why a fixture that ran failed: the verdict, or the annotation, that was not the expected one. */
  failure?: string;
  /** The reason of a suppression (--suppressions) that covers the fixture's resource. */
  suppressed?: string;
}

export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InvalidEventError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new InvalidEventError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
  assertDepth(value, path);
  return value;
}

/** Items in a lookup file: one item, an array of items, or an API response with `configurationItems`. */
export function readItems(path: string): ConfigItem[] {
  const value = readJsonFile(path) as any;
  const list = Array.isArray(value) ? value : (value?.configurationItems ?? value?.baseConfigurationItems ?? [value]);
  return list.map(normaliseItem);
}

export const isFixtureName = (name: string) => FIXTURE_NAME.test(name);

const ACCOUNT = '123456789012';
// An opaque token as Config sends one; PutEvaluations hands it back.
const RESULT_TOKEN =
  'eyJlbmNyeXB0ZWREYXRhIjpbLTEyOCw0NSwxMDBdLCJtYXRlcmlhbFNldFNlcmlhbE51bWJlciI6MSwiaXZQYXJhbWV0ZXJTcGVjIjp7' +
  'Iml2IjpbMTIsLTgxXX19';

/**
 * The Config rule event for an event-form configuration item, as Config invokes a rule's Lambda on a
 * change: `invokingEvent` and `ruleParameters` are JSON strings. Shape from the developer guide,
 * https://docs.aws.amazon.com/config/latest/developerguide/evaluate-config_develop-rules_example-events.html
 */
export function changeEventFor(item: Record<string, any>, ruleId: string, ruleParameters: RawParams = {}) {
  return {
    version: '1.0',
    invokingEvent: JSON.stringify({
      configurationItemDiff: null,
      configurationItem: item,
      notificationCreationTime: item.configurationItemCaptureTime ?? '2026-11-20T09:14:05.118Z',
      messageType: 'ConfigurationItemChangeNotification',
      recordVersion: '1.3',
    }),
    ruleParameters: JSON.stringify(ruleParameters),
    resultToken: RESULT_TOKEN,
    eventLeftScope: false,
    executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
    configRuleArn: `arn:aws:config:us-east-1:${ACCOUNT}:config-rule/config-rule-8fngan`,
    configRuleName: `ml-${ruleId}`,
    configRuleId: 'config-rule-8fngan',
    accountId: item.awsAccountId ?? ACCOUNT,
  };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** `_params.json`: an object of fixture file names to parameter objects. */
function paramsFile(path: string): Record<string, RawParams> {
  const value = readJsonFile(path);
  if (!isPlainObject(value)) {
    throw new InvalidFixtureError(`${path} must be a JSON object of fixture file names to parameter objects`);
  }
  const out: Record<string, RawParams> = Object.create(null);
  for (const [file, params] of Object.entries(value)) {
    if (!isPlainObject(params)) {
      throw new InvalidFixtureError(`${path}: the parameters of ${file} must be a JSON object`);
    }
    out[file] = params;
  }
  return out;
}

export function fixturesOf(root: string, ruleId: string): Fixture[] {
  const dir = join(root, ruleId);
  if (!existsSync(dir)) return [];
  const lookupDir = join(dir, '_lookup');
  if (existsSync(lookupDir) && !statSync(lookupDir).isDirectory()) {
    throw new InvalidFixtureError(`${lookupDir} must be a folder of lookup items`);
  }
  const lookups = existsSync(lookupDir)
    ? readdirSync(lookupDir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .flatMap((f) => readItems(join(lookupDir, f)))
    : [];
  const paramsPath = join(dir, '_params.json');
  const paramsByFile = existsSync(paramsPath) ? paramsFile(paramsPath) : {};
  const expectedPath = join(dir, EXPECTED_FILE);
  const expectedByFile = existsSync(expectedPath) ? parseExpectedFile(readJsonFile(expectedPath), expectedPath) : {};
  return readdirSync(dir)
    .filter((f) => FIXTURE_NAME.test(f))
    .sort()
    .map((file) => {
      const [, verdict, caseName] = FIXTURE_NAME.exec(file)!;
      return {
        ruleId,
        file,
        path: join(dir, file),
        expected: VERDICT_PREFIXES[verdict!]!,
        caseName: caseName!,
        params: paramsByFile[file] ?? {},
        lookups,
        ...(expectedByFile[file] ? { expectedAnnotation: expectedByFile[file] } : {}),
      };
    });
}

/** Why a fixture's outcome is not the one it expects (verdict first, then annotation), or undefined. */
export function fixtureFailure(fixture: Fixture, actual: ComplianceType, annotation: string | undefined) {
  if (actual !== fixture.expected) return `expected ${fixture.expected}, got ${actual}`;
  if (!fixture.expectedAnnotation) return `no expected annotation: give ${fixture.file} one in ${EXPECTED_FILE}`;
  const mismatch = annotationMismatch(fixture.expectedAnnotation, annotation);
  return mismatch && `annotation: ${mismatch}`;
}

/** Evaluate one fixture as the command's `evaluate` would, and compare with its expected verdict and annotation. */
export async function runFixture(
  rule: Rule,
  fixture: Fixture,
  suppressions: readonly Suppression[] = [],
): Promise<FixtureResult> {
  try {
    const event = inputToEvent(readJsonFile(fixture.path));
    const { evaluations } = await evaluateEvent(rule, event, localSources(fixture.lookups), {
      paramOverrides: fixture.params,
      suppressions,
    });
    if (evaluations.length !== 1) {
      return { fixture, ok: false, error: `expected one evaluation, got ${evaluations.length}` };
    }
    // A suppressed fixture is still judged on the verdict its rule gave, which the suppression kept.
    const e = evaluations[0]!;
    const own = e.suppressed ?? e;
    const failure = fixtureFailure(fixture, own.ComplianceType, own.Annotation);
    return {
      fixture,
      ok: failure === undefined,
      actual: own.ComplianceType,
      ...(own.Annotation ? { annotation: own.Annotation } : {}),
      ...(failure ? { failure } : {}),
      ...(e.suppressed ? { suppressed: e.suppressed.reason } : {}),
    };
  } catch (error) {
    return { fixture, ok: false, error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}
