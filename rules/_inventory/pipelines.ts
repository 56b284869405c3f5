// SageMaker pipelines (AWS::SageMaker::Pipeline), which Config does not record. The item's
// configuration is the DescribePipeline output, whose PipelineDefinition is the definition as a
// JSON string (rules parse it themselves, so a malformed one becomes a finding, not a failed run).
import { DescribePipelineCommand, paginateListPipelines } from '@aws-sdk/client-sagemaker';
import type { InventoryAdapter } from '../_core/inventory.js';
import { toPlainJson } from '../_core/inventory.js';
import { describeEach, inventoryItem, sagemakerOf, tagsOf, type SageMakerContext } from './sagemaker.js';

export const RESOURCE_TYPE = 'AWS::SageMaker::Pipeline';

const adapter: InventoryAdapter = {
  resourceType: RESOURCE_TYPE,
  actions: ['sagemaker:ListPipelines', 'sagemaker:DescribePipeline', 'sagemaker:ListTags'],
  async list(context: SageMakerContext) {
    const sagemaker = sagemakerOf(context);
    const names: string[] = [];
    for await (const page of paginateListPipelines({ client: sagemaker, pageSize: 100 }, {})) {
      for (const p of page.PipelineSummaries ?? []) if (p.PipelineName) names.push(p.PipelineName);
    }
    return describeEach(names, context, async (name) => {
      const described = await sagemaker.send(new DescribePipelineCommand({ PipelineName: name }));
      const arn = described.PipelineArn ?? '';
      const tags = arn ? await tagsOf(sagemaker, arn) : {};
      return inventoryItem(RESOURCE_TYPE, name, arn, tags, toPlainJson(described), context);
    });
  },
};
export default adapter;
