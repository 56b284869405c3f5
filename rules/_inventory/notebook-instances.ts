// SageMaker notebook instances (AWS::SageMaker::NotebookInstance). Config records them, but its
// items may lack fields only DescribeNotebookInstance returns (PlatformIdentifier), so a rule that
// needs those lists notebooks through the SageMaker API, as AWS's own managed rule does.
import {
  DescribeNotebookInstanceCommand,
  ListNotebookInstancesCommand,
  paginateListNotebookInstances,
} from '@aws-sdk/client-sagemaker';
import type { InventoryAdapter } from '../_core/inventory.js';
import { assembleItems, sagemakerOf, type Listed, type SageMakerContext } from './sagemaker.js';
import { TAG_ACTIONS } from './tags.js';

export const RESOURCE_TYPE = 'AWS::SageMaker::NotebookInstance';
const TAGGING_TYPE = 'sagemaker:notebook-instance';

const adapter: InventoryAdapter = {
  resourceType: RESOURCE_TYPE,
  actions: {
    list: ['sagemaker:ListNotebookInstances'],
    describe: ['sagemaker:DescribeNotebookInstance'],
    tags: TAG_ACTIONS,
  },
  // For doctor's check of where tags come from: the first few, one List call (cli/doctor/tag-coverage.ts).
  tagging: {
    type: TAGGING_TYPE,
    async sample(context: SageMakerContext, max: number) {
      const out = await sagemakerOf(context).send(new ListNotebookInstancesCommand({ MaxResults: max }));
      return (out.NotebookInstances ?? []).map((r) => ({
        id: r.NotebookInstanceName ?? '',
        arn: r.NotebookInstanceArn ?? '',
      }));
    },
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
      taggingType: TAGGING_TYPE,
      describe: (name) => sagemaker.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: name })),
    });
  },
};
export default adapter;
