// The project's own layer of the secret detector: literals that no token format names, judged by
// the name they are given. A script sets `DB_PASSWORD=...`, `os.environ['HF_TOKEN'] = '...'`,
// `password: ...` in YAML, `password ...` in a netrc line, `//registry/:_authToken=...` in an
// .npmrc, `--password ...`, `docker login -p ...`, `mysql -p...`, `Authorization: Bearer ...`,
// `AccountKey=...` in a connection string, `?X-Amz-Signature=...` in a URL; each is an assignment
// of a value to a name, and a secret's name says what it holds. What stays safe: references
// (`$VAR`, `${VAR:-x}`, `$(...)`, backticks, Secrets Manager and SSM names and ARNs, paths),
// names that merely contain a secret word (`TOKENIZER_NAME`, `SECRET_ID`, `API_KEY_HEADER`),
// comparisons and package specs (`secretflow==1.2`), placeholders (`<your-token>`, `REPLACE_ME`,
// `changeme` as the whole value) and comments.

/** One value given to a name on a line: offsets into the line, the name as written. */
export interface Assignment {
  name: string;
  /** The value as written (quotes included). */
  raw: string;
  /** Where the value's content (inside its quotes) starts and ends in the line. */
  start: number;
  end: number;
  /** `spaced` for `name = value` (INI, Python), whose bare values may be code rather than text. */
  kind: 'shell' | 'spaced' | 'colon' | 'flag' | 'netrc';
}

// A value: double-quoted, single-quoted, ANSI-C quoted ($'...'), or bare up to a separator.
const VALUE = String.raw`("(?:[^"\\]|\\.)*"|'[^']*'|\$'(?:[^'\\]|\\.)*'|[^\s;&|'"\x60,})]+)`;
const NAME = '([A-Za-z_][A-Za-z0-9_.-]*)';

// NAME=value after a word boundary (export/local/declare, inside quotes as `echo "X=..." >> .env`,
// after `?`/`&` in a URL, `;` in a connection string, `:` in an .npmrc key).
const EQUALS = new RegExp(String.raw`(?:^|[\s;&|('"{,?:])${NAME}([ \t]*)=(?!=)([ \t]*)${VALUE}`, 'g');
// "name": "value" and 'name': 'value' (JSON, Python dicts), and quoted headers "Name: value".
const QUOTED_COLON = new RegExp(
  String.raw`(["'])${NAME}\1[ \t]*:[ \t]*${VALUE}|(["'])${NAME}:[ \t]*((?:Bearer|Basic|Token|token|Digest)[ \t]+)?([^"'\s]+)`,
  'g',
);
// YAML at the start of a line: `  password: value`, `- token: value`, `Authorization: Bearer x`.
const YAML_KEY = new RegExp(
  String.raw`^[ \t]*(?:-[ \t]+)?${NAME}:[ \t]+((?:Bearer|Basic|Token|token|Digest)[ \t]+)?("(?:[^"\\]|\\.)*"|'[^']*'|[^\s#][^#]*?)[ \t]*(?:[ \t]#.*)?$`,
);
// Python: os.environ['NAME'] = 'value', os.environ.setdefault('NAME', 'value'), os.putenv('NAME', 'value').
const PYTHON_ENVIRON = new RegExp(
  String.raw`os\.(?:environ\[\s*(["'])([^"']+)\1\s*\]\s*=\s*|environ\.setdefault\(\s*(["'])([^"']+)\3\s*,\s*|putenv\(\s*(["'])([^"']+)\5\s*,\s*)${VALUE}`,
  'g',
);
// Long flags: --password value, --password=value, --api-key value.
const LONG_FLAG = new RegExp(String.raw`(?:^|\s)--([A-Za-z][A-Za-z0-9-]*)(?:=|[ \t]+)(?!-)${VALUE}`, 'g');
// Commands whose short flag takes a password: docker login -p, sshpass -p, redis-cli -a, mysql -pSECRET.
const SHORT_FLAG_COMMANDS: readonly [RegExp, RegExp][] = [
  [/\bdocker\s+login\b/, new RegExp(String.raw`(?:^|\s)-p[ \t]+${VALUE}`, 'g')],
  [/\bsshpass\b/, new RegExp(String.raw`(?:^|\s)-p[ \t]*${VALUE}`, 'g')],
  [/\bredis-cli\b/, new RegExp(String.raw`(?:^|\s)-a[ \t]+${VALUE}`, 'g')],
  // mysql -p with a space prompts (the next word is a database); -pSECRET is the password.
  [/\bmysql(?:admin|dump|import|sh)?\b/, new RegExp(String.raw`(?:^|\s)-p(?!\s)${VALUE}`, 'g')],
];
// netrc: `machine host login user password SECRET`, or `password SECRET` on a line of its own.
const NETRC = new RegExp(String.raw`(?:^|\s)(password|passwd)[ \t]+${VALUE}`, 'g');
const NETRC_CONTEXT = /(?:^|\s)(?:machine|login|default)\s|^\s*(?:password|passwd)\s+\S+\s*$/;
// `aws configure set [--profile p] aws_secret_access_key VALUE` (and the session token).
const AWS_CONFIGURE_SET = new RegExp(
  String.raw`\baws\s+configure\s+set\s+(?:--profile\s+\S+\s+)?((?:[\w-]+\.)?(?:aws_secret_access_key|aws_session_token))\s+${VALUE}`,
  'gi',
);

