// Scrub a recorded configuration item before it becomes a committed fixture.
//  - By meaning: values of free-form maps (container `Environment`, `HyperParameters`, ...) and
//    values under key-like names (`*Password*`, `*Token*`, ...) become REDACTED; their keys stay,
//    so rules still see which variables exist.
//  - By pattern, in every string: account ids (inside ARNs and anywhere else as 12 digits: ECR
//    hosts, S3 URIs, tag text), e-mail addresses (also inside longer text), and the secrets the
//    shared detector knows (rules/_core/secrets.ts) are replaced.
//  - Strings holding JSON (API-form `configuration`, bucket policies) and base64 payloads
//    (lifecycle `Content`) are decoded, scrubbed and encoded again.
// Each real account maps to one documentation account, and each address to one example address,
// consistently within a fixture, so "same account" and "other account" survive the scrub; the
// item's own account becomes 123456789012.
// `findSurvivingSecret` is the last pass: `record` refuses to write a fixture it flags.
import {
  assignmentsOf,
  generatedWords,
  isJwt,
  isKeyName,
  isLiteral,
  isSecretName,
  looksRandom,
  MIN_LITERAL_LENGTH,
} from '../rules/_core/secret-names.js';
import { dictionary } from '../rules/_core/own.js';
import { UsageError } from './output.js';
import { type LocatedSecret, locateSecrets, REDACTED, secretShaped, tokenMarker } from '../rules/_core/secrets.js';

/** The item's own account, then the other example accounts AWS documentation uses. */
export const EXAMPLE_ACCOUNTS = ['123456789012', '111122223333', '444455556666', '777788889999', '210987654321'];
export const EXAMPLE_EMAIL_DOMAIN = 'example.com';

/** Maps whose values are the user's own free text (environment, hyperparameters): values go, keys stay. */
export const FREE_FORM_MAPS = new Set([
  'Environment',
  'HyperParameters',
  'StaticHyperParameters',
  'ContainerArguments',
  'ContainerEntrypoint',
]);

/** Maps whose values are tag values: judged as values in their own right (see `isSecretValue`). */
const TAG_MAPS = new Set(['tags', 'Tags']);

const ARN_ACCOUNT = /\barn:(aws[a-z-]*):([a-z0-9-]*):([a-z0-9-]*):(\d{12}):/g;
const BARE_ACCOUNT = /(?<!\d)\d{12}(?!\d)/g;
// An address anywhere in text, but not the `user:password@host` of a URL (credentials are handled as such).
const EMAIL = new RegExp(
  String.raw`(?<![A-Za-z0-9._%+-])(?<!:\/\/[^\s/@]*)` +
    String.raw`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`,
  'g',
);
const PRIVATE_KEY_BODY =
  /(-----BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----)[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----|$)/g;

export interface ScrubReport {
  accounts: Record<string, string>;
  emails: number;
  /** Values replaced by meaning (free-form maps, key-like names) or as secrets. */
  redacted: number;
}

/** A field as `record` names it: `configurationItems[0].configuration.PrimaryContainer.Environment.API_KEY`. */
const child = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

export class Scrubber {
  private readonly accounts = new Map<string, string>();
  private readonly emails = new Map<string, string>();
  private redactions = 0;
  /** The fields the last `scrub` changed, for naming the one that changes a verdict. */
  readonly changed = new Set<string>();

  /** `ownAccount` is the item's account: it becomes 123456789012. */
  constructor(ownAccount?: string) {
    if (ownAccount && /^\d{12}$/.test(ownAccount)) this.accounts.set(ownAccount, EXAMPLE_ACCOUNTS[0]!);
  }

  private accountFor(real: string): string {
    if (EXAMPLE_ACCOUNTS.includes(real) && !this.accounts.has(real) && ![...this.accounts.values()].includes(real)) {
      // Already an example account: keep it, and never hand its number to another account.
      this.accounts.set(real, real);
    }
    let fake = this.accounts.get(real);
    if (!fake) {
      const used = new Set(this.accounts.values());
      fake = EXAMPLE_ACCOUNTS.find((a) => !used.has(a)) ?? String(100000000000 + this.accounts.size).padStart(12, '0');
      this.accounts.set(real, fake);
    }
    return fake;
  }

