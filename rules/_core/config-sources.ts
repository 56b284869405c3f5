// Sources backed by AWS Config for a rule that runs on a schedule, and for the command: what a
// change needs (config-reads.ts), Config's inventory for recorded types, and the previous results
// of a periodic rule. Inventory adapters (SageMaker API) are loaded on demand, so a bundle loads
// the SageMaker client only when its scheduled run lists a type through one.
import {
  paginateGetComplianceDetailsByConfigRule,
  paginateListDiscoveredResources,
  type ConfigServiceClient,
  type ResourceType,
} from '@aws-sdk/client-config-service';
import type { ClientOptions } from './clients.js';
import type { Sources } from './engine.js';
import type { ConfigItem } from './items.js';
import { batchGetItems, configReads } from './config-reads.js';
import { inventoryAdapterOf, type InventoryAdapter, type InventoryContext } from './inventory.js';
import { readsOf } from './reads.js';
import { scheduledTypesOf, typeSourceOf } from './recording.js';
import type { LookupKey, Rule } from './rule.js';
import { append } from './arrays.js';

export type InventoryLoaders = Record<string, () => Promise<InventoryAdapter>>;

export interface ConfigSourcesOptions {
  config: ConfigServiceClient;
  /** Adapters for the resource types Config does not record, by resource type. */
  inventory?: InventoryLoaders;
  /** Passed to inventory adapters: the account and credentials the run is for. */
  inventoryContext?: Record<string, unknown>;
  /** Credentials of the account the run is for (a member account's assumed role), for the adapters' clients. */
  credentials?: ClientOptions['credentials'];
}

export function configSources(options: ConfigSourcesOptions): Sources {
  const { config } = options;
  async function* listPages(
    rule: Rule,
    params: Record<string, unknown>,
    accountId: string | undefined,
  ): AsyncGenerator<ConfigItem[]> {
    // A change rule's scheduled run lists only the types Config does not record (recording.ts).
    for (const resourceType of scheduledTypesOf(rule)) {
      const load =
        typeSourceOf(rule, resourceType) === 'inventory'
          ? inventoryAdapterOf(options.inventory ?? {}, rule.id, resourceType)
          : undefined;
      if (!load) {
        yield* recordedPages(config, resourceType);
        continue;
      }
      const adapter = await load();
      // Only what this rule reads: a tag rule's run costs the listing and the tag pages.
      const context: InventoryContext = {
        params,
        accountId,
        reads: readsOf(rule, params),
        ...options.inventoryContext,
      };
      if (options.credentials)
        context.clientOptions = {
          ...(context.clientOptions as ClientOptions | undefined),
          credentials: options.credentials,
        };
      if (adapter.pages) yield* adapter.pages(context);
      else yield await adapter.list(context);
    }
  }

  return {
    ...configReads(config),

    listPages,

    async previouslyReported(configRuleName) {
      const keys: LookupKey[] = [];
      const pages = paginateGetComplianceDetailsByConfigRule(
        { client: config, pageSize: 100 },
        { ConfigRuleName: configRuleName, ComplianceTypes: ['COMPLIANT', 'NON_COMPLIANT'] },
      );
      for await (const page of pages) {
        for (const r of page.EvaluationResults ?? []) {
          const q = r.EvaluationResultIdentifier?.EvaluationResultQualifier;
          if (q?.ResourceType && q.ResourceId) keys.push({ resourceType: q.ResourceType, resourceId: q.ResourceId });
        }
      }
      return keys;
    },
  };
}

/** Config's inventory of a recorded type: ListDiscoveredResources, then BatchGetResourceConfig by 100. */
export async function listRecorded(config: ConfigServiceClient, resourceType: string): Promise<ConfigItem[]> {
  const items: ConfigItem[] = [];
  for await (const page of recordedPages(config, resourceType)) append(items, page);
  return items;
}

/** The same, a page of items per page of ListDiscoveredResources (at most 100 each). */
async function* recordedPages(config: ConfigServiceClient, resourceType: string): AsyncGenerator<ConfigItem[]> {
  const pages = paginateListDiscoveredResources(
    { client: config, pageSize: 100 },
    { resourceType: resourceType as ResourceType },
  );
  for await (const page of pages) {
    const keys: LookupKey[] = [];
    for (const r of page.resourceIdentifiers ?? []) {
      if (r.resourceId) keys.push({ resourceType, resourceId: r.resourceId });
    }
    // A page of none asks Config for nothing (batchGetItems sends no call for no keys).
    yield await batchGetItems(config, keys);
  }
}
