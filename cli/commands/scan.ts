// `ml-config-rules scan`: what the rules would say about the live account now, without deploying.
// Each rule runs as its periodic Lambda run would (the engine's scheduled path), over items from
// Config's inventory, the direct adapters or the inventory adapters (see ../live-sources.ts);
// nothing is reported to Config.
import cliProgress from 'cli-progress';
import pMap from 'p-map';
import { evaluateEvent } from '../../rules/_core/engine.js';
import type { Evaluation } from '../../rules/_core/evaluations.js';
import type { ParsedEvent } from '../../rules/_core/event.js';
import type { Rule } from '../../rules/_core/rule.js';
import { rules as registry } from '../../rules/index.js';
import { junitXml, type JunitCase } from '../junit.js';
import {
  accountIdOf,
  defaultRegion,
  errorText,
  liveSources,
  recorderState,
  regionClients,
  SOURCE_LABELS,
  type LiveSourcesOptions,
  type RegionClients,
} from '../live-sources.js';
import { plural, printJson, table, terminalWidth, UsageError } from '../output.js';
import { requireRule } from './evaluate.js';

export interface RuleScan {
  rule: string;
  region: string;
  evaluations: Evaluation[];
  /** Where the items came from, e.g. "Config" or "SageMaker API". */
  sources: string[];
  /** Resource types the rule checks that could not be read here, with why. */
  skipped: string[];
  /** The rule could not run (an AWS error, a parameter error): no verdicts, never a guess. */
  error?: string;
}

export interface ScanRun {
  accountId: string | undefined;
  regions: string[];
  results: RuleScan[];
}

export interface RunScanOptions {
  rules: readonly Rule[];
  regions: string[];
  /** Clients for a Region; tests and the benchmark pass their own. */
  clientsFor?: (region: string) => RegionClients;
  concurrency?: number;
  /** Rules evaluated at once per Region. */
  ruleConcurrency?: number;
  now?: Date;
  onRuleDone?: (rule: string, region: string) => void;
  sourceOptions?: Partial<Pick<LiveSourcesOptions, 'inventory' | 'direct'>>;
}

export async function runScan(options: RunScanOptions): Promise<ScanRun> {
  const clientsFor = options.clientsFor ?? regionClients;
  const now = options.now ?? new Date();
  const perRegion = options.regions.map((region) => clientsFor(region));
  const accountId = await accountIdOf(perRegion[0]!);
  const results: RuleScan[] = [];
  for (const clients of perRegion) {
    const recorder = await recorderState(clients.config);
    const sources = liveSources({
      clients,
      recorder,
      accountId,
      now,
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      ...options.sourceOptions,
    });
    const event: ParsedEvent = {
      kind: 'scheduled',
      notificationCreationTime: now.toISOString(),
      ruleParameters: {},
      eventLeftScope: false,
      ...(accountId ? { accountId } : {}),
    };
    const scanned = await pMap(
      options.rules,
      async (rule): Promise<RuleScan> => {
        const kinds = rule.resourceTypes.map((type) => [type, sources.sourceOf(rule, type)] as const);
        const result: RuleScan = {
          rule: rule.id,
          region: clients.region,
          evaluations: [],
          sources: [...new Set(kinds.filter(([, k]) => k !== 'none').map(([type, k]) => SOURCE_LABELS[k](type)))],
          skipped: kinds
            .filter(([, k]) => k === 'none')
            .map(([type]) => `${type}: not recorded by Config in ${clients.region}, and no direct API adapter`),
        };
        try {
          result.evaluations = (await evaluateEvent(rule, event, sources)).evaluations;
          const failures = sources.failuresOf(rule.id);
          if (failures.length > 0) result.error = failures.join('; ');
        } catch (error) {
          result.error = errorText(error);
        }
        options.onRuleDone?.(rule.id, clients.region);
        return result;
      },
      { concurrency: options.ruleConcurrency ?? 4 },
    );
    results.push(...scanned);
  }
  return { accountId, regions: options.regions, results };
}

const VERDICT_ORDER = { NON_COMPLIANT: 0, COMPLIANT: 1, NOT_APPLICABLE: 2 } as const;

function rows(run: ScanRun) {
  return run.results.flatMap((r) =>
    [...r.evaluations]
      .sort(
        (a, b) =>
          VERDICT_ORDER[a.ComplianceType] - VERDICT_ORDER[b.ComplianceType] ||
          a.ComplianceResourceType.localeCompare(b.ComplianceResourceType) ||
          a.ComplianceResourceId.localeCompare(b.ComplianceResourceId),
      )
      .map((e) => ({ rule: r.rule, region: r.region, e })),
  );
}

/** The JSON output: one object per evaluation (`region` only when several Regions were scanned). */
export function scanJson(run: ScanRun) {
  const several = run.regions.length > 1;
  return rows(run).map(({ rule, region, e }) => ({
    rule,
    ...(several ? { region } : {}),
    ComplianceResourceType: e.ComplianceResourceType,
    ComplianceResourceId: e.ComplianceResourceId,
    ComplianceType: e.ComplianceType,
    ...(e.Annotation ? { Annotation: e.Annotation } : {}),
  }));
}

