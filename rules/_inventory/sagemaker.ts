// Shared by the SageMaker inventory adapters: the client, tags, and the item shape.
import { SageMakerClient, paginateListTags } from '@aws-sdk/client-sagemaker';
import pMap, { pMapSkip } from 'p-map';
import { clientConfig, type ClientOptions } from '../_core/clients.js';
import type { InventoryContext } from '../_core/inventory.js';
import type { ConfigItem } from '../_core/items.js';

/** Describe calls in flight at once: fast enough for thousands of resources, gentle on throttling. */
export const DEFAULT_CONCURRENCY = 8;

export interface SageMakerContext extends InventoryContext {
  sagemaker?: SageMakerClient;
  clientOptions?: ClientOptions;
  concurrency?: number;
  now?: Date;
}

const clients = new Map<string, SageMakerClient>();

export function sagemakerOf(context: SageMakerContext): SageMakerClient {
  if (context.sagemaker) return context.sagemaker;
  const key = context.accountId ?? 'default';
  let client = clients.get(key);
  if (!client) clients.set(key, (client = new SageMakerClient(clientConfig(context.clientOptions))));
  return client;
}

export async function tagsOf(sagemaker: SageMakerClient, resourceArn: string): Promise<Record<string, string>> {
  const tags: Record<string, string> = {};
  for await (const page of paginateListTags({ client: sagemaker, pageSize: 100 }, { ResourceArn: resourceArn })) {
    for (const t of page.Tags ?? []) if (t.Key) tags[t.Key] = t.Value ?? '';
  }
  return tags;
}

/** arn:aws:sagemaker:<region>:<account>:<type>/<name> */
function arnParts(arn: string): { region?: string; account?: string } {
  const parts = arn.split(':');
  return { region: parts[3] || undefined, account: parts[4] || undefined };
}

export function inventoryItem(
  resourceType: string,
  name: string,
  arn: string,
  tags: Record<string, string>,
  configuration: Record<string, any>,
  context: SageMakerContext,
): ConfigItem {
  const { region, account } = arnParts(arn);
  const item: ConfigItem = {
    resourceType,
    resourceId: name,
    resourceName: name,
    arn,
    configurationItemStatus: 'OK',
    configurationItemCaptureTime: (context.now ?? new Date()).toISOString(),
    tags,
    configuration,
    supplementaryConfiguration: {},
  };
  const accountId = account ?? context.accountId;
  if (accountId) item.awsAccountId = accountId;
  if (region) item.awsRegion = region;
  return item;
}

/** SageMaker's ways of saying a resource is gone (Describe on a deleted endpoint is a ValidationException). */
export function isGone(error: unknown): boolean {
  const e = error as { name?: string; message?: string };
  return e?.name === 'ResourceNotFound' || (e?.name === 'ValidationException' && /could not find|does not exist|not found/i.test(e.message ?? ''));
}

/**
 * Describe each listed resource with bounded concurrency. A resource deleted between the listing
 * and its Describe call is left out (the listing is a snapshot); every other error fails the run.
 */
export function describeEach<T>(listed: T[], context: SageMakerContext, describe: (entry: T) => Promise<ConfigItem>): Promise<ConfigItem[]> {
  return pMap(
    listed,
    async (entry) => {
      try {
        return await describe(entry);
      } catch (error) {
        if (isGone(error)) return pMapSkip;
        throw error;
      }
    },
    { concurrency: context.concurrency ?? DEFAULT_CONCURRENCY },
  );
}
