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
//
// A listing page may wait a long time before it is assembled: the endpoint pages wait for the
// account's monitoring schedules. Search read only when a page asks for it then starts after
// that wait, and the run takes the two one after the other. A read with `readAheadPages` keeps
// reading Search that many pages ahead (read-ahead.ts), so Search goes on at its own rate beside
// the schedules; what waits is the trimmed records, as many as those pages hold.
import { paginateSearch, type SageMakerClient } from '@aws-sdk/client-sagemaker';
import { minOf } from '../_core/arrays.js';
import { isAccessDenied, isUnavailableApi } from '../_core/clients.js';
import { toPlainJson } from '../_core/inventory.js';
import type { JsonObject } from '../_core/items.js';
import { readAhead } from './read-ahead.js';
import { searchBefore } from './resume.js';
import type { Listed } from './sagemaker.js';
import { freshFor, SEARCH_PAGE_SIZE, time, type SearchedRecord, type SearchRead } from './search.js';

export interface SearchWindow {
  /** The fresh Search records of this page's resources, by id; the others are left to Describe. */
  recordsFor(page: readonly Listed[]): Promise<Map<string, JsonObject>>;
  /** Stop reading Search: the listing is over, or the run stopped. */
  close(): Promise<void>;
}

interface HeldRecord extends SearchedRecord {
  created: number | undefined;
}

/** One Search page: its records by name in the Describe shape, and whether it passed the window's floor. */
interface TrimmedPage {
  records: [string, HeldRecord][];
  /** The oldest creation time on the page. */
  oldest: number;
  pastFloor: boolean;
}

/** Search's pages newest first by creation, each trimmed as it arrives; the first past the floor is the last. */
async function* trimmedPages(sagemaker: SageMakerClient, how: SearchRead): AsyncGenerator<TrimmedPage> {
  const floor = how.notCreatedBefore?.getTime();
  const pages = paginateSearch(
    { client: sagemaker, pageSize: SEARCH_PAGE_SIZE },
    {
      Resource: how.resource,
      SortBy: 'CreationTime',
      SortOrder: 'Descending',
      ...(how.resume ? { SearchExpression: searchBefore(how.resume) } : {}),
    },
  );
  for await (const page of pages) {
    const trimmed: TrimmedPage = { records: [], oldest: Number.POSITIVE_INFINITY, pastFloor: false };
    for (const result of page?.Results ?? []) {
      const record = (result as Record<string, unknown>)[how.resource] as Record<string, unknown> | undefined;
      const name = record?.[how.nameField];
      if (!record || typeof name !== 'string') continue;
      const created = time(record.CreationTime);
      if (created !== undefined) trimmed.oldest = Math.min(trimmed.oldest, created);
      // Created before the listing's window: every later record is older still.
      if (floor !== undefined && created !== undefined && created < floor) {
        trimmed.pastFloor = true;
        break;
      }
      const configuration = how.keepFields ? keep(record, how.keepFields) : toPlainJson(record);
      for (const field of how.extraFields) delete configuration[field];
      trimmed.records.push([name, { configuration, modified: time(record.LastModifiedTime), created }]);
    }
    yield trimmed;
    if (trimmed.pastFloor) return;
  }
}

/** The record's fields the rules read, and its name, as plain JSON. */
function keep(record: Record<string, unknown>, fields: readonly string[]): JsonObject {
  const kept: Record<string, unknown> = {};
  for (const field of fields) if (Object.hasOwn(record, field)) kept[field] = record[field];
  return toPlainJson(kept);
}

export function searchWindow(sagemaker: SageMakerClient, how: SearchRead): SearchWindow {
  const held = new Map<string, HeldRecord>();
  let pages: { next(): Promise<IteratorResult<TrimmedPage>>; close(): Promise<unknown> } | undefined;
  let ended = false;
  // The oldest creation time Search has returned so far.
  let reached = Number.POSITIVE_INFINITY;

  // Without read-ahead, a page is read when one is asked for.
  function inTurn() {
    const generator = trimmedPages(sagemaker, how);
    return { next: () => generator.next(), close: () => generator.return(undefined) };
  }

  async function nextPage(): Promise<void> {
    // Started by the first page that asks, so an empty listing makes no Search call.
    pages ??= how.readAheadPages ? readAhead(trimmedPages(sagemaker, how), how.readAheadPages) : inTurn();
    let page: IteratorResult<TrimmedPage>;
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
    reached = Math.min(reached, page.value.oldest);
    if (page.value.pastFloor) ended = true;
    for (const [name, record] of page.value.records) if (!held.has(name)) held.set(name, record);
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
    async close() {
      ended = true;
      await pages?.close();
    },
  };
}
