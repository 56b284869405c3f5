// `ml-config-rules scan`: what the rules would say about the live account now, without deploying.
// Each rule runs as its periodic Lambda run would (the engine's scheduled path), over items from
// Config's inventory, the direct adapters or the inventory adapters (see ../live-sources.ts);
// nothing is reported to Config.
import cliProgress from 'cli-progress';
import pMap from 'p-map';
import { evaluateEvent, paramsFor } from '../../rules/_core/engine.js';
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
import { parseParamsJson, parseScopeTag, readParamsFile, type RuleParams } from '../rule-params.js';
import { accountTargets, checkAccountOptions, reachAccount, type AccountTarget } from '../scan-accounts.js';
import { requireRule } from './evaluate.js';

export interface RuleScan {
  rule: string;
  region: string;
  /** The account scanned (set on every result of a scan). */
  account?: string;
  evaluations: Evaluation[];
  /** Where the items came from, e.g. "Config" or "SageMaker API". */
  sources: string[];
  /** Resource types the rule checks that could not be read here, with why. */
  skipped: string[];
  /** The rule could not run (an AWS error, a parameter error): no verdicts, never a guess. */
  error?: string;
}

/** An account (or one of its Regions) that could not be scanned at all: assuming the role, or reading Config's recorder. */
export interface AccountFailure {
  account: string;
  region?: string;
  error: string;
}

export interface ScanRun {
  /** The caller's account, or the first account scanned. */
  accountId: string | undefined;
  /** Every account the scan covered (one unless --role-name). */
  accounts?: string[];
  regions: string[];
  results: RuleScan[];
  failures?: AccountFailure[];
}

export interface RunScanOptions {
  rules: readonly Rule[];
  regions: string[];
  /** Clients for a Region (and an account's credentials); tests and the benchmark pass their own. */
  clientsFor?: (region: string, account?: AccountTarget) => RegionClients;
  /** The accounts to scan; default: the caller's own. */
  accounts?: AccountTarget[];
  /** Rule id → raw parameters (already validated, see ../rule-params.ts), merged over the scope tag. */
  params?: RuleParams;
  /** The scope tag every rule applies (--tag). */
  scope?: { scopeTagKey: string; scopeTagValue?: string };
  concurrency?: number;
  /** Rules evaluated at once per Region. */
  ruleConcurrency?: number;
  /** Account × Region scans at once. */
  targetConcurrency?: number;
  now?: Date;
  onRuleDone?: (rule: string, region: string) => void;
  sourceOptions?: Partial<Pick<LiveSourcesOptions, 'inventory' | 'direct'>>;
}

/** Each rule's raw and validated parameters: the scope tag, then its own (which may set another scope). */
function planOf(options: RunScanOptions) {
  return options.rules.map((rule) => {
    const raw = { ...options.scope, ...options.params?.[rule.id] };
    return { rule, raw, params: paramsFor(rule, raw) as Record<string, unknown> };
  });
}

