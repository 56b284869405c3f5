// SageMaker pipelines (AWS::SageMaker::Pipeline), which Config does not record. The item's
// configuration is the ListPipelines summary with the DescribePipeline output merged over it,
// whose PipelineDefinition is the definition as a JSON string (rules parse it themselves, so a
// malformed one becomes a finding, not a failed run).
import { DescribePipelineCommand, ListPipelinesCommand, paginateListPipelines } from '@aws-sdk/client-sagemaker';
import type { InventoryAdapter } from '../_core/inventory.js';
import { assembleItems, sagemakerOf, type Listed, type SageMakerContext } from './sagemaker.js';
import { TAG_ACTIONS } from './tags.js';

export const RESOURCE_TYPE = 'AWS::SageMaker::Pipeline';
const TAGGING_TYPE = 'sagemaker:pipeline';

const adapter: InventoryAdapter = {
  resourceType: RESOURCE_TYPE,
  actions: { list: ['sagemaker:ListPipelines'], describe: ['sagemaker:DescribePipeline'], tags: TAG_ACTIONS },
  // For doctor's check of where tags come from: the first few, one List call (cli/doctor/tag-coverage.ts).
  tagging: {
    type: TAGGING_TYPE,
    async sample(context: SageMakerContext, max: number) {
      const out = await sagemakerOf(context).send(new ListPipelinesCommand({ MaxResults: max }));
      return (out.PipelineSummaries ?? []).map((r) => ({ id: r.PipelineName ?? '', arn: r.PipelineArn ?? '' }));
    },
  },
  async list(context: SageMakerContext) {
    const sagemaker = sagemakerOf(context);
    const listed: Listed[] = [];
    for await (const page of paginateListPipelines({ client: sagemaker, pageSize: 100 }, {})) {
      for (const p of page.PipelineSummaries ?? [])
        if (p.PipelineName) listed.push({ id: p.PipelineName, arn: p.PipelineArn ?? '', summary: p });
    }
    return assembleItems(RESOURCE_TYPE, listed, context, {
      taggingType: TAGGING_TYPE,
      describe: (name) => sagemaker.send(new DescribePipelineCommand({ PipelineName: name })),
    });
  },
};
export default adapter;
