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
  KEY_LIKE_NAME,
  MIN_LITERAL_LENGTH,
  REDACTED,
  secretShaped,
  TOKEN_FORMS,
  URL_CREDENTIALS,
} from '../rules/_core/secrets.js';

/** The item's own account, then the other example accounts AWS documentation uses. */
export const EXAMPLE_ACCOUNTS = ['123456789012', '111122223333', '444455556666', '777788889999', '210987654321'];
export const EXAMPLE_EMAIL_DOMAIN = 'example.com';

/** Maps whose values are the user's own free text (environment, hyperparameters): values go, keys stay. */
export const FREE_FORM_MAPS = new Set([
  'Environment',
  'HyperParameters',
  'StaticHyperParameters',
  'ContainerArguments',
]);

const ARN_ACCOUNT = /\barn:(aws[a-z-]*):([a-z0-9-]*):([a-z0-9-]*):(\d{12}):/g;
const BARE_ACCOUNT = /(?<!\d)\d{12}(?!\d)/g;
// An address anywhere in text, but not the `user:password@host` of a URL (credentials are handled as such).
const EMAIL = new RegExp(
  String.raw`(?<![A-Za-z0-9._%+-])(?<!:\/\/[^\s/@]*)` +
    String.raw`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`,
  'g',
);
// Secrets a script or value may hold in plain sight; each keeps its name and loses its value.
const ASSIGNED_SECRET =
  /((?:^|[\s;&|('"{,])"?[A-Za-z_][A-Za-z0-9_.-]*"?[ \t]*[=:][ \t]*)("[^"]*"|'[^']*'|[^\s;&|'",}]+)/gm;
const CONFIGURE_SET =
  /(\baws\s+configure\s+set\s+(?:--profile\s+\S+\s+)?(?:[\w-]+\.)?(?:aws_secret_access_key|aws_session_token)\s+)(\S+)/gi;
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
    return this.walk(value, options.path ?? '', undefined, options.only) as T;
  }

  private walk(value: unknown, path: string, key: string | undefined, only: string | undefined): unknown {
    if (typeof value === 'string') {
      const inside = only === undefined || only === path || only.startsWith(`${path}.`) || only.startsWith(`${path}[`);
      if (!inside) return value;
      const out = this.string(value, path, key, only === path ? undefined : only);
      if (out !== value) this.changed.add(path);
      return out;
    }
    if (Array.isArray(value)) return value.map((v, i) => this.walk(v, child(path, i), key, only));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      const inFreeForm = key !== undefined && FREE_FORM_MAPS.has(key);
      // `{Key|Name, Value}` entries (tag lists, environment lists): the value is judged by the entry's name.
      const pair = pairNameOf(value);
      for (const [k, v] of Object.entries(value)) {
        const name = only === undefined ? this.text(k) : k;
        const p = child(path, k);
        const freeForm = pair === undefined ? inFreeForm : inFreeForm && k === 'Value';
        if (pair !== undefined && k === 'Value' && !freeForm) {
          out[name] = this.walk(v, p, pair, only);
        } else if (freeForm && v !== null && typeof v !== 'object' && (only === undefined || only === p)) {
          // A user's variable or hyperparameter: its name is kept, its value is theirs.
          if (v !== REDACTED) {
            this.redactions++;
            this.changed.add(p);
          }
          out[name] = REDACTED;
        } else out[name] = this.walk(v, p, k, only);
      }
      return out;
    }
    return value;
  }

  private string(value: string, path: string, key: string | undefined, only: string | undefined): string {
    if (looksLikeJson(value)) {
      const parsed = tryParse(value);
      if (parsed !== undefined) {
        const out = this.walk(parsed, path, key, only);
        return JSON.stringify(out) === JSON.stringify(parsed) ? value : JSON.stringify(out);
      }
    }
    if (key !== undefined && FREE_FORM_MAPS.has(key) && value !== REDACTED) {
      // An element of a free-form list (container arguments).
      this.redactions++;
      return REDACTED;
    }
    if (key !== undefined && KEY_LIKE_NAME.test(key) && value !== '' && !/^(?:arn:|s3:\/\/|https?:\/\/)/.test(value)) {
      // A value stored under a secret's name is a secret, whatever it looks like.
      if (value === REDACTED) return value;
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

  /** Free text: secrets, e-mail addresses and account ids. */
  private text(value: string): string {
    let out = this.secrets(value);
    out = out.replace(EMAIL, (address) => this.emailFor(address));
    // One pass over every 12-digit run (ARNs included), so a replaced account is never replaced again.
    return out.replace(BARE_ACCOUNT, (account) => this.accountFor(account));
  }

  /** Replace secret values in text, keeping the shape the rule's detector judges (name, prefix, key header). */
  private secrets(value: string): string {
    let out = value;
    const redact = (kept: string) => {
      this.redactions++;
      return kept;
    };
    out = out.replace(PRIVATE_KEY_BODY, (m, begin, end) =>
      m.includes(REDACTED) ? m : redact(`${begin}\n${REDACTED}\n${end}`),
    );
    out = out.replace(CONFIGURE_SET, (m, head, secret) =>
      secret.includes(REDACTED) || /^["']?\$/.test(secret) ? m : redact(`${head}${marker(secret)}`),
    );
    out = out.replace(ASSIGNED_SECRET, (m, head: string, secret: string) => {
      const name = /([A-Za-z_][A-Za-z0-9_.-]*)"?[ \t]*[=:]/.exec(head)?.[1] ?? '';
      const readFromElsewhere = /[$`]/.test(secret) || /^["']?(?:\/|~\/|\.\.?\/)/.test(secret);
      if (!KEY_LIKE_NAME.test(name) || secret.includes(REDACTED) || readFromElsewhere) return m;
      const quote = /^["']/.test(secret) ? secret[0]! : '';
      const inner = quote ? secret.slice(1, -1) : secret;
      if (inner === '') return m;
      return redact(`${head}${quote}${marker(inner)}${quote}`);
    });
    out = out.replace(URL_CREDENTIALS, (m, user, password) =>
      password.includes(REDACTED) || password.startsWith('$')
        ? m
        : redact(m.replace(`${user}:${password}@`, `${user}:${REDACTED}@`)),
    );
    for (const { pattern } of TOKEN_FORMS) {
      // Same prefix and length, so the rule still recognises the form; the marker lets the last pass through.
      out = out.replace(pattern, (token) => (token.includes(REDACTED) ? token : redact(placeholderFor(token))));
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

/** `ghp_abc...` → `ghp_REDACTEDxxx...`: the token's prefix and length with the marker inside. */
function placeholderFor(token: string): string {
  const prefix = /^(?:AKIA|ASIA|gh[pousr]_|github_pat_|xox[abposr]-|sk[-_]live[-_]|glpat-)/.exec(token)?.[0] ?? '';
  const fill = `${REDACTED}${'X'.repeat(Math.max(0, token.length - prefix.length - REDACTED.length))}`;
  return prefix + fill.slice(0, Math.max(REDACTED.length, token.length - prefix.length));
}

function pairNameOf(value: object): string | undefined {
  const v = value as Record<string, unknown>;
  if (!('Value' in v)) return undefined;
  return typeof v.Key === 'string' ? v.Key : typeof v.Name === 'string' ? v.Name : undefined;
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

/** `record` found something secret-shaped after scrubbing: not the user's mistake to fix by input, so exit 1. */
export class UnsafeFixtureError extends Error {
  override name = 'UnsafeFixtureError';
}

export interface SurvivingSecret {
  /** The field, as `scrub` names it. */
  path: string;
  /** The credential form (never the value). */
  form: string;
}

/** The last pass: the first field that still holds something secret-shaped, looking inside JSON strings and base64. */
export function findSurvivingSecret(value: unknown, path = '', key?: string): SurvivingSecret | undefined {
  if (typeof value === 'string') {
    const parsed = looksLikeJson(value) ? tryParse(value) : undefined;
    if (parsed !== undefined) return findSurvivingSecret(parsed, path, key);
    for (const text of [value, decoded(value)]) {
      const form = text === undefined ? undefined : secretShaped(text, key);
      if (form) return { path, form };
    }
    return undefined;
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = findSurvivingSecret(v, child(path, i), key);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    const pair = pairNameOf(value);
    for (const [k, v] of Object.entries(value)) {
      const found = findSurvivingSecret(v, child(path, k), pair !== undefined && k === 'Value' ? pair : k);
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
