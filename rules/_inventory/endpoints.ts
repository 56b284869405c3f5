// SageMaker endpoints (AWS::SageMaker::Endpoint), which Config does not record.
import { DescribeEndpointCommand, paginateListEndpoints } from '@aws-sdk/client-sagemaker';
import pMap from 'p-map';
import type { InventoryAdapter } from '../_core/inventory.js';
import { toPlainJson } from '../_core/inventory.js';
import { DEFAULT_CONCURRENCY, inventoryItem, sagemakerOf, tagsOf, type SageMakerContext } from './sagemaker.js';

export const RESOURCE_TYPE = 'AWS::SageMaker::Endpoint';

const adapter: InventoryAdapter = {
  resourceType: RESOURCE_TYPE,
  actions: ['sagemaker:ListEndpoints', 'sagemaker:DescribeEndpoint', 'sagemaker:ListTags'],
  async list(context: SageMakerContext) {
    const sagemaker = sagemakerOf(context);
    const names: string[] = [];
    for await (const page of paginateListEndpoints({ client: sagemaker, pageSize: 100 }, {})) {
      for (const e of page.Endpoints ?? []) if (e.EndpointName) names.push(e.EndpointName);
    }
    return pMap(
      names,
      async (name) => {
        const described = await sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }));
        const arn = described.EndpointArn ?? '';
        const tags = arn ? await tagsOf(sagemaker, arn) : {};
        return inventoryItem(RESOURCE_TYPE, name, arn, tags, toPlainJson(described), context);
      },
      { concurrency: context.concurrency ?? DEFAULT_CONCURRENCY },
    );
  },
};
export default adapter;
