// A scan's three outputs: the table for a terminal, JSON, and a JUnit report for CI.
import { junitXml, type JunitCase } from '../junit.js';
import { plural, table, tableStyle, terminalWidth, type Report } from '../output.js';
import type { Rule } from '../../rules/_core/rule.js';
import { sarifLog, type SarifFinding } from '../sarif.js';
import { evaluationJson, shownAnnotation, shownVerdict } from '../suppressions.js';
import type { ScanRun } from './run.js';

const VERDICT_ORDER = { NON_COMPLIANT: 0, COMPLIANT: 1, NOT_APPLICABLE: 2 } as const;

export const severalAccounts = (run: ScanRun) => (run.accounts?.length ?? 0) + (run.failures?.length ?? 0) > 1;

function rows(run: ScanRun) {
  return run.results.flatMap((r) =>
    [...r.evaluations]
      .sort(
        (a, b) =>
          VERDICT_ORDER[a.ComplianceType] - VERDICT_ORDER[b.ComplianceType] ||
          a.ComplianceResourceType.localeCompare(b.ComplianceResourceType) ||
          a.ComplianceResourceId.localeCompare(b.ComplianceResourceId),
      )
      .map((e) => ({ rule: r.rule, account: r.account, region: r.region, e })),
  );
}

/**
 * The JSON output: one object per evaluation, with its `account` (and `region` when several
 * Regions were scanned); an account that could not be scanned is an object with its `error`.
 */
export function scanJson(run: ScanRun) {
  const several = run.regions.length > 1;
  return [
    ...rows(run).map(({ rule, account, region, e }) => {
      const { OrderingTimestamp: _, ...shown } = evaluationJson(e);
      return { rule, ...(account ? { account } : {}), ...(several ? { region } : {}), ...shown };
    }),
    ...(run.failures ?? []).map((f) => ({
      account: f.account,
      ...(f.region ? { region: f.region } : {}),
      error: f.error,
    })),
  ];
}

/** The place of a rule run in names: its Region and, across accounts, its account. */
function whereOf(run: ScanRun, r: { account?: string; region: string }): string {
  const parts = [
    ...(severalAccounts(run) && r.account ? [r.account] : []),
    ...(run.regions.length > 1 ? [r.region] : []),
  ];
  return parts.length > 0 ? ` (${parts.join(' ')})` : '';
}

export function scanJunit(run: ScanRun): string {
  const suites = run.results.map((r) => {
    const suite = `${r.rule}${whereOf(run, r)}`;
    const cases: JunitCase[] = rows({ ...run, results: [r] }).map(({ e }) => {
      const c: JunitCase = { classname: suite, name: `${e.ComplianceResourceType} ${e.ComplianceResourceId}` };
      if (e.ComplianceType === 'NON_COMPLIANT')
        c.failure = { type: 'NON_COMPLIANT', message: e.Annotation ?? 'NON_COMPLIANT' };
      if (e.ComplianceType === 'NOT_APPLICABLE')
        c.skipped = e.suppressed ? `SUPPRESSED: ${shownAnnotation(e)}` : (e.Annotation ?? 'NOT_APPLICABLE');
      return c;
    });
    if (r.error) cases.push({ classname: suite, name: 'rule run', error: { type: 'ScanError', message: r.error } });
    for (const s of r.skipped) cases.push({ classname: suite, name: s.slice(0, s.indexOf(': ')), skipped: s });
    return { name: suite, cases };
  });
  for (const f of run.failures ?? []) {
    const suite = `account ${f.account}${f.region ? ` (${f.region})` : ''}`;
    suites.push({
      name: suite,
      cases: [{ classname: suite, name: 'account scan', error: { type: 'AccountError', message: f.error } }],
    });
  }
  return junitXml('ml-config-rules scan', suites, new Date().toISOString().replace(/\.\d+Z$/, ''));
}

/** The report of a scan that could not run at all (no credentials, endpoint unreachable). */
export function scanFailedJunit(error: Error): string {
  const message = String(error?.message ?? error)
    .split('\n')[0]!
    .trim();
  const name = 'ml-config-rules scan';
  const failed: JunitCase = { classname: name, name: 'scan', error: { type: error?.name ?? 'Error', message } };
  return junitXml(name, [{ name, cases: [failed] }], new Date().toISOString().replace(/\.\d+Z$/, ''));
}

