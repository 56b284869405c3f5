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
// one as before. Search's pages start with the listing, since they do not depend on it.
// Search records carry fields the Describe output does not (Tags; an endpoint's
// MonitoringSchedules); they are dropped, so an item is the same whichever call produced it.
import { paginateSearch, type ResourceType, type SageMakerClient } from '@aws-sdk/client-sagemaker';
import { isAccessDenied, isUnavailableApi } from '../_core/clients.js';
import { toPlainJson } from '../_core/inventory.js';
import type { JsonObject } from '../_core/items.js';
import type { Listed } from './sagemaker.js';

/** Search's page size limit: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_Search.html */
export const SEARCH_PAGE_SIZE = 100;

export interface SearchRead {
  /** Search's `Resource`, and the key of its record in each result (`TrainingJob`, `Endpoint`). */
  resource: Extract<ResourceType, 'TrainingJob' | 'Endpoint'>;
  /** The record's name field, matched against the listing's ids. */
  nameField: string;
  /** Fields a Search record has and the Describe output does not. */
  extraFields: readonly string[];
  /**
   * Records created before this time end the search (search-window.ts reads them newest first by
   * creation): none later is in the listing (the training-job listing's `CreationTimeAfter`).
   */
  notCreatedBefore?: Date;
}

export const time = (value: unknown): number | undefined => {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string' || typeof value === 'number') {
    const t = new Date(value).getTime();
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
};

/** One Search record in the Describe output's shape, and when it was last modified. */
export interface SearchedRecord {
  configuration: JsonObject;
  modified: number | undefined;
}

/**
 * Every record Search returns for the resource type, by name, in the Describe output's shape. It
 * does not need the listing, so it runs beside it. An endpoint without the Search API, or a role
 * without `sagemaker:Search`, yields an empty map (every resource is then described); any other
 * error, throttling past the retries included, fails.
 */
export async function searchRecords(sagemaker: SageMakerClient, how: SearchRead): Promise<Map<string, SearchedRecord>> {
  const found = new Map<string, SearchedRecord>();
  try {
    const pages = paginateSearch(
      { client: sagemaker, pageSize: SEARCH_PAGE_SIZE },
      { Resource: how.resource, SortBy: 'LastModifiedTime', SortOrder: 'Descending' },
    );
    for await (const page of pages) {
      for (const result of page?.Results ?? []) {
        const record = (result as Record<string, unknown>)[how.resource] as Record<string, unknown> | undefined;
        const name = record?.[how.nameField];
        if (!record || typeof name !== 'string' || found.has(name)) continue;
        const modified = time(record.LastModifiedTime);
        const configuration = toPlainJson(record);
        for (const field of how.extraFields) delete configuration[field];
        found.set(name, { configuration, modified });
      }
    }
  } catch (error) {
    // A denial: an account may withhold sagemaker:Search and keep the Describe grants.
    if (isUnavailableApi(error) || isAccessDenied(error)) return new Map();
    throw error;
  }
  return found;
}

/**
 * The Search records to use, by listed id: those of listed resources that are at least as recent
 * as the listing's summary. A record older than the summary (the index has not caught up), or
 * one whose time cannot be compared, is left for the Describe call.
 */
export function freshFor(
  listed: readonly Listed[],
  records: ReadonlyMap<string, SearchedRecord>,
): Map<string, JsonObject> {
  const fresh = new Map<string, JsonObject>();
  for (const { id, summary } of listed) {
    const record = records.get(id);
    if (!record) continue;
    const listedAt = time(summary.LastModifiedTime);
    if (listedAt !== undefined && (record.modified === undefined || record.modified < listedAt)) continue;
    fresh.set(id, record.configuration);
  }
  return fresh;
}