async function scanRegion(options: RunScanOptions, clients: RegionClients, accountId: string | undefined, plan: ReturnType<typeof planOf>, now: Date) {
  const recorder = await recorderState(clients.config);
  const sources = liveSources({
    clients,
    recorder,
    accountId,
    now,
    plan,
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
  return pMap(
    plan,
    async ({ rule, raw }): Promise<RuleScan> => {
      const kinds = rule.resourceTypes.map((type) => [type, sources.sourceOf(rule, type)] as const);
      const result: RuleScan = {
        rule: rule.id,
        region: clients.region,
        ...(accountId ? { account: accountId } : {}),
        evaluations: [],
        sources: [...new Set(kinds.filter(([, k]) => k !== 'none').map(([type, k]) => SOURCE_LABELS[k](type)))],
        skipped: kinds
          .filter(([, k]) => k === 'none')
          .map(([type]) => `${type}: not recorded by Config in ${clients.region}, and no direct API adapter`),
      };
      try {
        const evaluations = (await evaluateEvent(rule, event, sources, { paramOverrides: raw })).evaluations;
        const failures = sources.failuresOf(rule.id);
        // The types that could be read still count; the failed ones gave no verdict at all.
        result.evaluations = evaluations;
        if (failures.length > 0) result.error = failures.join('; ');
      } catch (error) {
        result.error = errorText(error);
      }
      options.onRuleDone?.(rule.id, clients.region);
      return result;
    },
    { concurrency: options.ruleConcurrency ?? 4 },
  );
}

export async function runScan(options: RunScanOptions): Promise<ScanRun> {
  const clientsFor = options.clientsFor ?? ((region: string, target?: AccountTarget) => regionClients(region, target?.credentials ? { credentials: target.credentials } : {}));
  const now = options.now ?? new Date();
  const plan = planOf(options);
  const targets = options.accounts ?? [{}];
  const results: RuleScan[] = [];
  const failures: AccountFailure[] = [];
  const accounts: string[] = [];
  // Bounded across accounts and Regions: each target runs its own bounded listings and rules.
  const pairs = targets.flatMap((target) => options.regions.map((region) => ({ target, region })));
  const identities = new Map<AccountTarget, Promise<string | undefined>>();
  const scanned = await pMap(
    pairs,
    async ({ target, region }) => {
      const clients = clientsFor(region, target);
      let accountId: string | undefined;
      try {
        let identity = identities.get(target);
        if (!identity) identities.set(target, (identity = reachAccount(target).then(() => accountIdOf(clients))));
        accountId = await identity;
      } catch (error) {
        // Cannot assume the role (or no credentials): this account is one row, the run goes on.
        return { failure: { account: target.accountId ?? 'unknown', error: errorText(error) } };
      }
      try {
        return { accountId, results: await scanRegion(options, clients, accountId, plan, now) };
      } catch (error) {
        return { failure: { account: accountId ?? target.accountId ?? 'unknown', region, error: errorText(error) } };
      }
    },
    { concurrency: options.targetConcurrency ?? 4 },
  );
  for (const s of scanned) {
    if ('failure' in s && s.failure) {
      if (!failures.some((f) => f.account === s.failure.account && !f.region && !s.failure.region)) failures.push(s.failure);
      continue;
    }
    if (s.accountId && !accounts.includes(s.accountId)) accounts.push(s.accountId);
    results.push(...(s.results ?? []));
  }
  const accountId = accounts[0] ?? targets[0]?.accountId;
  return { accountId, accounts, regions: options.regions, results, ...(failures.length > 0 ? { failures } : {}) };
}

const VERDICT_ORDER = { NON_COMPLIANT: 0, COMPLIANT: 1, NOT_APPLICABLE: 2 } as const;

const severalAccounts = (run: ScanRun) => (run.accounts?.length ?? 0) + (run.failures?.length ?? 0) > 1;

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
    ...rows(run).map(({ rule, account, region, e }) => ({
      rule,
      ...(account ? { account } : {}),
      ...(several ? { region } : {}),
      ComplianceResourceType: e.ComplianceResourceType,
      ComplianceResourceId: e.ComplianceResourceId,
      ComplianceType: e.ComplianceType,
      ...(e.Annotation ? { Annotation: e.Annotation } : {}),
    })),
    ...(run.failures ?? []).map((f) => ({ account: f.account, ...(f.region ? { region: f.region } : {}), error: f.error })),
  ];
}

/** The place of a rule run in names: its Region and, across accounts, its account. */
function whereOf(run: ScanRun, r: { account?: string; region: string }): string {
  const parts = [...(severalAccounts(run) && r.account ? [r.account] : []), ...(run.regions.length > 1 ? [r.region] : [])];
  return parts.length > 0 ? ` (${parts.join(' ')})` : '';
}

