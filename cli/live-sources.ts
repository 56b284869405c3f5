// Sources for a live account, without anything deployed: the engine's `Sources` answered from
// AWS Config when its recorder records a type, else straight from the service APIs through the
// direct adapters (Config-shaped items), and from the inventory adapters for rules whose
// resources Config does not record. Listings are shared between rules that check the same type.
import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
} from '@aws-sdk/client-config-service';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { append } from '../rules/_core/arrays.js';
import { clientConfig, type ClientOptions } from '../rules/_core/clients.js';
import { batchGetItems } from '../rules/_core/config-reads.js';
import { configSources, recordedPages, type InventoryLoaders } from '../rules/_core/config-sources.js';
import type { Sources } from '../rules/_core/engine.js';
import { resourceKey, type ConfigItem } from '../rules/_core/items.js';
import { describeFieldsOf, readsOf } from '../rules/_core/reads.js';
import { typeSourceOf } from '../rules/_core/recording.js';
import { recorderRecords } from '../rules/_core/recording-group.js';
import type { LookupKey, Read, Rule } from '../rules/_core/rule.js';
import { directLoaders, type DirectLoaders } from './direct/index.js';
import { inventoryAdapterOf, type InventoryAdapter } from '../rules/_core/inventory.js';
import { inventoryLoaders } from '../rules/_inventory/index.js';
import { errorText, nameFailedCalls } from './aws-errors.js';
import { UsageError } from './output.js';

export { errorText, nameFailedCalls } from './aws-errors.js';

export interface RegionClients {
  region: string;
  config: ConfigServiceClient;
  sagemaker: SageMakerClient;
  s3: S3Client;
  sts: STSClient;
  tagging: ResourceGroupsTaggingAPIClient;
}

/**
 * Clients for one Region: standard credential chain (or the given credentials, e.g. an assumed
 * role), AWS_ENDPOINT_URL, the pack's retry settings. Each client has its own retry strategy, so
 * adaptive rate limiting slows only the API that throttles.
 */
export function regionClients(region: string, extra: Omit<ClientOptions, 'region'> = {}): RegionClients {
  const options = () => clientConfig({ region, ...extra });
  return {
    region,
    config: nameFailedCalls(new ConfigServiceClient(options())),
    sagemaker: nameFailedCalls(new SageMakerClient(options())),
    s3: nameFailedCalls(new S3Client({ ...options(), followRegionRedirects: true })),
    sts: nameFailedCalls(new STSClient(options())),
    tagging: nameFailedCalls(new ResourceGroupsTaggingAPIClient(options())),
  };
}

/** The Region the SDK would use (AWS_REGION, the profile), or a one-line usage error. */
export async function defaultRegion(): Promise<string> {
  try {
    const region = await new STSClient(clientConfig()).config.region();
    if (region) return region;
  } catch {
    // reported below
  }
  throw new UsageError('no AWS Region: pass --region or set AWS_REGION (or a region in your AWS profile)');
}

export async function accountIdOf(clients: RegionClients): Promise<string | undefined> {
  const out = await clients.sts.send(new GetCallerIdentityCommand({}));
  return out.Account;
}

export interface RecorderState {
  /** A recorder is on (DescribeConfigurationRecorderStatus says recording). */
  recording: boolean;
  /** Does the recorder that is on record this resource type? */
  records(resourceType: string): boolean;
}

/** Which types Config records here: a recorder that is on, and its recording group. */
export async function recorderState(config: ConfigServiceClient): Promise<RecorderState> {
  const [status, described] = await Promise.all([
    config.send(new DescribeConfigurationRecorderStatusCommand({})),
    config.send(new DescribeConfigurationRecordersCommand({})),
  ]);
  const on = new Set((status.ConfigurationRecordersStatus ?? []).filter((s) => s.recording).map((s) => s.name));
  const recorders = (described.ConfigurationRecorders ?? []).filter((r) => on.has(r.name));
  return {
    recording: on.size > 0,
    records: (type) => recorders.some((r) => recorderRecords(r, type)),
  };
}

/** Where a rule's items of one type come from in a scan. */
export type SourceKind = 'config' | 'inventory' | 'direct' | 'none';

