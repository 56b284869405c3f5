// The tags of a listing's resources, read the way tagging-coverage.ts decides for their type, and
// checked so that a type GetResources does not cover cannot pass for untagged resources.
//
// GetResources returns tagged (and once-tagged) resources only, so a listed resource it does not
// return is either untagged or of a type it does not cover; the answer alone cannot tell which.
// When it leaves some out, up to PROBES of them are asked with ListTags. A tag GetResources
// should have returned (any tag; with a scope tag filter, the scope tag with a matching value)
// means it did not cover the type: every resource it left out is then read with ListTags, and the
// run says so through `onWarning`. When it returns every listed resource, nothing more is called.
// https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html
// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListTags.html
import {
  paginateGetResources,
  type ResourceGroupsTaggingAPIClient,
  type TagFilter,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { paginateListTags, type SageMakerClient } from '@aws-sdk/client-sagemaker';
import pMap from 'p-map';
import { isUnavailableApi } from '../_core/clients.js';
import { dictionary, own } from '../_core/own.js';
import { isGone } from './gone.js';
import { taggingTypeOfArn } from './tagging-coverage.js';

export type Tags = Record<string, string>;

/**
 * The IAM actions of the `tags` read, which every adapter declares (deploy/permissions.ts grants
 * them): GetResources for the pages, ListTags for the check and the fallback above. ListTags takes
 * the resource's ARN, so the deploy scopes it to the function's own account and Region.
 */
export const TAG_ACTIONS: readonly string[] = ['tag:GetResources', 'sagemaker:ListTags'];

/** Listed resources GetResources left out that ListTags is asked about: enough to catch a type it misses, cheap. */
export const PROBES = 3;

/** GetResources returns at most 100 resources per page (ResourcesPerPage 1-100). */
const TAG_PAGE_SIZE = 100;

/** The scope tag parameters as GetResources' TagFilter; undefined without a scope tag. */
export function scopeFilterOf(params: Record<string, unknown>): TagFilter | undefined {
  const key = params.scopeTagKey;
  const value = params.scopeTagValue;
  if (typeof key !== 'string') return undefined;
  return { Key: key, ...(typeof value === 'string' ? { Values: [value] } : {}) };
}

/** Should GetResources have returned a resource with these tags? Any tag, or with a filter the tag it names. */
export function belongsInAnswer(tags: Tags, filter: TagFilter | undefined): boolean {
  if (!filter) return Object.keys(tags).length > 0;
  const value = filter.Key !== undefined ? own(tags, filter.Key) : undefined;
  return value !== undefined && (!filter.Values || filter.Values.includes(value));
}

/** One resource's tags through SageMaker's ListTags. */
export async function tagsOf(sagemaker: SageMakerClient, resourceArn: string): Promise<Tags> {
  const tags: Tags = dictionary<string>();
  for await (const page of paginateListTags({ client: sagemaker, pageSize: 100 }, { ResourceArn: resourceArn })) {
    for (const t of page.Tags ?? []) if (t.Key) tags[t.Key] = t.Value ?? '';
  }
  return tags;
}

/**
 * The tags of every resource of one type (`sagemaker:endpoint`...) that GetResources returns, by
 * lower-cased ARN: 100 resources a page. With a scope tag filter, only resources carrying it
 * come back. Only ARNs of exactly that type are kept: whether a filter also matches types it is a
 * prefix of (`sagemaker:model`, `model-package-group`) is not documented.
 */
export async function tagsByArn(
  tagging: ResourceGroupsTaggingAPIClient,
  taggingType: string,
  filter?: TagFilter,
): Promise<Map<string, Tags>> {
  const byArn = new Map<string, Tags>();
  const pages = paginateGetResources(
    { client: tagging, pageSize: TAG_PAGE_SIZE },
    { ResourceTypeFilters: [taggingType], ...(filter ? { TagFilters: [filter] } : {}) },
  );
  for await (const page of pages) {
    for (const r of page.ResourceTagMappingList ?? []) {
      if (!r.ResourceARN || taggingTypeOfArn(r.ResourceARN) !== taggingType) continue;
      const tags: Tags = dictionary<string>();
      for (const t of r.Tags ?? []) if (t.Key) tags[t.Key] = t.Value ?? '';
      byArn.set(r.ResourceARN.toLowerCase(), tags);
    }
  }
  return byArn;
}

/** A listed resource, as the tag reads need it: its ARN ('' when the listing gives none) and its id. */
export interface TagTarget {
  id: string;
  arn: string;
}

export interface ListingTagReads {
  sagemaker: SageMakerClient;
  taggingType: string;
  /** GetResources' answer for the type (started with the listing); absent when the table says ListTags. */
  answer?: () => Promise<Map<string, Tags>>;
  /** The scope tag filter GetResources was sent. */
  filter?: TagFilter;
  concurrency: number;
  onWarning?: (message: string) => void;
  /**
   * For a listing read page by page: what the first probe found, carried to the later pages, so
   * GetResources' answer is probed once a run, not once a page. `trusted` is unset until then.
   */
  probe?: { trusted?: boolean };
}

/**
 * The tags of a listing's resources, by lower-cased ARN: GetResources' answer, checked as the
 * header says; ListTags per resource where the table says so or where the endpoint does not offer
 * the Tagging API (HTTP 501 or an HTML page, as local emulators answer). A denied GetResources is
 * not worked around: it names tag:GetResources, the action to grant.
 */
export async function tagsOfListing(reads: ListingTagReads, listed: readonly TagTarget[]): Promise<Map<string, Tags>> {
  const withArn = listed.filter((l) => l.arn !== '');
  if (!reads.answer) return listTagsEach(reads, withArn);
  let answer: Map<string, Tags>;
  try {
    answer = await reads.answer();
  } catch (error) {
    if (!isUnavailableApi(error)) throw error;
    return listTagsEach(reads, withArn);
  }
  const absent = withArn.filter((l) => !answer.has(l.arn.toLowerCase()));
  if (absent.length === 0 || reads.probe?.trusted === true) return answer;
  if (reads.probe?.trusted === false) {
    // This page's resources only: the answer for the rest of the account is not copied per page.
    const page = await listTagsEach(reads, absent);
    for (const l of withArn)
      if (answer.has(l.arn.toLowerCase())) page.set(l.arn.toLowerCase(), answer.get(l.arn.toLowerCase())!);
    return page;
  }
  const probes = spread(absent, PROBES);
  let probed: Map<string, Tags>;
  try {
    probed = await listTagsEach(reads, probes);
  } catch (error) {
    // The answer stands, but not silently: the run says it could not be checked, once.
    if (reads.probe) reads.probe.trusted = true;
    reads.onWarning?.(
      `tags of ${reads.taggingType}: could not check GetResources' answer with ListTags (${describe(error)}); ` +
        `used as GetResources gave it, which left out ${absent.length} of ${withArn.length} listed resources`,
    );
    return answer;
  }
  const missed = probes.filter((l) => belongsInAnswer(probed.get(l.arn.toLowerCase()) ?? {}, reads.filter));
  if (reads.probe) reads.probe.trusted = missed.length === 0;
  if (missed.length === 0) return answer;
  const rest = absent.filter((l) => !probes.includes(l));
  const more = await listTagsEach(reads, rest);
  const merged = new Map([...answer, ...probed, ...more]);
  reads.onWarning?.(
    `tags of ${reads.taggingType}: GetResources left out ${missed.map((l) => l.id).join(', ')}, which ListTags ` +
      `shows ${reads.filter ? `with the scope tag ${reads.filter.Key}` : 'tagged'}; GetResources does not cover ` +
      `this type here, so every listed resource it leaves out is read with ListTags, one call each`,
  );
  return merged;
}

/** ListTags for each resource, a bounded number at once; a resource deleted since the listing has no tags. */
async function listTagsEach(reads: ListingTagReads, targets: readonly TagTarget[]): Promise<Map<string, Tags>> {
  const byArn = new Map<string, Tags>();
  const started: Promise<unknown>[] = [];
  const read = async (arn: string) => {
    try {
      byArn.set(arn.toLowerCase(), await tagsOf(reads.sagemaker, arn));
    } catch (error) {
      if (!isGone(error)) throw error;
      byArn.set(arn.toLowerCase(), {});
    }
  };
  try {
    await pMap(targets, ({ arn }) => started[started.push(read(arn)) - 1], { concurrency: reads.concurrency });
  } catch (error) {
    // The first failure stops new calls; those in flight end before the read does, so no call outlives it.
    await Promise.allSettled(started);
    throw error;
  }
  return byArn;
}

/** At most `n` items spread over the list (first, middle, last for 3), so one stretch of it does not decide. */
export function spread<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  if (n === 1) return [items[0]!];
  const picked = new Set<number>();
  for (let i = 0; i < n; i++) picked.add(Math.round((i * (items.length - 1)) / (n - 1)));
  return [...picked].map((i) => items[i]!);
}

const describe = (error: unknown): string => {
  const e = error as { name?: string; message?: string };
  return [e?.name, e?.message].filter(Boolean).join(': ') || String(error);
};