export function scanJunit(run: ScanRun): string {
  const suites = run.results.map((r) => {
    const suite = `${r.rule}${whereOf(run, r)}`;
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
  for (const f of run.failures ?? []) {
    const suite = `account ${f.account}${f.region ? ` (${f.region})` : ''}`;
    suites.push({ name: suite, cases: [{ classname: suite, name: 'account scan', error: { type: 'AccountError', message: f.error } }] });
  }
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
      account: r.account ?? '',
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
  const accounts = severalAccounts(run);
  const where = (r: { account?: string; region: string }) => [...(accounts ? [r.account ?? ''] : []), ...(several ? [r.region] : [])];
  const whereHead = [...(accounts ? ['account'] : []), ...(several ? ['region'] : [])];
  const detail = rows(run);
  const out: string[] = [];
  if (detail.length > 0) {
    out.push(
      table(
        ['rule', ...whereHead, 'resource type', 'resource id', 'verdict', 'annotation'],
        detail.map((d) => [d.rule, ...where(d), d.e.ComplianceResourceType, d.e.ComplianceResourceId, d.e.ComplianceType, d.e.Annotation ?? '']),
        { width },
      ),
    );
  }
  const summary = summaryRows(run);
  const failed = (run.failures ?? []).map((f) => [
    '—',
    ...(accounts ? [f.account] : []),
    ...(several ? [f.region ?? 'all'] : []),
    '—', 0, 0, 0, 0,
    `ERROR account ${f.account}: ${f.error}`,
  ]);
  out.push(
    table(
      ['rule', ...whereHead, 'source', 'resources', 'compliant', 'non-compliant', 'not applicable', 'note'],
      [
        ...summary.map((s) => [s.rule, ...where(s), s.source, s.resources, s.compliant, s.nonCompliant, s.notApplicable, s.note]),
        ...failed,
      ],
      { width },
    ),
  );
  const all = run.results.flatMap((r) => r.evaluations);
  const n = (t: string) => all.filter((e) => e.ComplianceType === t).length;
  const errors = run.results.filter((r) => r.error).length;
  const scope = accounts
    ? `${plural(run.accounts?.length ?? 0, 'account')} (${(run.accounts ?? []).join(', ')})`
    : `account ${run.accountId ?? 'unknown'}`;
  out.push(
    `${plural(all.length, 'evaluation')} by ${plural(new Set(run.results.map((r) => r.rule)).size, 'rule')} in ${scope}, ${run.regions.join(', ')}: ` +
      `${n('NON_COMPLIANT')} non-compliant, ${n('COMPLIANT')} compliant, ${n('NOT_APPLICABLE')} not applicable` +
      (errors > 0 ? `; ${plural(errors, 'rule run')} failed` : '') +
      (run.failures?.length ? `; ${plural(run.failures.length, 'account')} not scanned` : ''),
  );
  return out.join('\n') + '\n';
}

export interface ScanCommandOptions {
  rule: string[];
  region: string[];
  format: 'table' | 'json' | 'junit';
  failOn?: 'non-compliant';
  concurrency: string;
  params?: string;
  paramsFile?: string;
  tag?: string;
  roleName?: string;
  accounts?: string;
  organization?: boolean;
}

/** Every input is checked before the first AWS call: a mistake is one line and exit 2. */
function parseInputs(options: ScanCommandOptions) {
  const selected = options.rule.length > 0 ? [...new Set(options.rule)].map(requireRule) : registry;
  const concurrency = Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new UsageError(`--concurrency must be a whole number from 1 to 64, got ${options.concurrency}`);
  }
  if (options.params !== undefined && options.paramsFile !== undefined) throw new UsageError('use --params or --params-file, not both');
  const params: RuleParams =
    options.params !== undefined ? parseParamsJson(options.params) : options.paramsFile !== undefined ? readParamsFile(options.paramsFile) : {};
  const scope = options.tag !== undefined ? parseScopeTag(options.tag) : undefined;
  checkAccountOptions(options);
  // The scope tag and each rule's own parameters together, as the deploy merges them.
  for (const rule of selected) paramsFor(rule, { ...scope, ...params[rule.id] });
  return { selected, concurrency, params, scope };
}

export async function scanCommand(options: ScanCommandOptions) {
  const { selected, concurrency, params, scope } = parseInputs(options);
  const regions = options.region.length > 0 ? [...new Set(options.region)] : [await defaultRegion()];
  const accounts = await accountTargets(options, regions[0]!);

  // The bar goes to a terminal only, and never next to machine output.
  const showBar = options.format === 'table' && process.stderr.isTTY === true;
  const bar = showBar
    ? new cliProgress.SingleBar(
        { stream: process.stderr, format: 'scanning {bar} {value}/{total} rule runs | {rule}', hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  bar?.start(selected.length * regions.length * accounts.length, 0, { rule: '' });
  let run: ScanRun;
  try {
    run = await runScan({
      rules: selected,
      regions,
      accounts,
      params,
      ...(scope ? { scope } : {}),
      concurrency,
      onRuleDone: (rule) => bar?.increment(1, { rule }),
    });
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
    // Machine output stays on stdout; what could not be read is said on stderr, one line each.
    const several = severalAccounts(run);
    for (const f of run.failures ?? []) process.stderr.write(`ml-config-rules: account ${f.account}${f.region ? ` (${f.region})` : ''} not scanned: ${f.error}\n`);
    for (const r of failed) process.stderr.write(`ml-config-rules: rule ${r.rule} (${several && r.account ? `${r.account} ` : ''}${r.region}) failed: ${r.error}\n`);
    for (const r of run.results) for (const s of r.skipped) process.stderr.write(`ml-config-rules: rule ${r.rule} (${r.region}) skipped ${s}\n`);
  }
  const nonCompliant = run.results.some((r) => r.evaluations.some((e) => e.ComplianceType === 'NON_COMPLIANT'));
  if (failed.length > 0 || (run.failures?.length ?? 0) > 0 || (options.failOn === 'non-compliant' && nonCompliant)) process.exitCode = 1;
}
