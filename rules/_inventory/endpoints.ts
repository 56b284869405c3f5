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
import { assembleItems, sagemakerOf, type Listed, type SageMakerContext } from './sagemaker.js';
import { TAG_ACTIONS } from './tags.js';
import type { JsonObject } from '../_core/items.js';

export const RESOURCE_TYPE = 'AWS::SageMaker::Endpoint';
const TAGGING_TYPE = 'sagemaker:endpoint';

async function endpoints(sagemaker: SageMakerClient): Promise<Listed[]> {
  const listed: Listed[] = [];
  // MaxResults is at most 100: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListEndpoints.html
  for await (const page of paginateListEndpoints({ client: sagemaker, pageSize: 100 }, {})) {
    for (const e of page.Endpoints ?? [])
      if (e.EndpointName) listed.push({ id: e.EndpointName, arn: e.EndpointArn ?? '', summary: e });
  }
  return listed;
}

/**
 * Every monitoring schedule of the account and Region, grouped by the endpoint it targets: one
 * paginated listing for all endpoints rather than one call per endpoint. Schedules that target
 * no endpoint (batch transform monitoring) are left out.
 */
async function schedulesByEndpoint(sagemaker: SageMakerClient, listed: Listed[]): Promise<Map<string, JsonObject>> {
  const byEndpoint = new Map<string, JsonObject[]>(listed.map((l) => [l.id, []]));
  for await (const page of paginateListMonitoringSchedules({ client: sagemaker, pageSize: 100 }, {})) {
    for (const s of page.MonitoringScheduleSummaries ?? []) {
      if (s.EndpointName) byEndpoint.get(s.EndpointName)?.push(toPlainJson(s));
    }
  }
  return new Map([...byEndpoint].map(([name, schedules]) => [name, { MonitoringSchedules: schedules }]));
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
  async list(context: SageMakerContext) {
    const sagemaker = sagemakerOf(context);
    return assembleItems(RESOURCE_TYPE, endpoints(sagemaker), context, {
      taggingType: TAGGING_TYPE,
      describe: (name) => sagemaker.send(new DescribeEndpointCommand({ EndpointName: name })),
      // Search's endpoint record also carries its MonitoringSchedules; the rules read the
      // ListMonitoringSchedules summaries (`monitoringSchedules`), so those are dropped.
      search: { resource: 'Endpoint', nameField: 'EndpointName', extraFields: ['Tags', 'MonitoringSchedules'] },
      extras: [{ read: 'monitoringSchedules', fetch: (listed) => schedulesByEndpoint(sagemaker, listed) }],
    });
  },
};
export default adapter;
