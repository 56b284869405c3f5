// Shared by the SageMaker inventory adapters: the clients, tags, the item shape, and the
// assembly of items from a listing plus the reads the rules asked for.
import { dictionary } from '../_core/own.js';
import {
  ResourceGroupsTaggingAPIClient,
  paginateGetResources,
  type TagFilter,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { SageMakerClient, paginateListTags } from '@aws-sdk/client-sagemaker';
import pMap from 'p-map';
import { clientConfig, isUnavailableApi, type ClientOptions } from '../_core/clients.js';
import { optionalRead, toPlainJson, wants, type InventoryContext } from '../_core/inventory.js';
import type { ConfigItem } from '../_core/items.js';
import type { Read } from '../_core/rule.js';
import type { JsonObject } from '../_core/items.js';
import { freshFor, searchRecords, type SearchRead } from './search.js';

/** Describe calls in flight at once: fast enough for thousands of resources, gentle on throttling. */
export const DEFAULT_CONCURRENCY = 8;

/** GetResources returns at most 100 resources per page (ResourcesPerPage 1-100). */
const TAG_PAGE_SIZE = 100;

export interface SageMakerContext extends InventoryContext {
  sagemaker?: SageMakerClient;
  tagging?: ResourceGroupsTaggingAPIClient;
  clientOptions?: ClientOptions;
  concurrency?: number;
  now?: Date;
}

const clients = new Map<string, SageMakerClient>();
const taggingClients = new Map<string, ResourceGroupsTaggingAPIClient>();

export function sagemakerOf(context: SageMakerContext): SageMakerClient {
  if (context.sagemaker) return context.sagemaker;
  const key = context.accountId ?? 'default';
  let client = clients.get(key);
  if (!client) clients.set(key, (client = new SageMakerClient(clientConfig(context.clientOptions))));
  return client;
}

export function taggingOf(context: SageMakerContext): ResourceGroupsTaggingAPIClient {
  if (context.tagging) return context.tagging;
  const key = context.accountId ?? 'default';
  let client = taggingClients.get(key);
  if (!client)
    taggingClients.set(key, (client = new ResourceGroupsTaggingAPIClient(clientConfig(context.clientOptions))));
  return client;
}

/** One resource's tags through SageMaker's ListTags (used for a single resource, e.g. `record`). */
export async function tagsOf(sagemaker: SageMakerClient, resourceArn: string): Promise<Record<string, string>> {
  const tags = dictionary<string>();
  for await (const page of paginateListTags({ client: sagemaker, pageSize: 100 }, { ResourceArn: resourceArn })) {
    for (const t of page.Tags ?? []) if (t.Key) tags[t.Key] = t.Value ?? '';
  }
  return tags;
}

/**
 * The tags of every resource of one type (`sagemaker:endpoint`...), by lower-cased ARN, through the
 * Resource Groups Tagging API: 100 resources a page instead of one ListTags call per resource.
 * GetResources returns tagged (and once-tagged) resources only, so a resource it does not return
 * has no tags. With a scope tag, only resources carrying it come back: the others are out of
 * scope and never evaluated.
 * https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html
 */
export async function tagsByArn(
  context: SageMakerContext,
  taggingType: string,
): Promise<Map<string, Record<string, string>>> {
  const byArn = new Map<string, Record<string, string>>();
  const key = context.params.scopeTagKey;
  const value = context.params.scopeTagValue;
  const TagFilters: TagFilter[] | undefined =
    typeof key === 'string' ? [{ Key: key, ...(typeof value === 'string' ? { Values: [value] } : {}) }] : undefined;
  const pages = paginateGetResources(
    { client: taggingOf(context), pageSize: TAG_PAGE_SIZE },
    { ResourceTypeFilters: [taggingType], ...(TagFilters ? { TagFilters } : {}) },
  );
  for await (const page of pages) {
    for (const r of page.ResourceTagMappingList ?? []) {
      if (!r.ResourceARN) continue;
      const tags = dictionary<string>();
      for (const t of r.Tags ?? []) if (t.Key) tags[t.Key] = t.Value ?? '';
      byArn.set(r.ResourceARN.toLowerCase(), tags);
    }
  }
  return byArn;
}

/** A promise's outcome as a value: started early, awaited later, never an unhandled rejection. */
type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
const settle = <T>(promise: Promise<T>): Promise<Settled<T>> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
const unwrap = async <T>(settled: Promise<Settled<T>>): Promise<T> => {
  const outcome = await settled;
  if (outcome.ok) return outcome.value;
  throw outcome.error;
};

/**
 * Tags of a listing: the Tagging API's pages (started before the listing ended), or, where the
 * endpoint does not offer the Tagging API for this type (HTTP 501 or an HTML error page, as local
 * emulators answer), one ListTags call per resource. A denial is not worked around: it names
 * tag:GetResources, the action to grant.
 */
async function tagsOfListing(
  context: SageMakerContext,
  pages: Promise<Settled<Map<string, Record<string, string>>>>,
  listed: Listed[],
): Promise<Map<string, Record<string, string>>> {
  try {
    return await unwrap(pages);
  } catch (error) {
    if (!isUnavailableApi(error)) throw error;
    const sagemaker = sagemakerOf(context);
    const byArn = new Map<string, Record<string, string>>();
    const withArn = listed.filter((l) => l.arn !== '');
    await pMap(withArn, async ({ arn }) => byArn.set(arn.toLowerCase(), await tagsOf(sagemaker, arn)), {
      concurrency: context.concurrency ?? DEFAULT_CONCURRENCY,
    });
    return byArn;
  }
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
  configuration: JsonObject,
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

/**
 * SageMaker's ways of saying a resource is gone: ResourceNotFound, or a ValidationException
 * ("Could not find ...", "RecordNotFound" for notebooks; Describe on a deleted endpoint). The
 * inventory adapters and the command's direct adapters both ask this.
 */
export function isGone(error: unknown): boolean {
  const e = error as { name?: string; message?: string };
  return (
    e?.name === 'ResourceNotFound' ||
    (e?.name === 'ValidationException' &&
      /could not find|does not exist|not found|RecordNotFound/i.test(e.message ?? ''))
  );
}

/** One resource as its listing gives it: the id rules see, its ARN, and the List call's summary. */
export interface Listed {
  id: string;
  arn: string;
  summary: JsonObject;
}

/** A read beyond the Describe call and the tags: fields to merge into each resource's configuration, by id. */
export interface ExtraRead {
  read: Read;
  fetch(listed: Listed[]): Promise<Map<string, JsonObject>>;
}

export interface Assembly {
  /** The Resource Groups Tagging API type, e.g. `sagemaker:endpoint`. */
  taggingType: string;
  /** The Describe call of one resource; SageMaker's "not found" leaves the resource out. */
  describe?: (id: string) => Promise<JsonObject>;
  /** Where Search serves the Describe output in pages; `describe` covers what it does not return. */
  search?: SearchRead;
  extras?: ExtraRead[];
  /** The item's configuration from the merged summary and reads (default: as it is). */
  configuration?: (merged: JsonObject, tags: Record<string, string>) => JsonObject;
  /** The ARN when the listing's summary has none (an inference experiment's), from the merged fields. */
  arnOf?: (merged: JsonObject) => string | undefined;
  /** The item's resourceName (default: its id). */
  nameOf?: (merged: JsonObject, id: string) => string | undefined;
}

/**
 * Items from a listing and the reads the context asks for. The tag pages and the Search pages do
 * not depend on the listing, so they start with it (each API has its own rate); the extra reads
 * and the Describe calls follow it, side by side. Each read is one `optionalRead`, so a failed
 * read leaves the listing and the other reads standing when the caller can take a partial result.
 */
export async function assembleItems(
  resourceType: string,
  listing: Listed[] | Promise<Listed[]>,
  context: SageMakerContext,
  how: Assembly,
): Promise<ConfigItem[]> {
  const describe = how.describe;
  const tagPages = wants(context, 'tags') ? settle(tagsByArn(context, how.taggingType)) : undefined;
  const searched =
    describe && how.search && wants(context, 'describe')
      ? settle(searchRecords(sagemakerOf(context), how.search))
      : undefined;
  const listed = await listing;
  const [tags, described, ...extras] = await Promise.all([
    optionalRead(context, 'tags', () => tagsOfListing(context, tagPages!, listed)),
    describe
      ? optionalRead(context, 'describe', async () => {
          const out = new Map<string, JsonObject | undefined>(searched ? freshFor(listed, await unwrap(searched)) : []);
          await pMap(
            out.size === 0 ? listed : listed.filter(({ id }) => !out.has(id)),
            async ({ id }) => {
              try {
                out.set(id, toPlainJson(await describe(id)));
              } catch (error) {
                if (!isGone(error)) throw error;
                out.set(id, undefined);
              }
            },
            { concurrency: context.concurrency ?? DEFAULT_CONCURRENCY },
          );
          return out;
        })
      : undefined,
    ...(how.extras ?? []).map((extra) => optionalRead(context, extra.read, () => extra.fetch(listed))),
  ]);
  // A summary without an ARN is matched on the ARN's last part, `<resource-type>/<name>`.
  const byPath = new Map([...(tags ?? [])].map(([arn, t]) => [arn.slice(arn.lastIndexOf(':') + 1), t]));
  const resourcePart = how.taggingType.split(':')[1];
  const items: ConfigItem[] = [];
  for (const { id, arn, summary } of listed) {
    // Deleted between the listing and its Describe call: the listing was a snapshot.
    if (described?.has(id) && described.get(id) === undefined) continue;
    const merged: JsonObject = { ...toPlainJson(summary), ...(described?.get(id) ?? {}) };
    for (const extra of extras) Object.assign(merged, extra?.get(id) ?? {});
    // The Describe output's ARN when there is one; the summary's otherwise.
    const itemArn = how.arnOf?.(merged) || arn;
    const tagKey = (arn || itemArn).toLowerCase();
    const itemTags = (tagKey ? tags?.get(tagKey) : byPath.get(`${resourcePart}/${id.toLowerCase()}`)) ?? {};
    const configuration = how.configuration ? how.configuration(merged, itemTags) : merged;
    const item = inventoryItem(resourceType, id, itemArn, itemTags, configuration, context);
    const name = how.nameOf?.(merged, id);
    if (name) item.resourceName = name;
    items.push(item);
  }
  return items;
}

export { wants };