/** The value's content span (inside quotes) for a match whose value group starts at `at`. */
function span(raw: string, at: number): { start: number; end: number } {
  if (raw.startsWith("$'")) return { start: at + 2, end: at + raw.length - 1 };
  // The back reference needs a second quote: a lone `"` is not a quoted value.
  if (/^(["']).*\1$/s.test(raw)) return { start: at + 1, end: at + raw.length - 1 };
  return { start: at, end: at + raw.length };
}

const push = (out: Assignment[], name: string, raw: string, at: number, kind: Assignment['kind']) =>
  out.push({ name, raw, kind, ...span(raw, at) });

/** A line without its trailing comment (`#` after white space, outside quotes); a comment line is empty. */
export function withoutComment(line: string): string {
  if (/^\s*(?:#|;|\/\/\s)/.test(line)) return '';
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && i > 0 && /\s/.test(line[i - 1]!)) return line.slice(0, i);
  }
  return line;
}

/** Every value given to a name on one line (comments already removed). */
export function assignmentsOf(line: string): Assignment[] {
  const out: Assignment[] = [];
  // Every value is read again from its first character (a quote or `?` there counts as the
  // boundary before a name): `LINE="DB_PASSWORD=..."`, `X="a=1;AccountKey=..."` and
  // `MODEL_URL=https://...?X-Amz-Signature=...` hold assignments too. The search moves on: a
  // value starts after its name and `=`.
  const equals = new RegExp(EQUALS.source, 'g');
  for (let m = equals.exec(line); m !== null; m = equals.exec(line)) {
    const value = m[4]!;
    const at = m.index + m[0].length - value.length;
    push(out, m[1]!, value, at, m[2] || m[3] ? 'spaced' : 'shell');
    equals.lastIndex = at;
  }
  for (const m of line.matchAll(QUOTED_COLON)) {
    const name = m[2] ?? m[5]!;
    const value = m[3] ?? m[7]!;
    push(out, name, value, m.index! + m[0].length - value.length, 'colon');
  }
  const yaml = YAML_KEY.exec(line);
  if (yaml) push(out, yaml[1]!, yaml[3]!, line.indexOf(yaml[3]!, yaml[0].indexOf(':')), 'colon');
  for (const m of line.matchAll(PYTHON_ENVIRON)) {
    const value = m[7]!;
    push(out, m[2] ?? m[4] ?? m[6]!, value, m.index! + m[0].length - value.length, 'colon');
  }
  for (const m of line.matchAll(LONG_FLAG)) {
    const value = m[2]!;
    push(out, m[1]!, value, m.index! + m[0].length - value.length, 'flag');
  }
  for (const [command, flag] of SHORT_FLAG_COMMANDS) {
    if (!command.test(line)) continue;
    for (const m of line.matchAll(flag)) {
      const value = m[1]!;
      push(out, 'password', value, m.index! + m[0].length - value.length, 'flag');
    }
  }
  if (NETRC_CONTEXT.test(line)) {
    for (const m of line.matchAll(NETRC)) {
      const value = m[2]!;
      push(out, m[1]!, value, m.index! + m[0].length - value.length, 'netrc');
    }
  }
  for (const m of line.matchAll(AWS_CONFIGURE_SET)) {
    const value = m[2]!;
    push(out, m[1]!, value, m.index! + m[0].length - value.length, 'flag');
  }
  return out;
}

// Words of a name: `AWS_SECRET_ACCESS_KEY`, `apiKey`, `X-Api-Key`, `_authToken` → lower-case words.
export const wordsOf = (name: string): string[] =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);

const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'passphrase',
  'pwd',
  'secret',
  'token',
  'apikey',
  'credential',
  'credentials',
  'authorization',
  'signature',
  'sig',
]);
// Two words that name a secret together: api key, access key, private key, account key, auth (npmrc `_auth`).
const SECRET_PAIRS: readonly [string, string][] = [
  ['api', 'key'],
  ['access', 'key'],
  ['private', 'key'],
  ['account', 'key'],
  ['secret', 'key'],
];
// A last word that makes the name a reference to a secret, or a setting about one, not the secret.
const REFERENCE_WORDS = new Set([
  'id',
  'ids',
  'name',
  'names',
  'arn',
  'file',
  'path',
  'dir',
  'header',
  'url',
  'uri',
  'endpoint',
  'type',
  'length',
  'len',
  'ttl',
  'expiry',
  'expires',
  'expiration',
  'region',
  'version',
  'prefix',
  'mode',
  'enabled',
  'count',
  'size',
  'param',
  'parameter',
  'ref',
  'env',
  'var',
  'policy',
  'rotation',
  'stdin',
  'min',
  'max',
  'limit',
  'kind',
  'format',
  'algorithm',
  'provider',
  'location',
  'store',
  'field',
  'keyring',
  'timeout',
  'lifetime',
  'duration',
  'secs',
  'seconds',
]);

