// SARIF 2.1.0 output (`--format sarif` of check-template and scan), the format GitHub code scanning
// reads. What each part is, from the OASIS standard
// (https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/sarif-v2.1.0-errata01-os-complete.html)
// and GitHub's page on it (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning):
//  - one `reportingDescriptor` per rule run (§3.49): its id, descriptions, `help` (text and
//    Markdown, which GitHub shows with an alert) and `helpUri`, an absolute URI (§3.49.12) of its
//    page, docs/rules/<id>.md;
//  - one `result` per NON_COMPLIANT verdict (§3.27), with `level` (§3.27.10) from the rule's
//    severity, and the rule's `security-severity` property, GitHub's 0.0–10.0 severity score;
//  - a template finding's `physicalLocation` (§3.29): the file, relative to the working directory
//    as GitHub resolves it against the repository root, and the line the resource or its offending
//    property starts on; a live resource's `logicalLocation` (§3.33): its ARN;
//  - a suppressed verdict stays a result, with `suppressions` (§3.35): `inSource` for a template's
//    Metadata, `external` for a suppressions file, and the reason as `justification`; GitHub closes
//    such an alert rather than dropping it.
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Rule, Severity } from '../rules/_core/rule.js';
import { ruleHelp } from './commands/list.js';
import { PACKAGE_JSON as pkg, PACKAGE_ROOT } from './paths.js';
import { rulePagePath } from './rule-docs.js';

export const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};
/** GitHub's bands: over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

export interface SarifFinding {
  rule: string;
  message: string;
  /** A template: its file (as given) and the line the finding points at. */
  file?: string;
  line?: number;
  /** A live resource: its ARN, else its type and id. */
  resource?: { name: string; fullyQualifiedName: string };
  suppression?: { reason: string; kind: 'inSource' | 'external' };
}

/** The rule's page: on the pack's repository when package.json names one, else in the installed pack. */
export function ruleHelpUri(id: string): string {
  const repository = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  const web = repository?.replace(/^git\+/, '').replace(/\.git$/, '');
  if (web?.startsWith('https://')) return `${web}/blob/HEAD/${rulePagePath(id).split(sep).join('/')}`;
  return pathToFileURL(join(PACKAGE_ROOT, rulePagePath(id))).href;
}

/** A path as a relative URI reference: forward slashes, each segment percent-encoded. */
const uriOf = (file: string) =>
  relative(process.cwd(), file)
    .split(sep)
    .map((segment) => encodeURIComponent(segment))
    .join('/');

function descriptor(rule: Rule) {
  return {
    id: rule.id,
    name: rule.id,
    shortDescription: { text: rule.description },
    fullDescription: { text: `${rule.description} ${rule.rationale}` },
    help: { text: ruleHelp(rule).replace(/\*\*/g, ''), markdown: ruleHelp(rule) },
    helpUri: ruleHelpUri(rule.id),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: ['security', 'aws-config'], 'security-severity': SECURITY_SEVERITY[rule.severity] },
  };
}

/** One run of the tool: the rules that ran, and a result per NON_COMPLIANT finding (suppressed ones marked). */
export function sarifLog(rules: readonly Rule[], findings: readonly SarifFinding[]) {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = findings.map((f) => {
    const rule = rules[index.get(f.rule)!]!;
    const physical = f.file
      ? {
          physicalLocation: {
            artifactLocation: { uri: uriOf(f.file) },
            ...(f.line ? { region: { startLine: f.line } } : {}),
          },
        }
      : {};
    const logical = f.resource ? { logicalLocations: [{ ...f.resource, kind: 'resource' }] } : {};
    return {
      ruleId: f.rule,
      ruleIndex: index.get(f.rule)!,
      level: LEVEL[rule.severity],
      message: { text: f.message },
      locations: [{ ...physical, ...logical }],
      ...(f.suppression ? { suppressions: [{ kind: f.suppression.kind, justification: f.suppression.reason }] } : {}),
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ml-config-rules',
            version: pkg.version,
            semanticVersion: pkg.version,
            rules: rules.map(descriptor),
          },
        },
        results,
      },
    ],
  };
}
