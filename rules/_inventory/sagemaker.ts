// Shared by the SageMaker inventory adapters: the clients, tags, the item shape, and the
// assembly of items from a listing plus the reads the rules asked for.
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import pMap from 'p-map';
import { clientConfig, keptClient, type ClientOptions, type KeptClient } from '../_core/clients.js';
import { optionalRead, toPlainJson, wants, type InventoryContext } from '../_core/inventory.js';
import type { ConfigItem } from '../_core/items.js';
import type { Read } from '../_core/rule.js';
import type { JsonObject } from '../_core/items.js';
import { isGone } from './gone.js';
import type { SearchRead } from './search.js';
import { append } from '../_core/arrays.js';
import { searchWindow } from './search-window.js';
import { settle, unwrap } from '../_core/settled.js';
import { readAhead } from './read-ahead.js';
import { tagSourceOf } from './tagging-coverage.js';
import { scopeFilterOf, tagsByArn, tagsOfListing } from './tags.js';

export { isGone } from './gone.js';
export { tagsOf } from './tags.js';

/** Describe calls in flight at once: fast enough for thousands of resources, gentle on throttling. */
export const DEFAULT_CONCURRENCY = 8;

export interface SageMakerContext extends InventoryContext {
  sagemaker?: SageMakerClient;
  tagging?: ResourceGroupsTaggingAPIClient;
  clientOptions?: ClientOptions;
  concurrency?: number;
  now?: Date;
}

// By account, each with the options it was built from (clients.ts): reused by a warm function's
// later runs for the same account and credentials, rebuilt when they differ.
const clients = new Map<string, KeptClient<SageMakerClient>>();
const taggingClients = new Map<string, KeptClient<ResourceGroupsTaggingAPIClient>>();

/**
 * The SageMaker client of a stream of calls. With AWS_RETRY_MODE=adaptive (scheduled functions,
 * rule-pack.ts) each client paces itself: the SDK's AdaptiveRetryStrategy holds one rate limiter,
 * which every throttled call slows (@smithy/util-retry). SageMaker throttles each API on its own,
 * so the listings that run side by side (Search's pages, the monitoring schedules) each get a
 * client of their own (`lane`): a throttled ListMonitoringSchedules then slows only itself.
 * A client the caller gives (a test's, the command's) serves every lane.
 */
export function sagemakerOf(context: SageMakerContext, lane = 'main'): SageMakerClient {
  if (context.sagemaker) return context.sagemaker;
  return keptClient(
    clients,
    `${context.accountId ?? 'default'}\u0000${lane}`,
    context.clientOptions,
    () => new SageMakerClient(clientConfig(context.clientOptions)),
  );
}

export function taggingOf(context: SageMakerContext): ResourceGroupsTaggingAPIClient {
  if (context.tagging) return context.tagging;
  return keptClient(
    taggingClients,
    context.accountId ?? 'default',
    context.clientOptions,
    () => new ResourceGroupsTaggingAPIClient(clientConfig(context.clientOptions)),
  );
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
 * Items from a whole listing (one page) and the reads the context asks for: the adapters whose
 * listings are small (notebooks, pipelines, schedules, model package groups). The tag pages start
 * with the listing; the Describe calls and extra reads follow it, side by side (assemblePages).
 */
export async function assembleItems(
  resourceType: string,
  listing: Listed[] | Promise<Listed[]>,
  context: SageMakerContext,
  how: Assembly,
): Promise<ConfigItem[]> {
  const items: ConfigItem[] = [];
  for await (const page of assemblePages(resourceType, onePage(listing), context, how)) append(items, page);
  return items;
}

async function* onePage(listing: Listed[] | Promise<Listed[]>): AsyncGenerator<Listed[]> {
  yield await listing;
}

/** What the reads of a listing (or of one page of it) gave, by id or lower-cased ARN. */
interface ReadResults {
  tags: Map<string, Record<string, string>> | undefined;
  described: Map<string, JsonObject | undefined> | undefined;
  extras: (Map<string, JsonObject> | undefined)[];
}

// The tags by the ARN's last part, `<resource-type>/<name>`, per tag map. A page's tags are the
// account's whole map when GetResources' answer is trusted (tags.ts): indexed once for the map and
// only when a summary comes without an ARN, not once a page. Built once a page, it took 241.8 s of
// CPU over 1,500 pages of 150,000 endpoints (112,586 tagged) in `npm run bench:scale`.
const byPathIndexes = new WeakMap<Map<string, Record<string, string>>, Map<string, Record<string, string>>>();
function byPathOf(tags: Map<string, Record<string, string>>): Map<string, Record<string, string>> {
  let index = byPathIndexes.get(tags);
  if (!index) {
    index = new Map();
    for (const [arn, t] of tags) index.set(arn.slice(arn.lastIndexOf(':') + 1), t);
    byPathIndexes.set(tags, index);
  }
  return index;
}

/** The items of listed resources, each its summary with the reads merged over it. */
function itemsOf(
  resourceType: string,
  listed: readonly Listed[],
  { tags, described, extras }: ReadResults,
  context: SageMakerContext,
  how: Assembly,
): ConfigItem[] {
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
    // A summary without an ARN is matched on the ARN's last part.
    const itemTags =
      (tagKey ? tags?.get(tagKey) : tags && byPathOf(tags).get(`${resourcePart}/${id.toLowerCase()}`)) ?? {};
    const configuration = how.configuration ? how.configuration(merged, itemTags) : merged;
    const item = inventoryItem(resourceType, id, itemArn, itemTags, configuration, context);
    const name = how.nameOf?.(merged, id);
    if (name) item.resourceName = name;
    items.push(item);
  }
  return items;
}

