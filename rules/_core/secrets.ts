// One secret detector, shared by the rule `sagemaker-notebook-lifecycle-no-secrets` (scripts in
// a lifecycle configuration) and by `record` (its last pass before a fixture is written).
// Findings name the line, the form and the variable, never the matched value: annotations end up
// in Config's compliance history, and a detector that echoed a secret would leak it there.
//
// Two questions, two functions:
//  - `findSecrets(text)`: what a script must not hold (the rule). Besides the token formats it
//    flags any key-like variable assigned a literal, which is a policy rather than a proof.
//  - `secretShaped(text)`: what must never be written to a committed fixture (record's last
//    pass): only forms that are credentials by their shape. Values `record` itself put in place
//    carry the REDACTED marker and pass.

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

export interface TokenForm {
  form: string;
  pattern: RegExp;
}

// Shapes of well-known credentials. Lengths are the documented minimums or a little below, so a
// shortened example still counts. All global: callers iterate with matchAll.
export const TOKEN_FORMS: readonly TokenForm[] = [
  { form: 'AWS access key id', pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g },
  { form: 'GitHub token', pattern: /(?<![A-Za-z0-9])gh[pousr]_[A-Za-z0-9]{20,}/g },
  { form: 'GitHub fine-grained token', pattern: /(?<![A-Za-z0-9])github_pat_[A-Za-z0-9_]{20,}/g },
  { form: 'Slack token', pattern: /(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,}/g },
  { form: 'live secret key (sk-live)', pattern: /(?<![A-Za-z0-9])sk[-_]live[-_][A-Za-z0-9]{10,}/g },
  { form: 'GitLab token', pattern: /(?<![A-Za-z0-9])glpat-[A-Za-z0-9_-]{20,}/g },
];

const PRIVATE_KEY_HEADER = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----/;
// A key block with key material after its header (record keeps the header, drops the body).
const PRIVATE_KEY_WITH_BODY =
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----\s*(?:[A-Za-z-]+:[^\n]*\n\s*)*([A-Za-z0-9+/=]{16,})/g;

