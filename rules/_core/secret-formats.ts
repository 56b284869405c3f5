// Known token formats come from secretlint's recommended preset
// (@secretlint/secretlint-rule-preset-recommend): its rules know AWS, GitHub, GitLab, Slack
// (tokens and webhook URLs), npm, OpenAI, Anthropic, Hugging Face, Stripe, SendGrid, private key
// blocks, database URLs and the rest of its list, with the lengths and shapes their vendors
// document. This file types none of them again: it runs the preset's own rules.
//
// Why not @secretlint/core's `lintSource`: it returns a Promise, and a rule's `evaluate` is
// synchronous and pure (one fixture is one test, the engine never awaits a verdict). What core
// does is small: it creates each rule with a context, calls the rule's `file(source)` handler and
// collects what the rule reports through `context.report`. Every handler of the preset reports
// synchronously, except the GCP rule's `.p12` branch, which runs only for a file named `*.p12`;
// this adapter does the same synchronously. test/secret-formats.test.ts checks that it finds what
// `lintSource` finds on the benchmark corpus, so a new preset version that changed this cannot
// pass unnoticed.
//
// Left out on purpose: the preset's `filter-comments` rule (a `# secretlint-disable` line in a
// script must not switch its own check off), and AWS account ids (enableIDScanRule reports them
// along with access key ids; an account id is no secret, and every configuration item holds one).
import { rules as presetRules } from '@secretlint/secretlint-rule-preset-recommend';
import { own } from './own.js';

/** A token of a known format in a text: where it is and what it is (never shown to anyone). */
export interface FormatFinding {
  start: number;
  end: number;
  /** What was found, for annotations: `GitHub token`, `Slack webhook URL`... */
  form: string;
}

// The parts of secretlint's rule interface this adapter uses (@secretlint/types).
interface Report {
  message: { messageId: string; data?: Record<string, unknown> };
  range: readonly [number, number];
}
interface PresetRule {
  meta: { id: string };
  create(
    context: {
      sharedOptions: object;
      createTranslator: (messages: unknown) => (id: string, data?: Record<string, unknown>) => Report['message'];
      report: (report: Report) => void;
      ignore: () => void;
    },
    options: object,
  ): { file?: (source: { content: string; ext: string; contentType: 'text' }) => unknown };
}

const PREFIX = '@secretlint/secretlint-rule-';
// Words for annotations, by rule (and by message where one rule knows several forms).
const FORMS: Readonly<Record<string, string>> = {
  AWSAccessKeyID: 'AWS access key id',
  AWSSecretAccessKey: 'AWS secret access key',
  IncomingWebhook: 'Slack webhook URL',
  SLACK_TOKEN: 'Slack token',
  PrivateKey: 'private key block',
  BasicAuth: 'URL with credentials',
  'database-connection-string': 'database URL with a password',
  github: 'GitHub token',
  gitlab: 'GitLab token',
  npm: 'npm token',
  openai: 'OpenAI API key',
  anthropic: 'Anthropic API key',
  huggingface: 'Hugging Face token',
  stripe: 'Stripe key',
  sendgrid: 'SendGrid API key',
  groq: 'Groq API key',
  linear: 'Linear API key',
  notion: 'Notion token',
  shopify: 'Shopify token',
  databricks: 'Databricks token',
  docker: 'Docker Hub token',
  figma: 'Figma token',
  'hashicorp-vault': 'Vault token',
  tailscale: 'Tailscale key',
  vercel: 'Vercel token',
  grafana: 'Grafana token',
  '1password': '1Password token',
  cloudflare: 'Cloudflare token',
  gcp: 'GCP service account key',
};
const SKIPPED_RULES = new Set([`${PREFIX}filter-comments`]);
const SKIPPED_MESSAGES = new Set(['AWSAccountID']);

interface Handler {
  id: string;
  file: NonNullable<ReturnType<PresetRule['create']>['file']>;
}

let collected: Report[] = [];
let handlers: Handler[] | undefined;

/** Each preset rule created once, reporting into `collected` (created on first use, not at import). */
function presetHandlers(): Handler[] {
  if (handlers) return handlers;
  const context = {
    sharedOptions: {},
    // secretlint's translator builds messages from their ids; only the id and its data are kept here.
    createTranslator: () => (messageId: string, data?: Record<string, unknown>) => ({
      messageId,
      ...(data ? { data } : {}),
    }),
    report: (report: Report) => void collected.push(report),
    ignore: () => {},
  };
  handlers = (presetRules as unknown as PresetRule[])
    .filter((rule) => !SKIPPED_RULES.has(rule.meta.id))
    .flatMap((rule) => {
      // The AWS rule finds access key ids only with enableIDScanRule (account ids are dropped below).
      const options = rule.meta.id === `${PREFIX}aws` ? { enableIDScanRule: true } : {};
      const file = rule.create(context, options).file;
      return file ? [{ id: rule.meta.id.slice(PREFIX.length), file }] : [];
    });
  return handlers;
}

/**
 * Where the reported value sits: some rules report the whole match's start with the length of
 * the captured value, so the value itself is looked up from the start of the match.
 */
export function spanOf(text: string, report: Pick<PresetReport, 'range' | 'data'>): [number, number] {
  const [start, end] = report.range;
  const values = Object.values(report.data).filter((v): v is string => typeof v === 'string' && v.length > 0);
  for (const v of values.sort((a, b) => b.length - a.length)) {
    const at = text.indexOf(v, start);
    if (at >= 0 && at <= end) return [at, at + v.length];
  }
  return [start, end];
}

/** What the preset's rules report on a text, as secretlint reports it: rule, message and range. */
export interface PresetReport {
  /** The rule's id without its `@secretlint/secretlint-rule-` prefix. */
  rule: string;
  messageId: string;
  range: readonly [number, number];
  data: Record<string, unknown>;
}

export function presetReports(text: string): PresetReport[] {
  const out: PresetReport[] = [];
  const source = { content: text, ext: '.sh', contentType: 'text' as const };
  for (const handler of presetHandlers()) {
    collected = [];
    handler.file(source);
    for (const report of collected) {
      const { messageId, data } = report.message;
      if (!SKIPPED_MESSAGES.has(messageId))
        out.push({ rule: handler.id, messageId, range: report.range, data: data ?? {} });
    }
  }
  collected = [];
  return out;
}

/** The words for a report: by its message, else by its rule, else the rule's id (a rule a newer preset added). */
export function formOf(r: Pick<PresetReport, 'rule' | 'messageId'>): string {
  return own(FORMS, r.messageId) ?? own(FORMS, r.rule) ?? `${r.rule} secret`;
}

/** Every token of a format the preset knows, in text order. */
export function findTokenFormats(text: string): FormatFinding[] {
  return presetReports(text)
    .map((r) => {
      const [start, end] = spanOf(text, r);
      return { start, end, form: formOf(r) };
    })
    .sort((a, b) => a.start - b.start || b.end - a.end);
}
