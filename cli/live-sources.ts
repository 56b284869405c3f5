// Sources for a live account, without anything deployed: the engine's `Sources` answered from
// AWS Config when its recorder records a type, else straight from the service APIs through the
// direct adapters (Config-shaped items), and from the inventory adapters for rules whose
// resources Config does not record. Listings are shared between rules that check the same type.
import { ConfigServiceClient, DescribeConfigurationRecordersCommand, DescribeConfigurationRecorderStatusCommand } from '@aws-sdk/client-config-service';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { clientConfig } from '../rules/_core/clients.js';
import { batchGetItems, configSources, listRecorded, type InventoryLoaders } from '../rules/_core/config-sources.js';
import type { Sources } from '../rules/_core/engine.js';
import type { ConfigItem } from '../rules/_core/items.js';
import type { LookupKey, Rule } from '../rules/_core/rule.js';
import { directLoaders, type DirectLoaders } from '../rules/_inventory/direct/index.js';
import { inventoryLoaders } from '../rules/_inventory/index.js';
import { UsageError } from './output.js';

export interface RegionClients {
  region: string;
  config: ConfigServiceClient;
  sagemaker: SageMakerClient;
  s3: S3Client;
  sts: STSClient;
}

/** Clients for one Region: standard credential chain, AWS_ENDPOINT_URL, standard retries. */
export function regionClients(region: string): RegionClients {
  const options = clientConfig({ region });
  return {
    region,
    config: nameFailedCalls(new ConfigServiceClient(options)),
    sagemaker: nameFailedCalls(new SageMakerClient(options)),
    s3: nameFailedCalls(new S3Client({ ...options, followRegionRedirects: true })),
    sts: nameFailedCalls(new STSClient(options)),
  };
}

type AnyClient = ConfigServiceClient | SageMakerClient | S3Client | STSClient;

/** SDK errors do not say which call failed; a scan makes hundreds, so name it on the error. */
export function nameFailedCalls<C extends AnyClient>(client: C): C {
  (client.middlewareStack as ConfigServiceClient['middlewareStack']).add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (error && typeof error === 'object' && !('operation' in error)) {
          Object.assign(error, { operation: String(context.commandName ?? '').replace(/Command$/, '') });
        }
        throw error;
      }
    },
    { step: 'initialize', name: 'nameFailedCalls' },
  );
  return client;
}

/** An error as one line: the call, the error, its first line, and the HTTP status when there was one. */
export function errorText(error: unknown): string {
  const e = error as { name?: string; message?: string; operation?: string; $metadata?: { httpStatusCode?: number; attempts?: number } };
  const message = String(e?.message ?? error).split('\n')[0]!.trim();
  const status = e?.$metadata?.httpStatusCode;
  const attempts = e?.$metadata?.attempts;
  return (
    `${e?.operation ? `${e.operation}: ` : ''}${e?.name ?? 'Error'}: ${message}` +
    (status ? ` (HTTP ${status}${attempts && attempts > 1 ? ` after ${attempts} attempts` : ''})` : '')
  );
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
  const groups = (described.ConfigurationRecorders ?? []).filter((r) => on.has(r.name)).map((r) => r.recordingGroup);
  return {
    recording: on.size > 0,
    records: (type) =>
      groups.some((g) => {
        if (!g) return true; // a recorder without a recording group records every supported type
        const strategy = g.recordingStrategy?.useOnly;
        if (strategy === 'EXCLUSION_BY_RESOURCE_TYPES') return !(g.exclusionByResourceTypes?.resourceTypes ?? []).includes(type as never);
        if (strategy === 'INCLUSION_BY_RESOURCE_TYPES' || g.allSupported === false) return (g.resourceTypes ?? []).includes(type as never);
        return true;
      }),
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
  /** Describe calls in flight at once, per listing. */
  concurrency?: number;
  now?: Date;
  inventory?: InventoryLoaders;
  direct?: DirectLoaders;
}

export interface LiveSources extends Sources {
  sourceOf(rule: Rule, resourceType: string): SourceKind;
  /** Types a rule's listing could not read (the others were still evaluated). */
  failuresOf(ruleId: string): string[];
}

const keyOf = (type: string, id: string) => `${type}\u0000${id}`;

export function liveSources(options: LiveSourcesOptions): LiveSources {
  const { clients, recorder } = options;
  const inventory = options.inventory ?? inventoryLoaders;
  const direct = options.direct ?? directLoaders;
  const listings = new Map<string, Promise<ConfigItem[]>>();
  const singles = new Map<string, Promise<ConfigItem | undefined>>();
  const failures = new Map<string, string[]>();
  const context = (params: Record<string, unknown>) => ({
    params,
    accountId: options.accountId,
    sagemaker: clients.sagemaker,
    s3: clients.s3,
    region: clients.region,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.now ? { now: options.now } : {}),
  });

  const sourceOf = (rule: Rule, type: string): SourceKind => {
    if (rule.source === 'inventory') return 'inventory';
    if (recorder.records(type)) return 'config';
    return direct[type] ? 'direct' : 'none';
  };

  function list(kind: SourceKind, type: string, params: Record<string, unknown>, rule: Rule): Promise<ConfigItem[]> {
    // Only `lookbackDays` changes what an adapter lists; every other parameter leaves it alone.
    const key = `${kind}|${type}|${kind === 'inventory' ? String(params.lookbackDays ?? '') : ''}`;
    let listing = listings.get(key);
    if (!listing) {
      listing = (async () => {
        if (kind === 'config') return listRecorded(clients.config, type);
        if (kind === 'none') return [];
        const load = kind === 'inventory' ? inventory[type] : direct[type];
        if (!load) throw new Error(`rule ${rule.id} lists ${type} through an inventory adapter, but there is none for that type`);
        return (await load()).list(context(params));
      })();
      listings.set(key, listing);
    }
    return listing;
  }

  const config = configSources({ config: clients.config });
  return {
    sourceOf,
    getItem: config.getItem,
    failuresOf: (ruleId) => failures.get(ruleId) ?? [],
    async listItems(rule, params) {
      const items: ConfigItem[] = [];
      for (const type of rule.resourceTypes) {
        try {
          items.push(...(await list(sourceOf(rule, type), type, params, rule)));
        } catch (error) {
          // One unreadable type (an API the account or endpoint lacks) must not hide the others;
          // the failure is reported with the rule, and no verdict is made up for that type.
          failures.set(rule.id, [...(failures.get(rule.id) ?? []), `${type}: ${errorText(error)}`]);
        }
      }
      return items;
    },
    async batchGet(keys: LookupKey[]) {
      const found: ConfigItem[] = [];
      const fromConfig: LookupKey[] = [];
      for (const k of keys) {
        // A type already listed in this scan answers from that listing.
        const listed = listings.get(`${recorder.records(k.resourceType) ? 'config' : 'direct'}|${k.resourceType}|`);
        if (listed) {
          const item = (await listed).find((i) => i.resourceId === k.resourceId);
          if (item) found.push(item);
          continue;
        }
        if (recorder.records(k.resourceType)) {
          fromConfig.push(k);
          continue;
        }
        const load = direct[k.resourceType];
        if (!load) continue;
        const id = keyOf(k.resourceType, k.resourceId);
        let single = singles.get(id);
        if (!single) singles.set(id, (single = load().then((a) => a.get(context({}), k.resourceId))));
        const item = await single;
        if (item) found.push(item);
      }
      if (fromConfig.length > 0) found.push(...(await batchGetItems(clients.config, fromConfig)));
      return found;
    },
  };
}