// scheme://user:password@host; the password group is checked for being a literal.
export const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]*:\/\/([^\s:/@'"]+):([^\s@/'"]+)@/gi;

/** Names that hold secrets: *PASSWORD*, *PASSWD*, *SECRET*, *TOKEN*, *API_KEY*, *ACCESS_KEY*, *PRIVATE_KEY*. */
export const KEY_LIKE_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY/i;

// NAME=value at a word start (also after export/local/declare, or inside quotes as `echo "NAME=..." >> .env`
// writes it), `NAME = value` as in INI files, and `"name": "value"` as in JSON written by a heredoc.
const ASSIGNMENT =
  /(?:^|[\s;&|('"{,])("?)([A-Za-z_][A-Za-z0-9_.-]*)\1[ \t]*(=|:)[ \t]*("[^"]*"|'[^']*'|[^\s;&|'",}]+)/g;
// `aws configure set [--profile p] aws_secret_access_key VALUE` (and the session token).
const AWS_CONFIGURE_SET =
  /\baws\s+configure\s+set\s+(?:--profile\s+\S+\s+)?((?:[\w-]+\.)?(?:aws_secret_access_key|aws_session_token))\s+("[^"]*"|'[^']*'|\S+)/gi;
// A 40-character AWS secret access key shape (base64 alphabet).
const SECRET_ACCESS_KEY_SHAPE = /^[A-Za-z0-9/+=]{40}$/;

// Cheap whole-text pre-check: most scripts are clean and need no line-by-line scan.
const HINT =
  /PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE|AKIA|ASIA|gh[pousr]_|github_pat_|xox|sk[-_]live|glpat-|:\/\/[^\s/]*@/i;

/** Shortest literal the rule flags: shorter values are flags and placeholders (`true`, `none`, `changeme`-less). */
export const MIN_LITERAL_LENGTH = 8;

/**
 * A value written into the script rather than read from elsewhere: not `$VAR`, `${VAR}`, `$(...)`
 * or backticks (unless single-quoted, where the shell expands nothing), not a path, not empty.
 */
export function isLiteral(raw: string): boolean {
  const quoted = /^(["']).*\1$/s.test(raw);
  const value = quoted ? raw.slice(1, -1) : raw;
  if (!raw.startsWith("'") && /\$[({A-Za-z0-9_@*#?]|`/.test(value)) return false;
  if (/^(?:\/|~\/|\.\.?\/)/.test(value)) return false;
  return value.length >= MIN_LITERAL_LENGTH;
}

/** A URL's password written out, not expanded from a variable (`https://user:${TOKEN}@host` is fine). */
const isLiteralPassword = (password: string): boolean => !/\$[({A-Za-z0-9_]|`/.test(password);

/** Everything a script must not hold, one finding per form and variable and line. */
export function findSecrets(text: string): SecretFinding[] {
  if (!HINT.test(text)) return [];
  const found: SecretFinding[] = [];
  text.split(/\r?\n/).forEach((content, i) => {
    const line = i + 1;
    // Each named finding keeps its value (never reported) to avoid counting one secret twice.
    const named: (SecretFinding & { value: string })[] = [];
    for (const m of content.matchAll(AWS_CONFIGURE_SET)) {
      if (isLiteral(m[2]!)) named.push({ line, form: 'set to a literal value', variable: m[1]!, value: m[2]! });
    }
    for (const m of content.matchAll(ASSIGNMENT)) {
      const [, quote, name, operator, value] = m;
      // `name: value` only in its JSON form ("name": "value"); bare colons are prose and YAML comments.
      if (operator === ':' && (quote !== '"' || !value!.startsWith('"'))) continue;
      if (KEY_LIKE_NAME.test(name!) && isLiteral(value!)) {
        named.push({ line, form: 'set to a literal value', variable: name!, value: value! });
      }
    }
    for (const m of content.matchAll(URL_CREDENTIALS)) {
      if (isLiteralPassword(m[2]!) && !named.some((n) => n.value.includes(m[0]))) {
        named.push({ line, form: 'URL with credentials', value: m[0] });
      }
    }
    const tokens: (SecretFinding & { value: string })[] = [];
    for (const { form, pattern } of TOKEN_FORMS) {
      for (const t of content.matchAll(pattern)) tokens.push({ line, form, value: t[0] });
    }
    const key = PRIVATE_KEY_HEADER.exec(content);
    if (key) tokens.push({ line, form: 'private key block', value: key[0] });
    // An access key id is reported as such, whichever variable holds it; any other token assigned
    // to a named variable is reported once, by the variable's name.
    const isAccessKey = (t: SecretFinding) => t.form === 'AWS access key id';
    const keptNamed = named.filter((n) => !tokens.some((t) => isAccessKey(t) && n.value.includes(t.value)));
    const keptTokens = tokens.filter((t) => isAccessKey(t) || !named.some((n) => n.value.includes(t.value)));
    const strip = ({ value: _value, ...finding }: SecretFinding & { value: string }): SecretFinding => finding;
    const accessKeys = keptTokens.filter(isAccessKey);
    const otherTokens = keptTokens.filter((t) => !isAccessKey(t));
    found.push(...accessKeys.map(strip), ...otherTokens.map(strip), ...keptNamed.map(strip));
  });
  return found;
}

/** `line 3: GITHUB_TOKEN set to a literal value`, `line 2: GitHub token`: never the value. */
export function describeFinding(f: SecretFinding): string {
  return f.variable ? `line ${f.line}: ${f.variable} ${f.form}` : `line ${f.line}: ${f.form}`;
}

/**
 * The credential form a text still holds, for record's last pass; undefined when clean.
 * `name` is the key the text is stored under (a 40-character value under a key-like name is a
 * secret access key).
 */
export function secretShaped(text: string, name?: string): string | undefined {
  const keyLike = name !== undefined && KEY_LIKE_NAME.test(name);
  if (keyLike && SECRET_ACCESS_KEY_SHAPE.test(text) && !text.includes(REDACTED)) {
    return `40-character secret under ${name}`;
  }
  if (!HINT.test(text)) return undefined;
  for (const { form, pattern } of TOKEN_FORMS) {
    for (const m of text.matchAll(pattern)) if (!m[0].includes(REDACTED)) return form;
  }
  for (const m of text.matchAll(PRIVATE_KEY_WITH_BODY)) if (!m[1]!.includes(REDACTED)) return 'private key block';
  for (const m of text.matchAll(URL_CREDENTIALS)) {
    if (isLiteralPassword(m[2]!) && !m[2]!.includes(REDACTED)) return 'URL with credentials';
  }
  for (const m of text.matchAll(AWS_CONFIGURE_SET)) {
    if (isLiteral(m[2]!) && !m[2]!.includes(REDACTED)) return `literal ${m[1]}`;
  }
  for (const m of text.matchAll(ASSIGNMENT)) {
    const value = m[4]!.replace(/^(["'])(.*)\1$/s, '$2');
    if (KEY_LIKE_NAME.test(m[2]!) && SECRET_ACCESS_KEY_SHAPE.test(value)) {
      return `40-character secret assigned to ${m[2]}`;
    }
  }
  return undefined;
}