export const SOURCE_LABELS: Record<SourceKind, (type: string) => string> = {
  config: () => 'Config',
  inventory: () => 'SageMaker API',
  direct: (type) => (type.startsWith('AWS::S3::') ? 'S3 API' : 'SageMaker API'),
  none: () => 'not read',
};

export interface LiveSourcesOptions {
  clients: RegionClients;
  recorder: RecorderState;
  accountId: string | undefined;
  /**
   * The rules this scan runs, with their validated parameters: a listing fetches the union of
   * what they read. Without it, listings fetch everything their adapter can.
   */
  plan?: readonly { rule: Rule; params: Record<string, unknown> }[];
  /** Describe calls in flight at once, per listing. */
  concurrency?: number;
  now?: Date;
  inventory?: InventoryLoaders;
  direct?: DirectLoaders;
  /** A listing's read that found its source wrong and worked around it (tags GetResources left out). */
  onWarning?: (message: string) => void;
}

export interface LiveSources extends Sources {
  /** A rule's current items of every type, page by page: a scan always lists. */
  listPages: NonNullable<Sources['listPages']>;
  sourceOf(rule: Rule, resourceType: string): SourceKind;
  /** Types a rule's listing could not read (the others were still evaluated). */
  failuresOf(ruleId: string): string[];
  /** The scan's listings: one per source, type and window, with the planned rules it serves. */
  listingsOf(plan: readonly { rule: Rule; params: Record<string, unknown> }[]): SharedListing[];
  /**
   * One listing's pages as they arrive, read once for every rule it serves; a read that fails is
   * noted in `failedReads` (its rules fail, the others stand), a listing that fails throws.
   */
  pagesOf(listing: SharedListing, failedReads: Map<Read, unknown>): AsyncIterable<ConfigItem[]>;
  /** Record that a type of this rule could not be read, with why (failuresOf). */
  fail(rule: Rule, message: string): void;
}

/** A listing the scan reads once: its source, type and parameters, and the planned rules it serves. */
export interface SharedListing {
  kind: SourceKind;
  type: string;
  params: Record<string, unknown>;
  rules: { rule: Rule; params: Record<string, unknown> }[];
}

export const READ_LABELS: Record<Read, string> = {
  describe: 'the Describe output',
  tags: 'tags',
  monitoringSchedules: 'monitoring schedules',
  latestModelPackage: 'the newest model package',
};

