// SageMaker endpoints (AWS::SageMaker::Endpoint), which Config does not record.
// Each item's configuration is the DescribeEndpoint output plus `MonitoringSchedules`: the
// ListMonitoringSchedules summaries of the schedules that target the endpoint.
import {
  DescribeEndpointCommand,
  paginateListEndpoints,
  paginateListMonitoringSchedules,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import type { InventoryAdapter } from '../_core/inventory.js';
import { toPlainJson } from '../_core/inventory.js';
import { describeEach, inventoryItem, sagemakerOf, tagsOf, type SageMakerContext } from './sagemaker.js';

export const RESOURCE_TYPE = 'AWS::SageMaker::Endpoint';

async function endpointNames(sagemaker: SageMakerClient): Promise<string[]> {
  const names: string[] = [];
  for await (const page of paginateListEndpoints({ client: sagemaker, pageSize: 100 }, {})) {
    for (const e of page.Endpoints ?? []) if (e.EndpointName) names.push(e.EndpointName);
  }
  return names;
}

/**
 * Every monitoring schedule of the account and Region, grouped by the endpoint it targets: one
 * paginated listing for all endpoints rather than one call per endpoint. Schedules that target
 * no endpoint (batch transform monitoring) are left out.
 */
async function schedulesByEndpoint(sagemaker: SageMakerClient): Promise<Map<string, Record<string, any>[]>> {
  const byEndpoint = new Map<string, Record<string, any>[]>();
  for await (const page of paginateListMonitoringSchedules({ client: sagemaker, pageSize: 100 }, {})) {
    for (const s of page.MonitoringScheduleSummaries ?? []) {
      if (!s.EndpointName) continue;
      const list = byEndpoint.get(s.EndpointName) ?? [];
      list.push(toPlainJson(s));
      byEndpoint.set(s.EndpointName, list);
    }
  }
  return byEndpoint;
}

const adapter: InventoryAdapter = {
  resourceType: RESOURCE_TYPE,
  actions: ['sagemaker:ListEndpoints', 'sagemaker:DescribeEndpoint', 'sagemaker:ListTags', 'sagemaker:ListMonitoringSchedules'],
  async list(context: SageMakerContext) {
    const sagemaker = sagemakerOf(context);
    const [names, schedules] = await Promise.all([endpointNames(sagemaker), schedulesByEndpoint(sagemaker)]);
    return describeEach(names, context, async (name) => {
      const described = await sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }));
      const arn = described.EndpointArn ?? '';
      const tags = arn ? await tagsOf(sagemaker, arn) : {};
      const configuration = { ...toPlainJson(described), MonitoringSchedules: schedules.get(name) ?? [] };
      return inventoryItem(RESOURCE_TYPE, name, arn, tags, configuration, context);
    });
  },
};
export default adapter;