export function scanJunit(run: ScanRun): string {
  const several = run.regions.length > 1;
  const suites = run.results.map((r) => {
    const suite = several ? `${r.rule} (${r.region})` : r.rule;
    const cases: JunitCase[] = rows({ ...run, results: [r] }).map(({ e }) => {
      const c: JunitCase = { classname: suite, name: `${e.ComplianceResourceType} ${e.ComplianceResourceId}` };
      if (e.ComplianceType === 'NON_COMPLIANT') c.failure = { type: 'NON_COMPLIANT', message: e.Annotation ?? 'NON_COMPLIANT' };
      if (e.ComplianceType === 'NOT_APPLICABLE') c.skipped = e.Annotation ?? 'NOT_APPLICABLE';
      return c;
    });
    if (r.error) cases.push({ classname: suite, name: 'rule run', error: { type: 'ScanError', message: r.error } });
    for (const s of r.skipped) cases.push({ classname: suite, name: s.slice(0, s.indexOf(': ')), skipped: s });
    return { name: suite, cases };
  });
  return junitXml('ml-config-rules scan', suites, new Date().toISOString().replace(/\.\d+Z$/, ''));
}

/** The report of a scan that could not run at all (no credentials, endpoint unreachable). */
export function scanFailedJunit(error: Error): string {
  const message = String(error?.message ?? error).split('\n')[0]!.trim();
  const name = 'ml-config-rules scan';
  const failed: JunitCase = { classname: name, name: 'scan', error: { type: error?.name ?? 'Error', message } };
  return junitXml(name, [{ name, cases: [failed] }], new Date().toISOString().replace(/\.\d+Z$/, ''));
}

export function summaryRows(run: ScanRun) {
  return run.results.map((r) => {
    const count = (t: string) => r.evaluations.filter((e) => e.ComplianceType === t).length;
    return {
      rule: r.rule,
      region: r.region,
      source: r.sources.join(', ') || '—',
      resources: r.evaluations.length,
      compliant: count('COMPLIANT'),
      nonCompliant: count('NON_COMPLIANT'),
      notApplicable: count('NOT_APPLICABLE'),
      note: r.error ? `ERROR ${r.error}` : r.skipped.join('; '),
    };
  });
}

export function scanTable(run: ScanRun, width = terminalWidth()): string {
  const several = run.regions.length > 1;
  const detail = rows(run);
  const out: string[] = [];
  if (detail.length > 0) {
    out.push(
      table(
        ['rule', ...(several ? ['region'] : []), 'resource type', 'resource id', 'verdict', 'annotation'],
        detail.map(({ rule, region, e }) => [rule, ...(several ? [region] : []), e.ComplianceResourceType, e.ComplianceResourceId, e.ComplianceType, e.Annotation ?? '']),
        { width },
      ),
    );
  }
  const summary = summaryRows(run);
  out.push(
    table(
      ['rule', ...(several ? ['region'] : []), 'source', 'resources', 'compliant', 'non-compliant', 'not applicable', 'note'],
      summary.map((s) => [s.rule, ...(several ? [s.region] : []), s.source, s.resources, s.compliant, s.nonCompliant, s.notApplicable, s.note]),
      { width },
    ),
  );
  const all = run.results.flatMap((r) => r.evaluations);
  const n = (t: string) => all.filter((e) => e.ComplianceType === t).length;
  const errors = run.results.filter((r) => r.error).length;
  out.push(
    `${plural(all.length, 'evaluation')} by ${plural(new Set(run.results.map((r) => r.rule)).size, 'rule')} in account ${run.accountId ?? 'unknown'}, ${run.regions.join(', ')}: ` +
      `${n('NON_COMPLIANT')} non-compliant, ${n('COMPLIANT')} compliant, ${n('NOT_APPLICABLE')} not applicable` +
      (errors > 0 ? `; ${plural(errors, 'rule run')} failed` : ''),
  );
  return out.join('\n') + '\n';
}

export interface ScanCommandOptions {
  rule: string[];
  region: string[];
  format: 'table' | 'json' | 'junit';
  failOn?: 'non-compliant';
  concurrency: string;
}

export async function scanCommand(options: ScanCommandOptions) {
  const selected = options.rule.length > 0 ? [...new Set(options.rule)].map(requireRule) : registry;
  const concurrency = Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new UsageError(`--concurrency must be a whole number from 1 to 64, got ${options.concurrency}`);
  }
  const regions = options.region.length > 0 ? [...new Set(options.region)] : [await defaultRegion()];

  // The bar goes to a terminal only, and never next to machine output.
  const showBar = options.format === 'table' && process.stderr.isTTY === true;
  const bar = showBar
    ? new cliProgress.SingleBar(
        { stream: process.stderr, format: 'scanning {bar} {value}/{total} rule runs | {rule}', hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  bar?.start(selected.length * regions.length, 0, { rule: '' });
  let run: ScanRun;
  try {
    run = await runScan({ rules: selected, regions, concurrency, onRuleDone: (rule) => bar?.increment(1, { rule }) });
  } catch (error) {
    // CI reads the report file the output is redirected to: a valid report that says the scan
    // failed, never an empty file.
    if (options.format === 'junit') process.stdout.write(scanFailedJunit(error as Error));
    throw error;
  } finally {
    bar?.stop();
  }

  if (options.format === 'json') printJson(scanJson(run));
  else if (options.format === 'junit') process.stdout.write(scanJunit(run));
  else process.stdout.write(scanTable(run));

  const failed = run.results.filter((r) => r.error);
  if (options.format !== 'table') {
    // Machine output stays on stdout; what could not be read is said on stderr.
    for (const r of failed) process.stderr.write(`ml-config-rules: rule ${r.rule} (${r.region}) failed: ${r.error}\n`);
    for (const r of run.results) for (const s of r.skipped) process.stderr.write(`ml-config-rules: rule ${r.rule} (${r.region}) skipped ${s}\n`);
  }
  const nonCompliant = run.results.some((r) => r.evaluations.some((e) => e.ComplianceType === 'NON_COMPLIANT'));
  if (failed.length > 0 || (options.failOn === 'non-compliant' && nonCompliant)) process.exitCode = 1;
}