/** A name that holds a secret: a secret word in it, and not a name of a reference to one. */
export function isSecretName(name: string): boolean {
  // `_auth` in an .npmrc holds base64 of user:password.
  if (name === '_auth') return true;
  // A name of no words (`__`) has no last word and no secret word: it falls through to false.
  const words = wordsOf(name);
  if (REFERENCE_WORDS.has(words[words.length - 1]!)) return false;
  if (words.some((w) => SECRET_WORDS.has(w))) return true;
  return SECRET_PAIRS.some(([a, b]) => words.some((w, i) => w === a && words[i + 1] === b));
}

/** A name ending in `key` that is not a secret's name (`MAPS_KEY`, `key`): secret only when its value looks random. */
export const isKeyName = (name: string): boolean => wordsOf(name).at(-1) === 'key';

/** Shortest literal flagged: shorter values are flags and placeholders (`true`, `none`). */
export const MIN_LITERAL_LENGTH = 8;

const PLACEHOLDER =
  /^(?:<[^<>]*>|\{\{[^{}]*\}\}|\[[^\]]*\]|x{3,}|X{3,}|\*{3,}|\.{3,}|-+|(?:your|my)[-_ ]?\S*|\S*[-_]here|replace[-_ ]?me|change[-_ ]?me|changeit|todo|tbd|fixme|placeholder|dummy|none|null|nil|undefined|true|false)$/i;

/** `<your-token>`, `REPLACE_ME`, `changeme` as the whole value, `xxxx`: stands in for a secret. */
export const isPlaceholder = (value: string): boolean => PLACEHOLDER.test(value.trim());