/** Describe calls for the listed resources `known` does not cover; a resource gone since the listing maps to undefined. */
async function describeRest(
  listed: readonly Listed[],
  known: Map<string, JsonObject | undefined>,
  describe: (id: string) => Promise<JsonObject>,
  context: SageMakerContext,
): Promise<Map<string, JsonObject | undefined>> {
  await pMap(
    known.size === 0 ? listed : listed.filter(({ id }) => !known.has(id)),
    async ({ id }) => {
      try {
        known.set(id, toPlainJson(await describe(id)));
      } catch (error) {
        if (!isGone(error)) throw error;
        known.set(id, undefined);
      }
    },
    { concurrency: context.concurrency ?? DEFAULT_CONCURRENCY },
  );
  return known;
}

/**
 * Items page by page, as the listing's pages arrive: what a scheduled run uses, so it holds one
 * page of items and one window of Search records (search-window.ts), not the account. The tag
 * pages start with the listing and are awaited before the first page is assembled (a resource's
 * tags may be on any of them); they are kept as the account's ARN → tags map, a few hundred bytes
 * a resource. GetResources' answer is probed once a run (tags.ts). The listing is read ahead of
 * assembly (read-ahead.ts): its summaries wait, not its Describe output. Each extra read is asked
 * for the page's resources.
 */
export async function* assemblePages(
  resourceType: string,
  listing: AsyncIterable<Listed[]>,
  context: SageMakerContext,
  how: Assembly,
): AsyncGenerator<ConfigItem[]> {
  const describe = how.describe;
  const scope = scopeFilterOf(context.params);
  const tagPages =
    wants(context, 'tags') && tagSourceOf(how.taggingType) === 'getResources'
      ? settle(tagsByArn(taggingOf(context), how.taggingType, scope))
      : undefined;
  const window =
    describe && how.search && wants(context, 'describe')
      ? searchWindow(sagemakerOf(context, 'search'), searchFor(how.search, context))
      : undefined;
  const probe = {};
  // A read that failed (reported once through onReadFailure) is not made again for later pages:
  // its rules fail once a run, and the other reads go on.
  const failed = new Set<Read>();
  const read = <T>(name: Read, fetch: () => Promise<T>): Promise<T | undefined> =>
    failed.has(name)
      ? Promise.resolve(undefined)
      : optionalRead(
          {
            ...context,
            ...(context.onReadFailure
              ? {
                  onReadFailure: (r: Read, error: unknown) => {
                    if (failed.has(r)) return;
                    failed.add(r);
                    context.onReadFailure!(r, error);
                  },
                }
              : {}),
          },
          name,
          fetch,
        );
  // The listing goes on while pages wait for the account-wide reads and while a page's reads run.
  const pages = readAhead(listing);
  try {
    for (;;) {
      const current = await pages.next();
      if (current.done) return;
      const listed = current.value;
      const [tags, described, ...extras] = await Promise.all([
        read('tags', () =>
          tagsOfListing(
            {
              sagemaker: sagemakerOf(context),
              taggingType: how.taggingType,
              ...(tagPages ? { answer: () => unwrap(tagPages) } : {}),
              ...(scope ? { filter: scope } : {}),
              concurrency: context.concurrency ?? DEFAULT_CONCURRENCY,
              ...(context.onWarning ? { onWarning: context.onWarning } : {}),
              probe,
            },
            listed,
          ),
        ),
        describe
          ? read('describe', async () =>
              describeRest(listed, new Map(window ? await window.recordsFor(listed) : []), describe, context),
            )
          : undefined,
        ...(how.extras ?? []).map((extra) => read(extra.read, () => extra.fetch(listed))),
      ]);
      yield itemsOf(resourceType, listed, { tags, described, extras }, context, how);
    }
  } finally {
    // Stopped early (the run failed): the page being read is settled, and the listing closed.
    await Promise.all([pages.close(), window?.close()]);
  }
}

/**
 * The Search read for this run: where the rules declare the Describe fields they read, records keep
 * only those, and the read goes as far ahead as the adapter allows for such records.
 */
function searchFor(search: SearchRead, context: SageMakerContext): SearchRead {
  if (!context.describeFields) return search;
  return {
    ...search,
    keepFields: context.describeFields,
    ...(search.trimmedReadAheadPages ? { readAheadPages: search.trimmedReadAheadPages } : {}),
  };
}

export { wants };
