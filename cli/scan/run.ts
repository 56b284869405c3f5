// What the rules would say about the live account now: each rule runs as its periodic Lambda run
// would (the engine's scheduled path), over items from Config's inventory, the direct adapters or
// the inventory adapters (see ../live-sources.ts); nothing is reported to Config.
import pMap from 'p-map';
import { paramsFor, scheduledEvaluations, type Sources } from '../../rules/_core/engine.js';
import type { ConfigItem } from '../../rules/_core/items.js';
import { readsOf } from '../../rules/_core/reads.js';
import type { Evaluation } from '../../rules/_core/evaluations.js';
import type { ParsedEvent } from '../../rules/_core/event.js';
import type { Read, Rule } from '../../rules/_core/rule.js';
import type { Suppression } from '../../rules/_core/suppressions.js';
import {
  accountIdOf,
  errorText,
  liveSources,
  READ_LABELS,
  recorderState,
  regionClients,
  SOURCE_LABELS,
  type LiveSourcesOptions,
  type RegionClients,
} from '../live-sources.js';
import type { RuleParams } from '../rule-params.js';
import { reachAccount, type AccountTarget } from '../scan-accounts.js';
import { append } from '../../rules/_core/arrays.js';

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
  /** The ARN of each resource evaluated, by `<type> <id>`, where its item has one (SARIF's logical location). */
  arns?: Record<string, string>;
}

/** A read that found its source wrong and worked around it (tags GetResources left out): said once. */
export interface ScanWarning {
  account?: string;
  region: string;
  message: string;
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
  warnings?: ScanWarning[];
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
  /** Accepted exceptions (--suppressions), already checked. */
  suppressions?: readonly Suppression[];
  sourceOptions?: Partial<Pick<LiveSourcesOptions, 'inventory' | 'direct'>>;
}

/** Each rule's raw and validated parameters: the scope tag, then its own (which may set another scope). */
function planOf(options: RunScanOptions) {
  return options.rules.map((rule) => {
    const raw = { ...options.scope, ...options.params?.[rule.id] };
    return { rule, raw, params: paramsFor(rule, raw) as Record<string, unknown> };
  });
}

