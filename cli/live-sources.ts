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
import { configSources, listRecorded, type InventoryLoaders } from '../rules/_core/config-sources.js';
import type { Sources } from '../rules/_core/engine.js';
import { resourceKey, type ConfigItem } from '../rules/_core/items.js';
import { readsOf } from '../rules/_core/reads.js';
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
  /** Every current item of a rule's types: a scan always lists. */
  listItems: NonNullable<Sources['listItems']>;
  sourceOf(rule: Rule, resourceType: string): SourceKind;
  /** Types a rule's listing could not read (the others were still evaluated). */
  failuresOf(ruleId: string): string[];
}

/** A shared listing: its items, and the reads that failed (their rules fail; the others stand). */
interface Listing {
  items: ConfigItem[];
  failedReads: Map<Read, unknown>;
}

const READ_LABELS: Record<Read, string> = {
  describe: 'the Describe output',
  tags: 'tags',
  monitoringSchedules: 'monitoring schedules',
  latestModelPackage: 'the newest model package',
};

export function liveSources(options: LiveSourcesOptions): LiveSources {
  const { clients, recorder } = options;
  const inventory = options.inventory ?? inventoryLoaders;
  const direct = options.direct ?? directLoaders;
  const listings = new Map<string, Promise<Listing>>();
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

  function list(kind: SourceKind, type: string, params: Record<string, unknown>, rule: Rule): Promise<Listing> {
    const key = listingKey(kind, type, params);
    let listing = listings.get(key);
    if (!listing) {
      listing = (async (): Promise<Listing> => {
        const failedReads = new Map<Read, unknown>();
        if (kind === 'config') return { items: await listRecorded(clients.config, type), failedReads };
        if (kind === 'none') return { items: [], failedReads };
        const load = inventoryAdapterOf<() => Promise<InventoryAdapter>>(
          kind === 'inventory' ? inventory : direct,
          rule.id,
          type,
        );
        const { reads, commonScope } = sharedBy(key, type);
        // The Tagging API filters by the scope tag only when every rule of the listing has that scope.
        const { scopeTagKey: _k, scopeTagValue: _v, ...unscoped } = params;
        const listed = await (await load()).list(
          context(commonScope === false ? unscoped : params, {
            ...(reads ? { reads } : {}),
            onReadFailure: (read: Read, error: unknown) => failedReads.set(read, error),
          }),
        );
        return { items: listed, failedReads };
      })();
      listings.set(key, listing);
    }
    return listing;
  }

  const fail = (rule: Rule, message: string) => failures.set(rule.id, [...(failures.get(rule.id) ?? []), message]);

  const config = configSources({ config: clients.config });
  return {
    sourceOf,
    getItem: config.getItem,
    failuresOf: (ruleId) => failures.get(ruleId) ?? [],
    async listItems(rule, params) {
      const items: ConfigItem[] = [];
      const reads = readsOf(rule, params);
      for (const type of rule.resourceTypes) {
        let listing: Listing;
        try {
          listing = await list(sourceOf(rule, type), type, params, rule);
        } catch (error) {
          // One unreadable type (an API the account or endpoint lacks) must not hide the others;
          // the failure is reported with the rule, and no verdict is made up for that type.
          fail(rule, `${type}: ${errorText(error)}`);
          continue;
        }
        // A read this rule needs failed: its items of this type would be judged on missing data.
        const failed = [...reads].filter((r) => listing.failedReads.has(r));
        if (failed.length > 0) {
          for (const r of failed) fail(rule, `${type} ${READ_LABELS[r]}: ${errorText(listing.failedReads.get(r))}`);
          continue;
        }
        append(items, listing.items);
      }
      return items;
    },
    async batchGet(keys: LookupKey[]) {
      const found: ConfigItem[] = [];
      const fromConfig: LookupKey[] = [];
      for (const k of keys) {
        // A type already listed in this scan answers from that listing, when it holds the Describe
        // output (Config's items always do; a direct listing when some rule read it).
        const kind = recorder.records(k.resourceType) ? 'config' : 'direct';
        const key = `${kind}|${k.resourceType}|`;
        const listed = listings.get(key);
        const usable = listed ? await listed.catch(() => undefined) : undefined;
        const described = kind === 'config' || (sharedBy(key, k.resourceType).reads?.has('describe') ?? true);
        if (usable && described && !usable.failedReads.has('describe')) {
          const item = usable.items.find((i) => i.resourceId === k.resourceId);
          if (item) found.push(item);
          continue;
        }
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
