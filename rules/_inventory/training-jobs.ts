// SageMaker training jobs (AWS::SageMaker::TrainingJob), which Config does not record.
// `lookbackDays` bounds the listing to jobs created in that window; it never changes a verdict.
import { DescribeTrainingJobCommand, paginateListTrainingJobs } from '@aws-sdk/client-sagemaker';
import type { InventoryAdapter } from '../_core/inventory.js';
import { DEFAULT_LOOKBACK_DAYS } from '../_core/params.js';
import { toPlainJson } from '../_core/inventory.js';
import { describeEach, inventoryItem, sagemakerOf, tagsOf, type SageMakerContext } from './sagemaker.js';

export const RESOURCE_TYPE = 'AWS::SageMaker::TrainingJob';
export { DEFAULT_LOOKBACK_DAYS } from '../_core/params.js';
const DAY_MS = 86_400_000;

const adapter: InventoryAdapter = {
  resourceType: RESOURCE_TYPE,
  actions: ['sagemaker:ListTrainingJobs', 'sagemaker:DescribeTrainingJob', 'sagemaker:ListTags'],
  async list(context: SageMakerContext) {
    const sagemaker = sagemakerOf(context);
    const days = typeof context.params.lookbackDays === 'number' ? context.params.lookbackDays : DEFAULT_LOOKBACK_DAYS;
    const since = new Date((context.now ?? new Date()).getTime() - days * DAY_MS);
    const names: string[] = [];
    const pages = paginateListTrainingJobs({ client: sagemaker, pageSize: 100 }, { CreationTimeAfter: since });
    for await (const page of pages) {
      for (const j of page.TrainingJobSummaries ?? []) if (j.TrainingJobName) names.push(j.TrainingJobName);
    }
    return describeEach(names, context, async (name) => {
      const described = await sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: name }));
      const arn = described.TrainingJobArn ?? '';
      const tags = arn ? await tagsOf(sagemaker, arn) : {};
      return inventoryItem(RESOURCE_TYPE, name, arn, tags, toPlainJson(described), context);
    });
  },
};
export default adapter;