async function scanRegion(
  options: RunScanOptions,
  clients: RegionClients,
  accountId: string | undefined,
  plan: ReturnType<typeof planOf>,
  now: Date,
  onWarning: (warning: ScanWarning) => void,
) {
  const recorder = await recorderState(clients.config);
  const sources = liveSources({
    clients,
    recorder,
    accountId,
    now,
    plan,
    onWarning: (message) =>
      onWarning({ ...(accountId ? { account: accountId } : {}), region: clients.region, message }),
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
  // Each listing is read once, page by page, and each page judged by every rule it serves as it
  // arrives: the scan holds evaluations, never a listing's items (a training job's are several KB).
  const scans = new Map(
    plan.map(({ rule }) => {
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
        arns: {},
      };
      // Per type, in the rule's order of types; a type whose read failed is dropped whole.
      const byType = new Map<string, Evaluation[]>(rule.resourceTypes.map((t) => [t, []]));
      return [rule.id, { result, byType, error: undefined as string | undefined, listingsLeft: 0 }];
    }),
  );
  const plannedRaw = new Map(plan.map((p) => [p.rule.id, p.raw]));
  const listings = sources.listingsOf(plan);
  for (const listing of listings) for (const { rule } of listing.rules) scans.get(rule.id)!.listingsLeft++;
  const judge = async (rule: Rule, type: string, page: ConfigItem[]) => {
    const scan = scans.get(rule.id)!;
    if (scan.error) return;
    const onePage: Sources = {
      getItem: (t, id, time) => sources.getItem(t, id, time),
      batchGet: (keys) => sources.batchGet(keys),
      listPages: async function* () {
        yield page;
      },
    };
    try {
      for await (const evaluations of scheduledEvaluations(rule, event, onePage, {
        paramOverrides: plannedRaw.get(rule.id)!,
        ...(options.suppressions ? { suppressions: options.suppressions } : {}),
      }))
        append(scan.byType.get(type)!, evaluations);
      for (const i of page) if (i.arn) scan.result.arns![`${i.resourceType} ${i.resourceId}`] = i.arn;
    } catch (error) {
      // The rule could not judge an item (a malformed one, a failed lookup): no verdicts, never a guess.
      scan.error = errorText(error);
    }
  };
  const done = (rule: Rule) => {
    const scan = scans.get(rule.id)!;
    if (--scan.listingsLeft === 0) options.onRuleDone?.(rule.id, clients.region);
  };
  await pMap(
    listings,
    async (listing) => {
      const failedReads = new Map<Read, unknown>();
      try {
        for await (const page of sources.pagesOf(listing, failedReads))
          for (const { rule } of listing.rules) await judge(rule, listing.type, page);
      } catch (error) {
        // One unreadable type (an API the account or endpoint lacks) must not hide the others;
        // the failure is reported with the rule, and no verdict is made up for that type.
        for (const { rule } of listing.rules) {
          sources.fail(rule, `${listing.type}: ${errorText(error)}`);
          scans.get(rule.id)!.byType.set(listing.type, []);
          done(rule);
        }
        return;
      }
      for (const { rule, params } of listing.rules) {
        // A read this rule needs failed: its items of this type were judged on missing data.
        const failed = [...readsOf(rule, params)].filter((r) => failedReads.has(r));
        for (const r of failed)
          sources.fail(rule, `${listing.type} ${READ_LABELS[r]}: ${errorText(failedReads.get(r))}`);
        if (failed.length > 0) scans.get(rule.id)!.byType.set(listing.type, []);
        done(rule);
      }
    },
    { concurrency: options.ruleConcurrency ?? 4 },
  );
  return plan.map(({ rule }) => {
    const scan = scans.get(rule.id)!;
    if (scan.listingsLeft > 0) options.onRuleDone?.(rule.id, clients.region);
    if (scan.error) {
      const { arns: _notJudged, ...result } = scan.result;
      return { ...result, error: scan.error };
    }
    for (const type of rule.resourceTypes) append(scan.result.evaluations, scan.byType.get(type)!);
    const failures = sources.failuresOf(rule.id);
    // The types that could be read still count; the failed ones gave no verdict at all.
    if (failures.length > 0) scan.result.error = failures.join('; ');
    return scan.result;
  });
}

export async function runScan(options: RunScanOptions): Promise<ScanRun> {
  const clientsFor =
    options.clientsFor ??
    ((region: string, target?: AccountTarget) =>
      regionClients(region, target?.credentials ? { credentials: target.credentials } : {}));
  const now = options.now ?? new Date();
  const plan = planOf(options);
  const targets = options.accounts ?? [{}];
  const results: RuleScan[] = [];
  const failures: AccountFailure[] = [];
  // One listing serves several rules, and two listings may find the same thing: each said once.
  const warnings = new Map<string, ScanWarning>();
  const warn = (w: ScanWarning) => warnings.set(JSON.stringify([w.account, w.region, w.message]), w);
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
        return { accountId, results: await scanRegion(options, clients, accountId, plan, now, warn) };
      } catch (error) {
        return { failure: { account: accountId ?? target.accountId ?? 'unknown', region, error: errorText(error) } };
      }
    },
    { concurrency: options.targetConcurrency ?? 4 },
  );
  for (const s of scanned) {
    if ('failure' in s && s.failure) {
      if (!failures.some((f) => f.account === s.failure.account && !f.region && !s.failure.region))
        failures.push(s.failure);
      continue;
    }
    if (s.accountId && !accounts.includes(s.accountId)) accounts.push(s.accountId);
    append(results, s.results ?? []);
  }
  const accountId = accounts[0] ?? targets[0]?.accountId;
  return {
    accountId,
    accounts,
    regions: options.regions,
    results,
    ...(failures.length > 0 ? { failures } : {}),
    ...(warnings.size > 0 ? { warnings: [...warnings.values()] } : {}),
  };
}