  private emailFor(real: string): string {
    if (real.toLowerCase().endsWith(`@${EXAMPLE_EMAIL_DOMAIN}`)) return real;
    let fake = this.emails.get(real.toLowerCase());
    if (!fake) this.emails.set(real.toLowerCase(), (fake = `user${this.emails.size + 1}@${EXAMPLE_EMAIL_DOMAIN}`));
    return fake;
  }

  /** Learn every account named in ARNs first, then bare ones, so every occurrence maps the same way. */
  learn(value: unknown): void {
    const seen: string[] = [];
    const walk = (v: unknown) => {
      if (typeof v === 'string') {
        const text = decoded(v) ?? v;
        for (const m of text.matchAll(ARN_ACCOUNT)) this.accountFor(m[4]!);
        for (const m of text.matchAll(BARE_ACCOUNT)) seen.push(m[0]);
        const parsed = looksLikeJson(v) ? tryParse(v) : undefined;
        if (parsed !== undefined) walk(parsed);
      } else if (Array.isArray(v)) {
        for (const x of v) walk(x);
      } else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          const isAccount = (k === 'accountId' || k === 'awsAccountId') && typeof x === 'string' && /^\d{12}$/.test(x);
          if (isAccount) this.accountFor(x as string);
          walk(x);
        }
      }
    };
    walk(value);
    for (const account of seen) this.accountFor(account);
  }

  /** Scrub a whole value; with `only`, change nothing but that one field (to find what changes a verdict). */
  scrub<T>(value: T, options: { path?: string; only?: string } = {}): T {
    return this.walk(value, options.path ?? '', undefined, options.only, false);
  }

  /**
   * `asValue`: the string is a value in its own right (a tag value, a `{Name, Value}` or
   * `{Name, DefaultValue}` entry's value), so a JWT or a generated-looking string is a credential
   * whatever it is called.
   */
  private walk<T>(value: T, path: string, key: string | undefined, only: string | undefined, asValue: boolean): T {
    if (typeof value === 'string') {
      const inside = only === undefined || only === path || only.startsWith(`${path}.`) || only.startsWith(`${path}[`);
      if (!inside) return value;
      const out = this.string(value, path, key, only === path ? undefined : only, asValue);
      if (out !== value) this.changed.add(path);
      return out as T;
    }
    if (Array.isArray(value)) return value.map((v, i) => this.walk(v, child(path, i), key, only, asValue)) as T;
    if (value && typeof value === 'object') {
      // No prototype: a key `__proto__` in the item is copied as a key.
      const out = dictionary<unknown>();
      const inFreeForm = key !== undefined && FREE_FORM_MAPS.has(key);
      // `{Key|Name, Value|DefaultValue}` entries (tag lists, environment lists, pipeline parameters):
      // the value is judged by the entry's name.
      const pair = pairOf(value);
      const tagMap = pair === undefined && key !== undefined && TAG_MAPS.has(key);
      for (const [k, v] of Object.entries(value)) {
        const name = only === undefined ? this.names(k) : k;
        const p = child(path, k);
        const isPairValue = pair !== undefined && k === pair.valueField;
        const freeForm = pair === undefined ? inFreeForm : inFreeForm && isPairValue;
        if (isPairValue && !freeForm) {
          out[name] = this.walk(v, p, pair.name, only, true);
        } else if (freeForm && v !== null && typeof v !== 'object' && (only === undefined || only === p)) {
          // A user's variable or hyperparameter: its name is kept, its value is theirs.
          if (v !== REDACTED) {
            this.redactions++;
            this.changed.add(p);
          }
          out[name] = REDACTED;
        } else out[name] = this.walk(v, p, k, only, tagMap);
      }
      return out as T;
    }
    return value;
  }

  private string(
    value: string,
    path: string,
    key: string | undefined,
    only: string | undefined,
    asValue: boolean,
  ): string {
    if (looksLikeJson(value)) {
      const parsed = tryParse(value);
      if (parsed !== undefined) {
        const out = this.walk(parsed, path, key, only, false);
        return JSON.stringify(out) === JSON.stringify(parsed) ? value : JSON.stringify(out);
      }
    }
    if (value === REDACTED) return value;
    if (key !== undefined && FREE_FORM_MAPS.has(key)) {
      // An element of a free-form list (container arguments, an entrypoint).
      this.redactions++;
      return REDACTED;
    }
    if (key !== undefined && isSecretName(key) && value !== '' && !/^(?:arn:|s3:\/\/|https?:\/\/)/.test(value)) {
      // A value stored under a secret's name is a secret, whatever it looks like.
      this.redactions++;
      return REDACTED;
    }
    if ((asValue || (key !== undefined && isKeyName(key))) && (isJwt(value) || looksRandom(value))) {
      this.redactions++;
      return REDACTED;
    }
    const payload = decoded(value);
    if (payload !== undefined) {
      const scrubbed = this.text(payload);
      return scrubbed === payload ? value : Buffer.from(scrubbed, 'utf8').toString('base64');
    }
    return this.text(value);
  }

  /** A key of the item: e-mail addresses and account ids (keys name things; they hold no secret). */
  private names(value: string): string {
    const out = value.replace(EMAIL, (address) => this.emailFor(address));
    return out.replace(BARE_ACCOUNT, (account) => this.accountFor(account));
  }

  /** Free text: secrets, e-mail addresses and account ids. */
  private text(value: string): string {
    let out = this.generated(this.secrets(value));
    out = out.replace(EMAIL, (address) => this.emailFor(address));
    // One pass over every 12-digit run (ARNs included), so a replaced account is never replaced again.
    return out.replace(BARE_ACCOUNT, (account) => this.accountFor(account));
  }

  /**
   * Replace secret values in text, keeping what the rule's detector judges: a name keeps its name
   * and gets the marker; a token without a name becomes its form's marker (`REDACTED[GitHub_token]`);
   * a private key keeps its header.
   */
  private secrets(value: string): string {
    let out = value.replace(PRIVATE_KEY_BODY, (m, begin, end) => {
      if (m.includes(REDACTED)) return m;
      this.redactions++;
      return `${begin}\n${REDACTED}\n${end}`;
    });
    out = out
      .split('\n')
      .map((line) => this.namedValues(line))
      .join('\n');
    // Whatever the detector still finds (tokens by their shape), last first so offsets hold.
    const found = locateSecrets(out)
      .filter((f) => !f.value.includes(REDACTED) && f.form !== 'private key block')
      .sort((a, b) => b.start - a.start);
    let replacedFrom = Number.POSITIVE_INFINITY;
    for (const f of found) {
      if (f.end > replacedFrom) continue;
      out = out.slice(0, f.start) + replacementFor(f) + out.slice(f.end);
      replacedFrom = f.start;
      this.redactions++;
    }
    return out;
  }

  /** Generated-looking words no format or name accounts for (a bare AIza key in a description). */
  private generated(value: string): string {
    let out = value;
    for (const w of generatedWords(value).reverse()) {
      if (value.slice(w.start, w.end).includes(REDACTED)) continue;
      out = `${out.slice(0, w.start)}${REDACTED}${out.slice(w.end)}`;
      this.redactions++;
    }
    return out;
  }

  /** Literals given to a secret's name on one line, whatever their length, comments included. */
  private namedValues(line: string): string {
    const named = assignmentsOf(line)
      .filter((a) => isSecretName(a.name))
      .map((a) => ({ a, value: line.slice(a.start, a.end) }))
      .filter(({ a, value }) => !value.includes(REDACTED) && isLiteral(a, value, 1))
      .sort((x, y) => y.a.start - x.a.start);
    let out = line;
    let replacedFrom = Number.POSITIVE_INFINITY;
    for (const { a, value } of named) {
      if (a.end > replacedFrom) continue;
      out = out.slice(0, a.start) + marker(value) + out.slice(a.end);
      replacedFrom = a.start;
      this.redactions++;
    }
    return out;
  }

  report(): ScrubReport {
    return {
      accounts: Object.fromEntries([...this.accounts].filter(([real, fake]) => real !== fake)),
      emails: this.emails.size,
      redacted: this.redactions,
    };
  }
}

