// SageMaker endpoints (AWS::SageMaker::Endpoint), which Config does not record.
// Each item's configuration is the ListEndpoints summary (name, ARN, status, times), with what
// the rules read merged over it: the DescribeEndpoint output (`describe`, from Search's pages where
// they have it, see search.ts) and `MonitoringSchedules`,
// the ListMonitoringSchedules summaries of the schedules that target the endpoint
// (`monitoringSchedules`). Tags (`tags`) come from the Resource Groups Tagging API, checked with
// ListTags (tags.ts).
import {
  DescribeEndpointCommand,
  ListEndpointsCommand,
  paginateListEndpoints,
  paginateListMonitoringSchedules,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import type { InventoryAdapter } from '../_core/inventory.js';
import { toPlainJson } from '../_core/inventory.js';
import { append } from '../_core/arrays.js';
import { wants } from '../_core/inventory.js';
import type { ConfigItem } from '../_core/items.js';
import { settle, unwrap } from '../_core/settled.js';
import { assemblePages, sagemakerOf, type Listed, type SageMakerContext } from './sagemaker.js';
import { filterBound, stillToDo, type ListingResume } from './resume.js';
import { TAG_ACTIONS } from './tags.js';
import type { JsonObject } from '../_core/items.js';

export const RESOURCE_TYPE = 'AWS::SageMaker::Endpoint';
const TAGGING_TYPE = 'sagemaker:endpoint';

/**
 * Search pages of endpoint records read ahead while the pages wait for the schedules: 200 pages,
 * 20,000 records trimmed to the Describe shape, about 180 KB a page with `npm run bench:scale`'s
 * records. There, at 20,000 endpoints the whole Search runs beside the schedule listing (73.2 s
 * to 49.6 s); at 150,000 the function peaks at 349 MB with 200 pages (492.6 s) and 404 MB with
 * 500 (431.5 s). 200 leaves room in 512 MB for real records larger than the fake's
 * (bench/README.md).
 */
export const SEARCH_READ_AHEAD_PAGES = 200;

/**
 * The same where the rules declare the Describe fields they read (the monitoring rule reads
 * ProductionVariants alone): records kept that small let Search run the whole time the pages wait
 * for the schedules. With `npm run bench:scale` at 150,000 endpoints the monitoring rule went from
 * 492.6 s (1.64x its throttle floor) to 338.6 s (1.13x), and from 349 to 422 MB (bench/README.md).
 */
export const TRIMMED_SEARCH_READ_AHEAD_PAGES = 1_000;

/**
 * The endpoints, a page at a time, newest first: the order Search's records are read in
 * (search-window.ts). MaxResults is at most 100; SortBy CreationTime and SortOrder Descending are
 * documented values: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListEndpoints.html
 */
async function* endpoints(sagemaker: SageMakerClient, resume: ListingResume | undefined): AsyncGenerator<Listed[]> {
  const pages = paginateListEndpoints(
    { client: sagemaker, pageSize: 100 },
    { SortBy: 'CreationTime', SortOrder: 'Descending', ...(resume ? { CreationTimeBefore: filterBound(resume) } : {}) },
  );
  const toDo = resume ? stillToDo(resume) : undefined;
  for await (const page of pages) {
    const listed: Listed[] = [];
    for (const e of page.Endpoints ?? []) {
      if (!e.EndpointName) continue;
      const one: Listed = { id: e.EndpointName, arn: e.EndpointArn ?? '', summary: e };
      if (!toDo || toDo(one)) listed.push(one);
    }
    if (listed.length > 0) yield listed;
  }
}

/**
 * Every monitoring schedule of the account and Region, grouped by the endpoint it targets: one
 * paginated listing for all endpoints rather than one call per endpoint, read beside the endpoint
 * listing. Schedules that target no endpoint (batch transform monitoring) are left out.
 */
async function schedulesByEndpoint(sagemaker: SageMakerClient): Promise<Map<string, JsonObject[]>> {
  const byEndpoint = new Map<string, JsonObject[]>();
  for await (const page of paginateListMonitoringSchedules({ client: sagemaker, pageSize: 100 }, {})) {
    for (const s of page.MonitoringScheduleSummaries ?? []) {
      if (!s.EndpointName) continue;
      let schedules = byEndpoint.get(s.EndpointName);
      if (!schedules) byEndpoint.set(s.EndpointName, (schedules = []));
      schedules.push(toPlainJson(s));
    }
  }
  return byEndpoint;
}

/** A page's endpoints, each with the schedules that target it (none: an empty list). */
function schedulesOf(all: () => Promise<Map<string, JsonObject[]>>) {
  return async (listed: Listed[]): Promise<Map<string, JsonObject>> => {
    const byEndpoint = await all();
    return new Map(listed.map((l) => [l.id, { MonitoringSchedules: byEndpoint.get(l.id) ?? [] }]));
  };
}

function pagesOf(context: SageMakerContext): AsyncGenerator<ConfigItem[]> {
  const sagemaker = sagemakerOf(context);
  // Started with the listing when the rules read it; settled, so a failure is no unhandled
  // rejection: it surfaces when the first page asks for it.
  const schedules = wants(context, 'monitoringSchedules')
    ? settle(schedulesByEndpoint(sagemakerOf(context, 'schedules')))
    : undefined;
  return assemblePages(RESOURCE_TYPE, endpoints(sagemaker, context.resume), context, {
    taggingType: TAGGING_TYPE,
    describe: (name) => sagemaker.send(new DescribeEndpointCommand({ EndpointName: name })),
    // Search's endpoint record also carries its MonitoringSchedules; the rules read the
    // ListMonitoringSchedules summaries (`monitoringSchedules`), so those are dropped.
    // The pages wait for the account's monitoring schedules: Search reads ahead meanwhile, up to
    // SEARCH_READ_AHEAD_PAGES pages of trimmed records.
    search: {
      resource: 'Endpoint',
      nameField: 'EndpointName',
      extraFields: ['Tags', 'MonitoringSchedules'],
      readAheadPages: SEARCH_READ_AHEAD_PAGES,
      trimmedReadAheadPages: TRIMMED_SEARCH_READ_AHEAD_PAGES,
      ...(context.resume ? { resume: context.resume } : {}),
    },
    extras: schedules ? [{ read: 'monitoringSchedules', fetch: schedulesOf(() => unwrap(schedules)) }] : [],
  });
}

const adapter: InventoryAdapter = {
  resourceType: RESOURCE_TYPE,
  actions: {
    list: ['sagemaker:ListEndpoints'],
    // Search has no resource-level scope (Resource "*"); Describe covers what it does not return.
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsagemaker.html
    describe: ['sagemaker:Search', 'sagemaker:DescribeEndpoint'],
    tags: TAG_ACTIONS,
    monitoringSchedules: ['sagemaker:ListMonitoringSchedules'],
  },
  // For doctor's check of where tags come from: the first few, one List call (cli/doctor/tag-coverage.ts).
  tagging: {
    type: TAGGING_TYPE,
    async sample(context: SageMakerContext, max: number) {
      const out = await sagemakerOf(context).send(new ListEndpointsCommand({ MaxResults: max }));
      return (out.Endpoints ?? []).map((r) => ({ id: r.EndpointName ?? '', arn: r.EndpointArn ?? '' }));
    },
  },
  // A scheduled run takes the pages as they come; `list` (scan, record) collects them.
  pages: pagesOf,
  resumable: true,
  async list(context: SageMakerContext) {
    const items: ConfigItem[] = [];
    for await (const page of pagesOf(context)) append(items, page);
    return items;
  },
};
export default adapter;