export function summaryRows(run: ScanRun) {
  return run.results.map((r) => {
    const count = (t: string) => r.evaluations.filter((e) => e.ComplianceType === t).length;
    return {
      rule: r.rule,
      account: r.account ?? '',
      region: r.region,
      source: r.sources.join(', ') || '—',
      resources: r.evaluations.length,
      compliant: count('COMPLIANT'),
      nonCompliant: count('NON_COMPLIANT'),
      notApplicable: count('NOT_APPLICABLE'),
      // The error itself is one line on stderr (scan.ts), never broken up inside a cell.
      note: [...(r.error ? ['failed: see stderr'] : []), ...r.skipped].join('; '),
    };
  });
}

/**
 * What a terminal shows: the verdicts, then a table per rule run, then the totals. In TSV the
 * verdicts alone are the table; the totals are a note (stderr).
 */
export function scanReport(run: ScanRun, width = terminalWidth()): Report {
  const several = run.regions.length > 1;
  const accounts = severalAccounts(run);
  const where = (r: { account?: string; region: string }) => [
    ...(accounts ? [r.account ?? ''] : []),
    ...(several ? [r.region] : []),
  ];
  const whereHead = [...(accounts ? ['account'] : []), ...(several ? ['region'] : [])];
  const detail = rows(run);
  const out: string[] = [];
  if (detail.length > 0 || tableStyle() === 'tsv') {
    out.push(
      table(
        ['rule', ...whereHead, 'resource type', 'resource id', 'verdict', 'annotation'],
        detail.map((d) => [
          d.rule,
          ...where(d),
          d.e.ComplianceResourceType,
          d.e.ComplianceResourceId,
          shownVerdict(d.e),
          shownAnnotation(d.e),
        ]),
        { width },
      ),
    );
  }
  const summary = summaryRows(run);
  const failed = (run.failures ?? []).map((f) => [
    '—',
    ...(accounts ? [f.account] : []),
    ...(several ? [f.region ?? 'all'] : []),
    '—',
    0,
    0,
    0,
    0,
    `account ${f.account} not scanned: see stderr`,
  ]);
  if (tableStyle() === 'box')
    out.push(
      table(
        ['rule', ...whereHead, 'source', 'resources', 'compliant', 'non-compliant', 'not applicable', 'note'],
        [
          ...summary.map((s) => [
            s.rule,
            ...where(s),
            s.source,
            s.resources,
            s.compliant,
            s.nonCompliant,
            s.notApplicable,
            s.note,
          ]),
          ...failed,
        ],
        { width },
      ),
    );
  const all = run.results.flatMap((r) => r.evaluations);
  const n = (t: string) => all.filter((e) => shownVerdict(e) === t).length;
  const errors = run.results.filter((r) => r.error).length;
  const scope = accounts
    ? `${plural(run.accounts?.length ?? 0, 'account')} (${(run.accounts ?? []).join(', ')})`
    : `account ${run.accountId ?? 'unknown'}`;
  const totals =
    `${plural(all.length, 'evaluation')} by ${plural(new Set(run.results.map((r) => r.rule)).size, 'rule')} in ${scope}, ${run.regions.join(', ')}: ` +
    `${n('NON_COMPLIANT')} non-compliant, ${n('COMPLIANT')} compliant, ${n('NOT_APPLICABLE')} not applicable` +
    (n('SUPPRESSED') > 0 ? `, ${n('SUPPRESSED')} suppressed` : '') +
    (errors > 0 ? `; ${plural(errors, 'rule run')} failed` : '') +
    (run.failures?.length ? `; ${plural(run.failures.length, 'account')} not scanned` : '');
  return { table: out.join('\n'), notes: [totals] };
}

/**
 * SARIF: a result per NON_COMPLIANT (or suppressed) resource, located by its ARN, the account and
 * Region in its message; a suppression from --suppressions is `external`.
 */
export function scanSarif(run: ScanRun, rules: readonly Rule[]) {
  const findings: SarifFinding[] = rows(run)
    .filter(({ e }) => e.ComplianceType === 'NON_COMPLIANT' || e.suppressed)
    .map(({ rule, account, region, e }) => {
      const scanned = run.results.find((r) => r.rule === rule && r.region === region && r.account === account);
      const arn = scanned?.arns?.[`${e.ComplianceResourceType} ${e.ComplianceResourceId}`];
      const where = [account, region].filter(Boolean).join(' ');
      return {
        rule,
        message: `${e.ComplianceResourceType} ${e.ComplianceResourceId} (${where}): ${e.suppressed?.Annotation ?? e.Annotation}`,
        resource: {
          name: e.ComplianceResourceId,
          fullyQualifiedName: arn ?? `${e.ComplianceResourceType}/${e.ComplianceResourceId}`,
        },
        ...(e.suppressed ? { suppression: { reason: e.suppressed.reason, kind: 'external' as const } } : {}),
      };
    });
  return sarifLog(rules, findings);
}
