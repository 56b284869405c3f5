// An inventory adapter lists resources Config does not record (SageMaker endpoints, training
// jobs, pipelines...) through their own API and returns configuration-item-shaped items:
// resourceType, resourceId = the resource's name, ARN, tags, configuration = the Describe output.
import type { ConfigItem } from './items.js';

export interface InventoryContext {
  /** The rule's validated parameters (e.g. lookbackDays). */
  params: Record<string, unknown>;
  accountId: string | undefined;
  [key: string]: unknown;
}

export interface InventoryAdapter {
  resourceType: string;
  /** The IAM actions `list` calls: the deploy grants exactly these. */
  actions: string[];
  list(context: InventoryContext): Promise<ConfigItem[]>;
}

/** Drop SDK metadata and turn Dates into ISO strings, so an inventory item is plain JSON like a Config item. */
export function toPlainJson<T>(value: T): Record<string, any> {
  const { $metadata: _ignored, ...rest } = value as Record<string, unknown>;
  return JSON.parse(JSON.stringify(rest));
}
