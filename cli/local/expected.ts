// The annotation a fixture expects, beside the verdict its file name gives: `_expected.json` in the
// rule's fixture folder maps each fixture file to
//   { "annotation": "the exact text" }            the annotation, character for character;
//   { "annotation": null }                         no annotation at all;
//   { "annotationPattern": "^a regular expression" } for text with a part that may vary.
// A sidecar file, like `_params.json`, keeps the fixtures themselves Config's own events and items:
// `record` writes them as Config serves them, and a field of ours inside one would be a field Config
// never sends (and the item schemas would have to learn to ignore it).
import { InvalidFixtureError } from '../../rules/_core/errors.js';

export type AnnotationExpectation = { annotation: string | null } | { annotationPattern: string };

export const EXPECTED_FILE = '_expected.json';

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** One entry of `_expected.json`, checked: exactly one of `annotation` (a string or null) and `annotationPattern`. */
export function parseExpectation(value: unknown, where: string): AnnotationExpectation {
  if (!isPlainObject(value)) throw new InvalidFixtureError(`${where} must be an object`);
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'annotation') {
    const text = value.annotation;
    if (text === null || (typeof text === 'string' && text !== '')) return { annotation: text };
    throw new InvalidFixtureError(`${where}: annotation must be a non-empty string, or null for none`);
  }
  if (keys.length === 1 && keys[0] === 'annotationPattern') {
    const pattern = value.annotationPattern;
    if (typeof pattern !== 'string' || pattern === '')
      throw new InvalidFixtureError(`${where}: annotationPattern must be a non-empty regular expression`);
    try {
      new RegExp(pattern, 'u');
    } catch (e) {
      throw new InvalidFixtureError(`${where}: annotationPattern is not a regular expression: ${(e as Error).message}`);
    }
    return { annotationPattern: pattern };
  }
  throw new InvalidFixtureError(`${where} must have exactly one of annotation and annotationPattern`);
}

/** `_expected.json`, parsed: fixture file name → its expectation. */
export function parseExpectedFile(value: unknown, path: string): Record<string, AnnotationExpectation> {
  if (!isPlainObject(value)) {
    throw new InvalidFixtureError(`${path} must be a JSON object of fixture file names to expected annotations`);
  }
  const out: Record<string, AnnotationExpectation> = Object.create(null);
  for (const [file, entry] of Object.entries(value)) out[file] = parseExpectation(entry, `${path}: ${file}`);
  return out;
}

const quoted = (text: string | undefined) => (text === undefined ? 'no annotation' : JSON.stringify(text));

/** Why an annotation does not meet the expectation, or undefined when it does. */
export function annotationMismatch(expected: AnnotationExpectation, actual: string | undefined): string | undefined {
  if ('annotationPattern' in expected) {
    if (actual !== undefined && new RegExp(expected.annotationPattern, 'u').test(actual)) return undefined;
    return `expected an annotation matching /${expected.annotationPattern}/, got ${quoted(actual)}`;
  }
  const want = expected.annotation ?? undefined;
  return want === actual ? undefined : `expected ${quoted(want)}, got ${quoted(actual)}`;
}
