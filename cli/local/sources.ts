// Sources served from configuration items in memory (fixture files, `--lookup` files): how the
// local runner answers oversized fetches, scheduled listings and lookups without AWS.
import type { Sources } from '../../rules/_core/engine.js';
import type { ConfigItem } from '../../rules/_core/items.js';

export function localSources(store: ConfigItem[]): Sources {
  const find = (type: string, id: string) => store.filter((i) => i.resourceType === type && i.resourceId === id);
  return {
    async getItem(resourceType, resourceId, laterTime) {
      // The newest item captured at or before laterTime, as GetResourceConfigHistory(limit 1) gives.
      const limit = Date.parse(laterTime);
      const candidates = find(resourceType, resourceId)
        .filter((i) => !i.configurationItemCaptureTime || Date.parse(i.configurationItemCaptureTime) <= limit)
        .sort(
          (a, b) =>
            Date.parse(b.configurationItemCaptureTime ?? '0') - Date.parse(a.configurationItemCaptureTime ?? '0'),
        );
      return candidates[0];
    },
    async listItems(rule) {
      return store.filter((i) => rule.resourceTypes.includes(i.resourceType));
    },
    async batchGet(keys) {
      return keys.flatMap((k) => find(k.resourceType, k.resourceId).slice(-1));
    },
  };
}
