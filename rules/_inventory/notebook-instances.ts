// SageMaker notebook instances (AWS::SageMaker::NotebookInstance). Config records them, but its
// items may lack fields only DescribeNotebookInstance returns (PlatformIdentifier), so a rule that
// needs those lists notebooks through the SageMaker API, as AWS's own managed rule does.
import { DescribeNotebookInstanceCommand, paginateListNotebookInstances } from '@aws-sdk/client-sagemaker';
import type { InventoryAdapter } from '../_core/inventory.js';
import { toPlainJson } from '../_core/inventory.js';
import { describeEach, inventoryItem, sagemakerOf, tagsOf, type SageMakerContext } from './sagemaker.js';

export const RESOURCE_TYPE = 'AWS::SageMaker::NotebookInstance';

const adapter: InventoryAdapter = {
  resourceType: RESOURCE_TYPE,
  actions: ['sagemaker:ListNotebookInstances', 'sagemaker:DescribeNotebookInstance', 'sagemaker:ListTags'],
  async list(context: SageMakerContext) {
    const sagemaker = sagemakerOf(context);
    const names: string[] = [];
    for await (const page of paginateListNotebookInstances({ client: sagemaker, pageSize: 100 }, {})) {
      for (const n of page.NotebookInstances ?? []) if (n.NotebookInstanceName) names.push(n.NotebookInstanceName);
    }
    return describeEach(names, context, async (name) => {
      const described = await sagemaker.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: name }));
      const arn = described.NotebookInstanceArn ?? '';
      const tags = arn ? await tagsOf(sagemaker, arn) : {};
      return inventoryItem(RESOURCE_TYPE, name, arn, tags, toPlainJson(described), context);
    });
  },
};
export default adapter;
