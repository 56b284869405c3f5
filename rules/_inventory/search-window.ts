// Search's records for a listing read page by page, holding a window of records rather than
// every record of the account. A training job's record is several KB; 150,000 of them held at
// once do not fit a 512 MB function. The listing and Search are both read newest first by
// CreationTime (ListTrainingJobs SortBy/SortOrder, Search SortBy/SortOrder:
// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListTrainingJobs.html,
// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_Search.html), so the records a
// listing page needs are those Search returns down to that page's oldest creation time. Records
// newer than it that no listed resource took are dropped: the listing has passed them.
//
// Search's page documents SortBy as "the name of the resource property used to sort" with no list
// of the properties it sorts by; that CreationTime is one is what only a real account confirms.
// Whatever the order Search returns, a verdict cannot change: a listed resource whose record has
// not arrived, or arrived older than its listing, is described one by one, as before.
import { paginateSearch, type SageMakerClient, type SearchCommandOutput } from '@aws-sdk/client-sagemaker';
import { minOf } from '../_core/arrays.js';
import { isAccessDenied, isUnavailableApi } from '../_core/clients.js';
import { toPlainJson } from '../_core/inventory.js';
import type { JsonObject } from '../_core/items.js';
import type { Listed } from './sagemaker.js';
import { freshFor, SEARCH_PAGE_SIZE, time, type SearchedRecord, type SearchRead } from './search.js';

export interface SearchWindow {
  /** The fresh Search records of this page's resources, by id; the others are left to Describe. */
  recordsFor(page: readonly Listed[]): Promise<Map<string, JsonObject>>;
}

interface HeldRecord extends SearchedRecord {
  created: number | undefined;
}

export function searchWindow(sagemaker: SageMakerClient, how: SearchRead): SearchWindow {
  const floor = how.notCreatedBefore?.getTime();
  const held = new Map<string, HeldRecord>();
  let pages: AsyncIterator<SearchCommandOutput> | undefined;
  let ended = false;
  // The oldest creation time Search has returned so far.
  let reached = Number.POSITIVE_INFINITY;

  async function nextPage(): Promise<void> {
    pages ??= paginateSearch(
      { client: sagemaker, pageSize: SEARCH_PAGE_SIZE },
      { Resource: how.resource, SortBy: 'CreationTime', SortOrder: 'Descending' },
    )[Symbol.asyncIterator]();
    let page: IteratorResult<SearchCommandOutput>;
    try {
      page = await pages.next();
    } catch (error) {
      // A denial: an account may withhold sagemaker:Search and keep the Describe grants.
      if (!isUnavailableApi(error) && !isAccessDenied(error)) throw error;
      ended = true;
      held.clear();
      return;
    }
    if (page.done) {
      ended = true;
      return;
    }
    for (const result of page.value?.Results ?? []) {
      const record = (result as Record<string, unknown>)[how.resource] as Record<string, unknown> | undefined;
      const name = record?.[how.nameField];
      if (!record || typeof name !== 'string' || held.has(name)) continue;
      const created = time(record.CreationTime);
      if (created !== undefined) reached = Math.min(reached, created);
      // Created before the listing's window: every later record is older still.
      if (floor !== undefined && created !== undefined && created < floor) {
        ended = true;
        continue;
      }
      const configuration = toPlainJson(record);
      for (const field of how.extraFields) delete configuration[field];
      held.set(name, { configuration, modified: time(record.LastModifiedTime), created });
    }
  }

  return {
    async recordsFor(page) {
      const oldest = minOf(page.map((l) => time(l.summary.CreationTime) ?? Number.NaN));
      // A summary without a creation time cannot place the page: what is held is used as it is.
      if (!Number.isNaN(oldest)) while (!ended && reached >= oldest) await nextPage();
      const fresh = freshFor(page, held);
      for (const { id } of page) held.delete(id);
      // Records created after this page's oldest belong to no later page (the listing is newest
      // first): dropped. Those created at that instant may still be listed on the next page.
      if (!Number.isNaN(oldest))
        for (const [name, record] of held)
          if (record.created !== undefined && record.created > oldest) held.delete(name);
      return fresh;
    },
  };
}
