// The Describe output of many resources at once, through SageMaker's Search API: up to 100 full
// records a call, where one Describe call per resource would be needed otherwise. For 500
// training jobs that is 5 calls instead of 500; under an API's rate limit, calls are time.
// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_Search.html (MaxResults 1-100;
// results sorted by LastModifiedTime, Descending, unless asked otherwise). They are read in
// creation order a listing page at a time (search-window.ts).
//
// The listing stays the authority on what exists. A Search record is used only for a resource
// the listing returned, and only when it is at least as recent as the listing's summary
// (LastModifiedTime): the Search index may trail the resource, and AWS documents no bound on how
// far. Whatever Search does not return, or returns older than the listing, is described one by
// one as before.
// Search records carry fields the Describe output does not (Tags; an endpoint's
// MonitoringSchedules); they are dropped, so an item is the same whichever call produced it.
import type { ResourceType } from '@aws-sdk/client-sagemaker';
import { timeOf as time, type JsonObject } from '../_core/items.js';
import type { ListingResume } from './resume.js';
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
  /** A chained link's position: records created after it were read by an earlier link (resume.ts). */
  resume?: ListingResume;
  /**
   * Search pages read ahead of the listing page that needs them (search-window.ts), trimmed to
   * the Describe shape; none: each is read when a page asks for it.
   */
  readAheadPages?: number;
  /** Only these fields of each record are kept (the rules' describeFields); absent: every field. */
  keepFields?: readonly string[];
  /** The read-ahead when records keep only the rules' fields (sagemaker.ts searchFor). */
  trimmedReadAheadPages?: number;
}

export { time };

/** One Search record in the Describe output's shape, and when it was last modified. */
export interface SearchedRecord {
  configuration: JsonObject;
  modified: number | undefined;
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