export function liveSources(options: LiveSourcesOptions): LiveSources {
  const { clients, recorder } = options;
  const inventory = options.inventory ?? inventoryLoaders;
  const direct = options.direct ?? directLoaders;
  const singles = new Map<string, Promise<ConfigItem | undefined>>();
  const failures = new Map<string, string[]>();
  const context = (params: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    params,
    accountId: options.accountId,
    sagemaker: clients.sagemaker,
    tagging: clients.tagging,
    s3: clients.s3,
    region: clients.region,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
    ...extra,
  });

  // As in Lambda (recording.ts): types the pack does not record come from their inventory adapter.
  const sourceOf = (rule: Rule, type: string): SourceKind => {
    if (typeSourceOf(rule, type) === 'inventory' && (rule.source === 'inventory' || inventory[type]))
      return 'inventory';
    if (recorder.records(type)) return 'config';
    return direct[type] ? 'direct' : 'none';
  };

  // Only `lookbackDays` changes what an adapter lists; every other parameter leaves it alone.
  const listingKey = (kind: SourceKind, type: string, params: Record<string, unknown>) =>
    `${kind}|${type}|${kind === 'inventory' ? String(params.lookbackDays ?? '') : ''}`;

  /** The planned rules one listing serves: what they read, and the scope tag when they all share it. */
  function sharedBy(key: string, type: string) {
    const users = (options.plan ?? []).filter(
      (p) => p.rule.resourceTypes.includes(type) && listingKey(sourceOf(p.rule, type), type, p.params) === key,
    );
    if (users.length === 0) return {};
    const reads = new Set<Read>(users.flatMap((u) => [...readsOf(u.rule, u.params)]));
    const scopes = new Set(
      users.map((u) => JSON.stringify([u.params.scopeTagKey ?? null, u.params.scopeTagValue ?? null])),
    );
    return { reads, commonScope: scopes.size === 1 };
  }

  /**
   * A listing's pages as they arrive: Config's inventory a page of 100 at a time, an adapter's
   * pages where it reads in pages, else its listing as one page. Nothing is held once a page has
   * been handed on.
   */
  async function* pagesOf(listing: SharedListing, failedReads: Map<Read, unknown>): AsyncGenerator<ConfigItem[]> {
    const { kind, type, params } = listing;
    if (kind === 'none') return;
    if (kind === 'config') {
      yield* recordedPages(clients.config, type);
      return;
    }
    const rule = listing.rules[0]?.rule;
    const load = inventoryAdapterOf<() => Promise<InventoryAdapter>>(
      kind === 'inventory' ? inventory : direct,
      rule?.id ?? 'scan',
      type,
    );
    const { reads, commonScope } = sharedBy(listingKey(kind, type, params), type);
    // The Tagging API filters by the scope tag only when every rule of the listing has that scope.
    const { scopeTagKey: _k, scopeTagValue: _v, ...unscoped } = params;
    const adapter = await load();
    const fields = listing.rules.length > 0 ? describeFieldsOf(listing.rules) : undefined;
    const context_ = context(commonScope === false ? unscoped : params, {
      ...(reads ? { reads } : {}),
      ...(fields ? { describeFields: fields } : {}),
      onReadFailure: (read: Read, error: unknown) => failedReads.set(read, error),
    });
    if (adapter.pages) yield* adapter.pages(context_);
    else yield await adapter.list(context_);
  }

  function listingsOf(plan: readonly { rule: Rule; params: Record<string, unknown> }[]): SharedListing[] {
    const byKey = new Map<string, SharedListing>();
    for (const entry of plan) {
      for (const type of entry.rule.resourceTypes) {
        const kind = sourceOf(entry.rule, type);
        const key = listingKey(kind, type, entry.params);
        let listing = byKey.get(key);
        if (!listing) byKey.set(key, (listing = { kind, type, params: entry.params, rules: [] }));
        listing.rules.push(entry);
      }
    }
    return [...byKey.values()];
  }

  function fail(rule: Rule, message: string) {
    failures.set(rule.id, [...(failures.get(rule.id) ?? []), message]);
  }

  const config = configSources({ config: clients.config });
  return {
    sourceOf,
    getItem: config.getItem,
    failuresOf: (ruleId) => failures.get(ruleId) ?? [],
    listingsOf,
    pagesOf,
    fail,
    // One rule's own run over every type, page by page, not shared (the scan shares through
    // listingsOf and pagesOf). Here a read that fails ends the listing, as in Lambda: pages
    // already judged cannot be taken back.
    async *listPages(rule, params) {
      for (const type of rule.resourceTypes) {
        const failedReads = new Map<Read, unknown>();
        for await (const page of pagesOf(
          { kind: sourceOf(rule, type), type, params, rules: [{ rule, params }] },
          failedReads,
        )) {
          if (failedReads.size > 0) break;
          yield page;
        }
        const failed = [...failedReads.keys()];
        if (failed.length > 0)
          throw new Error(`${type} ${READ_LABELS[failed[0]!]}: ${errorText(failedReads.get(failed[0]!))}`);
      }
    },
    async batchGet(keys: LookupKey[]) {
      const found: ConfigItem[] = [];
      const fromConfig: LookupKey[] = [];
      for (const k of keys) {
        if (recorder.records(k.resourceType)) {
          fromConfig.push(k);
          continue;
        }
        const load = direct[k.resourceType];
        if (!load) continue;
        const id = resourceKey(k.resourceType, k.resourceId);
        let single = singles.get(id);
        if (!single) singles.set(id, (single = load().then((a) => a.get(context({}), k.resourceId))));
        const item = await single;
        if (item) found.push(item);
      }
      if (fromConfig.length > 0) append(found, await batchGetItems(clients.config, fromConfig));
      return found;
    },
  };
}
