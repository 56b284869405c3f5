import { defineRule, compliant, nonCompliant } from './_core/rule.js';

// What a lifecycle script must not hold. Annotations name the pattern, never the matched text:
// Config keeps annotations in its compliance history, where a secret must not end up.
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/;
const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----/;
// NAME=value at a word start (also after export/local, or inside quotes as `echo "NAME=..." >> .env` writes it).
const ASSIGNMENT = /(?:^|[\s;&|('"])([A-Za-z_][A-Za-z0-9_]*(?:TOKEN|SECRET|PASSWORD|API_KEY))[ \t]*=[ \t]*("[^"]*"|'[^']*'|[^\s;&|'"]+)/gi;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
// Cheap whole-script pre-check: most scripts are clean and need no line-by-line scan.
const ASSIGNMENT_HINT = /(?:TOKEN|SECRET|PASSWORD|API_KEY)[ \t]*=/i;

/** A literal of 8+ characters: `$(...)`, `$VAR`, `${VAR}` and backticks read the value from elsewhere. */
function isLiteral(raw: string): boolean {
  const quoted = /^(["']).*\1$/s.test(raw);
  const value = quoted ? raw.slice(1, -1) : raw;
  if (!raw.startsWith("'") && /\$[({A-Za-z0-9_@*#?]|`/.test(value)) return false;
  return value.length >= 8;
}

function findings(text: string): string[] {
  const found: string[] = [];
  if (!ACCESS_KEY_ID.test(text) && !PRIVATE_KEY.test(text) && !ASSIGNMENT_HINT.test(text)) return found;
  text.split(/\r?\n/).forEach((line, i) => {
    const at = `line ${i + 1}`;
    if (ACCESS_KEY_ID.test(line)) found.push(`${at}: AWS access key id`);
    if (PRIVATE_KEY.test(line)) found.push(`${at}: private key block`);
    for (const m of line.matchAll(ASSIGNMENT)) if (isLiteral(m[2]!)) found.push(`${at}: ${m[1]} set to a literal value`);
  });
  return found;
}

/** Content is base64; anything that is not is scanned as written rather than decoded into noise. */
function scriptOf(content: string): { text: string; plain: boolean } {
  const compact = content.replace(/[\r\n]/g, '');
  return compact.length % 4 === 0 && BASE64.test(compact)
    ? { text: Buffer.from(compact, 'base64').toString('utf8'), plain: false }
    : { text: content, plain: true };
}

export default defineRule({
  id: 'sagemaker-notebook-lifecycle-no-secrets',
  description: 'SageMaker notebook lifecycle configurations hold no AWS access key id, private key or literal token/secret/password/API key in their OnCreate and OnStart scripts.',
  controls: [],
  resourceTypes: ['AWS::SageMaker::NotebookInstanceLifecycleConfig'],
  trigger: 'change',
  parameters: {},
  evaluate: ({ configuration }) => {
    const all: string[] = [];
    const notBase64: string[] = [];
    for (const hook of ['OnCreate', 'OnStart']) {
      const value = configuration[hook];
      const list: unknown[] = Array.isArray(value) ? value : value && typeof value === 'object' ? [value] : [];
      list.forEach((entry, i) => {
        const content = (entry as { Content?: unknown } | null)?.Content;
        if (typeof content !== 'string' || content === '') return;
        const { text, plain } = scriptOf(content);
        if (plain) notBase64.push(`${hook}[${i}]`);
        all.push(...findings(text).map((f) => `${hook}[${i}] ${f}`));
      });
    }
    const note = notBase64.length > 0 ? ` (${notBase64.join(', ')} Content is not base64; scanned as written)` : '';
    if (all.length > 0) {
      const more = all.length > 1 ? `; ${all.length - 1} more finding${all.length > 2 ? 's' : ''}` : '';
      return nonCompliant(`${all[0]}${more}${note}`);
    }
    // No script at all means nothing runs on the instance, so nothing can leak.
    return note ? compliant(`no secret found${note}`) : compliant();
  },
});