/**
 * The marker in place of a literal. Literals shorter than the detector's minimum get a marker as
 * short as they were, so a value the rule did not flag is not flagged after scrubbing either.
 */
const marker = (secret: string): string =>
  secret.length < MIN_LITERAL_LENGTH ? REDACTED.slice(0, Math.max(1, secret.length)) : REDACTED;

/**
 * What replaces a secret the detector found in text: the marker under a name (a generated-looking
 * one under a `*KEY` name, which the detector judges by its look), the form's marker for a token
 * without a name, and for a URL with credentials only its password.
 */
function replacementFor(f: LocatedSecret): string {
  if (f.variable !== undefined) return isSecretName(f.variable) ? marker(f.value) : GENERATED_MARKER;
  const credentials = /^([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)([^\s@/]+)(@.*)?$/is.exec(f.value);
  if (credentials) return `${credentials[1]}${tokenMarker(f.form)}${credentials[3] ?? ''}`;
  return tokenMarker(f.form);
}

/** The marker under a `*KEY` name: it looks generated, as the value it replaces did. */
const GENERATED_MARKER = `${REDACTED}9mK2xQ7vL4pZ`;

/** `{Key|Name, Value|DefaultValue}`: the entry's name and which field holds its value. */
function pairOf(value: object): { name: string; valueField: string } | undefined {
  const v = value as Record<string, unknown>;
  const valueField = Object.hasOwn(v, 'Value')
    ? 'Value'
    : Object.hasOwn(v, 'DefaultValue')
      ? 'DefaultValue'
      : undefined;
  if (valueField === undefined) return undefined;
  const name = typeof v.Key === 'string' ? v.Key : typeof v.Name === 'string' ? v.Name : undefined;
  return name === undefined ? undefined : { name, valueField };
}

function looksLikeJson(value: string): boolean {
  const first = value.trimStart()[0];
  return (first === '{' || first === '[') && value.length > 1;
}

function tryParse(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The text a base64 payload carries (lifecycle scripts, user data), or undefined when the string
 * is not one: canonical base64 of at least 16 characters that decodes to printable UTF-8.
 */
export function decoded(value: string): string | undefined {
  const compact = value.replace(/[\r\n]/g, '');
  if (compact.length < 16 || compact.length % 4 !== 0 || !BASE64.test(compact)) return undefined;
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.toString('base64') !== compact) return undefined;
  const text = bytes.toString('utf8');
  // eslint-disable-next-line no-control-regex
  if (text.includes('\uFFFD') || /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text)) return undefined;
  return text;
}

