// The Describe output of many resources at once, through SageMaker's Search API: up to 100 full
// records a call, where one Describe call per resource would be needed otherwise. For 500
// training jobs that is 5 calls instead of 500; under an API's rate limit, calls are time.
// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_Search.html (MaxResults 1-100;
// results sorted by LastModifiedTime, Descending, unless asked otherwise)
//
// The listing stays the authority on what exists. A Search record is used only for a resource
// the listing returned, and only when it is at least as recent as the listing's summary
// (LastModifiedTime): the Search index may trail the resource, and AWS documents no bound on how
// far. Whatever Search does not return, or returns older than the listing, is described one by
// one as before. Search records carry fields the Describe output does not (Tags; an endpoint's
// MonitoringSchedules); they are dropped, so an item is the same whichever call produced it.
import { paginateSearch, type ResourceType, type SageMakerClient } from '@aws-sdk/client-sagemaker';
import { isUnavailableApi } from '../_core/clients.js';
import { toPlainJson } from '../_core/inventory.js';
import type { JsonObject } from '../_core/items.js';
import type { Listed } from './sagemaker.js';

/** Search's page size limit: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_Search.html */
const SEARCH_PAGE_SIZE = 100;

export interface SearchRead {
  /** Search's `Resource`, and the key of its record in each result (`TrainingJob`, `Endpoint`). */
  resource: Extract<ResourceType, 'TrainingJob' | 'Endpoint'>;
  /** The record's name field, matched against the listing's ids. */
  nameField: string;
  /** Fields a Search record has and the Describe output does not. */
  extraFields: readonly string[];
  /**
   * Records last modified before this time end the search: they come newest first, and a
   * resource modified before it was created before it, so none later is in the listing
   * (the training-job listing's `CreationTimeAfter`).
   */
  notModifiedBefore?: Date;
}

const time = (value: unknown): number | undefined => {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string' || typeof value === 'number') {
    const t = new Date(value).getTime();
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
};

/** An access denial: an account may withhold sagemaker:Search and keep the Describe grants. */
const isDenied = (error: unknown): boolean =>
  /^(AccessDenied|AccessDeniedException|UnauthorizedOperation)$/.test((error as { name?: string })?.name ?? '');

/**
 * The Describe-shaped record of each listed resource Search returns fresh, by id. An endpoint
 * without the Search API, or a role without `sagemaker:Search`, yields an empty map (every
 * resource is then described); any other error, throttling past the retries included, fails.
 */
export async function searchDescribed(
  sagemaker: SageMakerClient,
  listed: readonly Listed[],
  how: SearchRead,
): Promise<Map<string, JsonObject>> {
  const wanted = new Map(listed.map((l) => [l.id, time(l.summary.LastModifiedTime)]));
  const found = new Map<string, JsonObject>();
  if (wanted.size === 0) return found;
  const floor = how.notModifiedBefore?.getTime();
  try {
    const pages = paginateSearch(
      { client: sagemaker, pageSize: SEARCH_PAGE_SIZE },
      { Resource: how.resource, SortBy: 'LastModifiedTime', SortOrder: 'Descending' },
    );
    for await (const page of pages) {
      let older = false;
      for (const result of page?.Results ?? []) {
        const record = (result as Record<string, unknown>)[how.resource] as Record<string, unknown> | undefined;
        const name = record?.[how.nameField];
        if (!record || typeof name !== 'string') continue;
        const modified = time(record.LastModifiedTime);
        if (floor !== undefined && modified !== undefined && modified < floor) older = true;
        if (!wanted.has(name) || found.has(name)) continue;
        const listedAt = wanted.get(name);
        // Older than the listing's summary: the index has not caught up; the Describe call will.
        if (listedAt !== undefined && (modified === undefined || modified < listedAt)) continue;
        const plain = toPlainJson(record);
        for (const field of how.extraFields) delete plain[field];
        found.set(name, plain);
      }
      if (older || found.size === wanted.size) break;
    }
  } catch (error) {
    if (isUnavailableApi(error) || isDenied(error)) return new Map();
    throw error;
  }
  return found;
}
