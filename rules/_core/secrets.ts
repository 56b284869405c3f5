// One secret detector, shared by the rule `sagemaker-notebook-lifecycle-no-secrets` (scripts in
// a lifecycle configuration) and by `record` (what it scrubs, and its last pass before a fixture
// is written). Two layers:
//  - token formats, from secretlint's recommended preset (./secret-formats.ts), and JSON Web
//    Tokens, read by their header (./secret-names.ts): a credential by its shape, wherever it is,
//    comments included (a real token in a comment has leaked all the same);
//  - the project's name-and-assignment layer (./secret-names.ts): a literal given to a name that
//    holds a secret, in shell, Python, YAML, INI, JSON, netrc, .npmrc, command-line flags,
//    headers, connection strings and URL queries. A policy rather than a proof: comments and
//    placeholders are not judged by it.
// Findings name the line, the form and the variable, never the matched value: annotations end up
// in Config's compliance history, and a detector that echoed a secret would leak it there.
import { findTokenFormats } from './secret-formats.js';
import { lineAt, lineStarts } from './line-numbers.js';
import {
  assignmentsOf,
  generatedWords,
  isJwt,
  isKeyName,
  isLiteral,
  isSecretName,
  JWT_CANDIDATE,
  looksRandom,
  withoutComment,
} from './secret-names.js';

/** The marker `record` writes where a secret was; the last pass lets values holding it through. */
export const REDACTED = 'REDACTED';

export interface SecretFinding {
  /** 1-based line of the text. */
  line: number;
  /** What was found, e.g. `GitHub token`, `AWS access key id`. */
  form: string;
  /** The variable (or CLI setting) the value was assigned to, when there is one. */
  variable?: string;
}

/** A finding and where its value is in the text (for `record`, which replaces it). */
export interface LocatedSecret extends SecretFinding {
  start: number;
  end: number;
  value: string;
}

const NAMED = 'set to a literal value';
const ACCESS_KEY = 'AWS access key id';
const PRIVATE_KEY_HEADER = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----/g;

/**
 * Where `record` took out a token that had no name: `REDACTED[GitHub_token]`. The form stays, so
 * the rule judges a recorded script as it judged the original; the value is gone.
 */
export const tokenMarker = (form: string): string => `${REDACTED}[${form.replace(/ /g, '_')}]`;
const TOKEN_MARKER = new RegExp(`${REDACTED}\\[([A-Za-z0-9_.()-]+)\\]`, 'g');

/** Tokens by their shape: the preset's formats, JWTs, private key headers and record's markers. */
function shapedSecrets(text: string, starts: number[]): LocatedSecret[] {
  const at = (start: number, end: number, form: string): LocatedSecret => ({
    line: lineAt(starts, start),
    form,
    start,
    end,
    value: text.slice(start, end),
  });
  // A value record already replaced is judged by its marker, not taken for a token again.
  const found = findTokenFormats(text)
    .map((f) => at(f.start, f.end, f.form))
    .filter((f) => !f.value.includes(REDACTED));
  for (const m of text.matchAll(JWT_CANDIDATE)) {
    if (isJwt(m[0])) found.push(at(m.index!, m.index! + m[0].length, 'JSON Web Token'));
  }
  for (const m of text.matchAll(PRIVATE_KEY_HEADER))
    found.push(at(m.index!, m.index! + m[0].length, 'private key block'));
  for (const m of text.matchAll(TOKEN_MARKER)) {
    found.push(at(m.index!, m.index! + m[0].length, m[1]!.replace(/_/g, ' ')));
  }
  // One finding per place, the one that starts first (the longer at one start): a private key the
  // preset reports over its header, a JWT over a token its signature happens to end with. Sorted by
  // start, an earlier finding overlaps this one exactly when it ends after this one starts.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  return found.filter((f, i) => !found.slice(0, i).some((g) => f.start < g.end));
}