// Where a secret is read from: Secrets Manager and SSM names (`ml/prod/hf-token`), ARNs, dynamic references.
const REFERENCE =
  /^(?:arn:|\{\{resolve:|resolve:|secretsmanager:|ssm:|s3:\/\/|https?:\/\/[^@\s]*$)|^[a-z0-9][a-z0-9._-]*(?:\/[a-z0-9._-]+)+$/;
// A path: leading /, ~/, ./ or ../ (but an AWS secret key may start with `/`: 40 base64 characters, mixed).
const PATH = /^(?:\/|~\/|\.\.?\/)/;
const KEY_SHAPED = /^[A-Za-z0-9/+=]{40}$/;

/**
 * A value written into the text rather than read from elsewhere: not `$VAR`, `${VAR}`, `$(...)`
 * or backticks (unless single-quoted, where the shell expands nothing), not a path or a secret's
 * name or ARN, not code in a `name = value` line, not a placeholder, at least 8 characters.
 */
export function isLiteral(
  assignment: Pick<Assignment, 'raw' | 'kind'>,
  value: string,
  minLength = MIN_LITERAL_LENGTH,
): boolean {
  const { raw, kind } = assignment;
  const singleQuoted = raw.startsWith("'") || raw.startsWith("$'");
  if (!singleQuoted && /\$[({A-Za-z0-9_@*#?!-]|`/.test(value)) return false;
  if (value.length < Math.max(1, minLength) || isPlaceholder(value)) return false;
  if (PATH.test(value) && !(KEY_SHAPED.test(value) && looksRandom(value))) return false;
  if (REFERENCE.test(value)) return false;
  const bare = raw === value;
  // In `name = value` (Python, TOML), a bare identifier or call is code: `token = os.environ.get(...)`.
  if (bare && kind === 'spaced' && (/[()[\]]/.test(value) || /^[A-Za-z_][A-Za-z_.]*$/.test(value))) return false;
  if (bare && kind === 'colon' && /^[A-Za-z_][A-Za-z0-9_]*\(/.test(value)) return false;
  // A bare value cut off at a call or a subscript is code: password=os.environ['DB_PASSWORD'].
  if (bare && /^[A-Za-z_][\w.]*[([]$/.test(value)) return false;
  return true;
}

/** Bits per character of the value's own alphabet. */
function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / value.length) * Math.log2(n / value.length);
  return bits;
}

/**
 * Looks like a generated credential rather than a word, a name or an id: at least 16 characters
 * without spaces, upper case, lower case and digits mixed, and varied (over 3.5 bits a character).
 * Lower-case hex (commit hashes, KMS key ids, UUIDs) does not pass: it has no upper case.
 */
export function looksRandom(value: string): boolean {
  if (value.length < 16 || /\s/.test(value)) return false;
  if (!/[a-z]/.test(value) || !/[A-Z]/.test(value) || !/[0-9]/.test(value)) return false;
  return entropy(value) > 3.5;
}

// A word of free text (no spaces, slashes or colons) holding a long run of letters and digits.
const WORD = /[A-Za-z0-9_+=~-]{16,}/g;

// At least two of each: upper case, lower case, digits. `configurationItemMD5Hash` is a name, not a token.
const mixedEnough = (run: string) =>
  (run.match(/[A-Z]/g)?.length ?? 0) >= 2 &&
  (run.match(/[a-z]/g)?.length ?? 0) >= 2 &&
  (run.match(/[0-9]/g)?.length ?? 0) >= 2;

/**
 * Words of free text that look generated (a run of at least 16 letters and digits, with two or more
 * of each kind, varied): a token of a format no list names, written where nothing names it. `record` takes
 * them out of what it writes; the rule does not judge them (a script is full of such words that
 * are not secrets: digests, ids).
 */
export function generatedWords(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const m of text.matchAll(WORD)) {
    if ([...m[0].matchAll(/[A-Za-z0-9]{16,}/g)].some((run) => mixedEnough(run[0]) && looksRandom(run[0])))
      out.push({ start: m.index!, end: m.index! + m[0].length });
  }
  return out;
}

/**
 * A JSON Web Token: three base64url parts, the first a JSON object naming its `alg` (RFC 7519,
 * section 7.2: a JWT's header is read, not matched by a vendor's prefix). secretlint's preset
 * has no JWT rule; a JWT is a bearer credential wherever it is written.
 */
export function isJwt(value: string): boolean {
  const parts = value.split('.');
  if (parts.length !== 3 || !parts.every((p, i) => (i === 2 ? /^[A-Za-z0-9_-]*$/ : /^[A-Za-z0-9_-]+$/).test(p)))
    return false;
  try {
    const header: unknown = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8'));
    // Object() of a number, a string or null has no `alg`: only an object naming one passes.
    return typeof Object(header).alg === 'string';
  } catch {
    return false;
  }
}

// Candidates for isJwt in free text: three base64url runs joined by dots, the first starting `eyJ` ('{"').
export const JWT_CANDIDATE = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;
