// What a change event needs from AWS Config: an oversized item as Config recorded it, and the
// items a rule looks up. A change-triggered rule's bundle carries these reads and no listing.
import {
  BatchGetResourceConfigCommand,
  GetResourceConfigHistoryCommand,
  type ConfigServiceClient,
  type ResourceKey,
  type ResourceType,
} from '@aws-sdk/client-config-service';
import type { Sources } from './engine.js';
import { batches } from './evaluations.js';
import { normaliseItem, type ConfigItem } from './items.js';
import type { LookupKey } from './rule.js';

export type ConfigReads = Pick<Sources, 'getItem' | 'batchGet'>;

export function configReads(config: ConfigServiceClient): ConfigReads {
  return {
    async getItem(resourceType, resourceId, laterTime) {
      const out = await config.send(
        new GetResourceConfigHistoryCommand({
          resourceType: resourceType as ResourceType,
          resourceId,
          laterTime: new Date(laterTime),
          limit: 1,
        }),
      );
      const first = out.configurationItems?.[0];
      return first ? normaliseItem(first) : undefined;
    },

    batchGet: (keys) => batchGetItems(config, keys),
  };
}

/** BatchGetResourceConfig in batches of 100, retrying the keys Config left unprocessed. */
export async function batchGetItems(config: ConfigServiceClient, keys: LookupKey[]): Promise<ConfigItem[]> {
  const items: ConfigItem[] = [];
  for (const batch of batches(keys, 100)) {
    let pending: ResourceKey[] = batch.map((k) => ({
      resourceType: k.resourceType as ResourceType,
      resourceId: k.resourceId,
    }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt === 5) {
        throw new Error(`BatchGetResourceConfig left ${pending.length} keys unprocessed after 5 attempts`);
      }
      const out = await config.send(new BatchGetResourceConfigCommand({ resourceKeys: pending }));
      for (const base of out.baseConfigurationItems ?? []) items.push(normaliseItem(base));
      pending = out.unprocessedResourceKeys ?? [];
    }
  }
  return items;
}
