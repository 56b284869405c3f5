// SageMaker notebook instances (AWS::SageMaker::NotebookInstance). Config records them, but its
// items may lack fields only DescribeNotebookInstance returns (PlatformIdentifier), so a rule that
// needs those lists notebooks through the SageMaker API, as AWS's own managed rule does.
import { DescribeNotebookInstanceCommand, paginateListNotebookInstances } from '@aws-sdk/client-sagemaker';
import type { InventoryAdapter } from '../_core/inventory.js';
import { assembleItems, sagemakerOf, type Listed, type SageMakerContext } from './sagemaker.js';
import { TAG_ACTIONS } from './tags.js';

export const RESOURCE_TYPE = 'AWS::SageMaker::NotebookInstance';

const adapter: InventoryAdapter = {
  resourceType: RESOURCE_TYPE,
  actions: {
    list: ['sagemaker:ListNotebookInstances'],
    describe: ['sagemaker:DescribeNotebookInstance'],
    tags: TAG_ACTIONS,
  },
  async list(context: SageMakerContext) {
    const sagemaker = sagemakerOf(context);
    const listed: Listed[] = [];
    for await (const page of paginateListNotebookInstances({ client: sagemaker, pageSize: 100 }, {})) {
      for (const n of page.NotebookInstances ?? []) {
        if (n.NotebookInstanceName)
          listed.push({ id: n.NotebookInstanceName, arn: n.NotebookInstanceArn ?? '', summary: n });
      }
    }
    return assembleItems(RESOURCE_TYPE, listed, context, {
      taggingType: 'sagemaker:notebook-instance',
      describe: (name) => sagemaker.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: name })),
    });
  },
};
export default adapter;
