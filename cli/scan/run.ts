// What the rules would say about the live account now: each rule runs as its periodic Lambda run
// would (the engine's scheduled path), over items from Config's inventory, the direct adapters or
// the inventory adapters (see ../live-sources.ts); nothing is reported to Config.
import pMap from 'p-map';
import { evaluateEvent, paramsFor, type Sources } from '../../rules/_core/engine.js';
import type { Evaluation } from '../../rules/_core/evaluations.js';
import type { ParsedEvent } from '../../rules/_core/event.js';
import type { Rule } from '../../rules/_core/rule.js';
import type { Suppression } from '../../rules/_core/suppressions.js';
import {
  accountIdOf,
  errorText,
  liveSources,
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
      // The listing as the engine reads it, noting each item's ARN on the way.
      const arns: Record<string, string> = {};
      const noting: Sources = {
        getItem: (type, id, time) => sources.getItem(type, id, time),
        batchGet: (keys) => sources.batchGet(keys),
        listItems: async (r, params, account) => {
          const items = await sources.listItems(r, params, account);
          for (const i of items) if (i.arn) arns[`${i.resourceType} ${i.resourceId}`] = i.arn;
          return items;
        },
      };
      try {
        const evaluations = (
          await evaluateEvent(rule, event, noting, {
            paramOverrides: raw,
            ...(options.suppressions ? { suppressions: options.suppressions } : {}),
          })
        ).evaluations;
        result.arns = arns;
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