/** Literals given to a secret's name (or to a `*KEY` name, when the value looks generated). */
function namedSecrets(text: string, starts: number[]): LocatedSecret[] {
  const found: LocatedSecret[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = withoutComment(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
    const seen = new Set<string>();
    for (const a of assignmentsOf(line)) {
      const value = line.slice(a.start, a.end);
      const secret = isSecretName(a.name) || (isKeyName(a.name) && looksRandom(value));
      const key = `${a.start}:${a.end}`;
      if (!secret || seen.has(key) || !isLiteral(a, value)) continue;
      seen.add(key);
      const start = starts[i]! + a.start;
      found.push({ line: i + 1, form: NAMED, variable: a.name, start, end: start + value.length, value });
    }
  });
  return found;
}

/** Everything the detector finds, with each value's place, in line order. */
export function locateSecrets(text: string): LocatedSecret[] {
  const starts = lineStarts(text);
  const shaped = shapedSecrets(text, starts);
  const named = namedSecrets(text, starts);
  const within = (inner: LocatedSecret, outer: LocatedSecret) => inner.start >= outer.start && inner.end <= outer.end;
  // An access key id is reported as such, whichever variable holds it; any other token given to a
  // named variable is reported once, by the variable's name.
  const isAccessKey = (f: LocatedSecret) => f.form === ACCESS_KEY;
  const keptNamed = named.filter((n) => !shaped.some((s) => isAccessKey(s) && within(s, n)));
  const keptShaped = shaped.filter((s) => isAccessKey(s) || !named.some((n) => within(s, n) || within(n, s)));
  const rank = (f: LocatedSecret) => (isAccessKey(f) ? 0 : f.variable === undefined ? 1 : 2);
  return [...keptShaped, ...keptNamed].sort((a, b) => a.line - b.line || rank(a) - rank(b) || a.start - b.start);
}

const strip = ({ line, form, variable }: LocatedSecret): SecretFinding =>
  variable === undefined ? { line, form } : { line, form, variable };

/** Everything a script must not hold, one finding per form and variable and line. */
export function findSecrets(text: string): SecretFinding[] {
  return locateSecrets(text).map(strip);
}

/** `line 3: GITHUB_TOKEN set to a literal value`, `line 2: GitHub token`: never the value. */
export function describeFinding(f: SecretFinding): string {
  return f.variable ? `line ${f.line}: ${f.variable} ${f.form}` : `line ${f.line}: ${f.form}`;
}

// A private key block with key material after its header (record keeps the header, drops the body).
const PRIVATE_KEY_WITH_BODY =
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----\s*(?:[A-Za-z-]+:[^\n]*\n\s*)*([A-Za-z0-9+/=]{16,})/g;

/**
 * The credential form a text still holds, for record's last pass; undefined when clean. Everything
 * the detector finds counts, except where `record` put its marker. `name` is the key the text is
 * stored under: a literal under a secret's name is one, and so is a generated-looking value under
 * a `*KEY` name. `value` says the text is a value in its own right (a tag value, a parameter
 * default), where a JWT or a generated-looking string is taken for a credential whatever its name.
 */
export function secretShaped(text: string, name?: string, value = false): string | undefined {
  const whole = { raw: text, kind: 'colon' as const };
  if (name !== undefined && isSecretName(name) && isLiteral(whole, text) && !text.includes(REDACTED))
    return `literal under ${name}`;
  if (name !== undefined && isKeyName(name) && looksRandom(text)) return `generated-looking value under ${name}`;
  if (value && (isJwt(text) || looksRandom(text))) return isJwt(text) ? 'JSON Web Token' : 'generated-looking value';
  for (const m of text.matchAll(PRIVATE_KEY_WITH_BODY)) if (!m[1]!.includes(REDACTED)) return 'private key block';
  const left = locateSecrets(text).find((f) => !f.value.includes(REDACTED) && f.form !== 'private key block');
  if (left) return left.variable ? `literal ${left.variable}` : left.form;
  if (generatedWords(text).some((w) => !text.slice(w.start, w.end).includes(REDACTED))) return 'generated-looking word';
  return undefined;
}