/** `record` found something secret-shaped after scrubbing: nothing is written, and the command exits 2 with one line. */
export class UnsafeFixtureError extends UsageError {
  override name = 'UnsafeFixtureError';
}

export interface SurvivingSecret {
  /** The field, as `scrub` names it. */
  path: string;
  /** The credential form (never the value). */
  form: string;
}

/** The last pass: the first field that still holds something secret-shaped, looking inside JSON strings and base64. */
export function findSurvivingSecret(
  value: unknown,
  path = '',
  key?: string,
  asValue = false,
): SurvivingSecret | undefined {
  if (typeof value === 'string') {
    const parsed = looksLikeJson(value) ? tryParse(value) : undefined;
    if (parsed !== undefined) return findSurvivingSecret(parsed, path, key);
    // A base64 payload is read as the text it carries (its own characters look generated).
    const payload = decoded(value);
    for (const text of payload === undefined ? [value] : [payload]) {
      const form = secretShaped(text, key, asValue);
      if (form) return { path, form };
    }
    return undefined;
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = findSurvivingSecret(v, child(path, i), key, asValue);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    const pair = pairOf(value);
    const tagMap = pair === undefined && key !== undefined && TAG_MAPS.has(key);
    for (const [k, v] of Object.entries(value)) {
      const isPairValue = pair !== undefined && k === pair.valueField;
      const found = findSurvivingSecret(v, child(path, k), isPairValue ? pair.name : k, isPairValue || tagMap);
      if (found) return found;
    }
  }
  return undefined;
}

/** Scrub one value (or several that must share one account mapping, e.g. an item and its lookups). */
export function scrubAll<T extends unknown[]>(
  ownAccount: string | undefined,
  ...values: T
): { values: T; report: ScrubReport } {
  const scrubber = new Scrubber(ownAccount);
  for (const v of values) scrubber.learn(v);
  return { values: values.map((v) => scrubber.scrub(v)) as T, report: scrubber.report() };
}
