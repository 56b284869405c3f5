// SageMaker training jobs (AWS::SageMaker::TrainingJob), which Config does not record.
// `lookbackDays` bounds the listing to jobs created in that window; it never changes a verdict.
// The Describe output comes from Search's pages where they have it (search.ts).
import {
  DescribeTrainingJobCommand,
  ListTrainingJobsCommand,
  paginateListTrainingJobs,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import type { InventoryAdapter } from '../_core/inventory.js';
import { DEFAULT_LOOKBACK_DAYS } from '../_core/params.js';
import { append } from '../_core/arrays.js';
import type { ConfigItem } from '../_core/items.js';
import { assemblePages, sagemakerOf, type Listed, type SageMakerContext } from './sagemaker.js';
import { filterBound, stillToDo, type ListingResume } from './resume.js';
import { TAG_ACTIONS } from './tags.js';

export const RESOURCE_TYPE = 'AWS::SageMaker::TrainingJob';
const TAGGING_TYPE = 'sagemaker:training-job';
export { DEFAULT_LOOKBACK_DAYS } from '../_core/params.js';
const DAY_MS = 86_400_000;

/**
 * The jobs created in the window, a page at a time, newest first: the order Search's records are
 * read in (search-window.ts). MaxResults is at most 100; SortBy CreationTime and SortOrder
 * Descending are documented values:
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListTrainingJobs.html
 */
async function* jobsCreatedAfter(
  sagemaker: SageMakerClient,
  since: Date,
  resume: ListingResume | undefined,
): AsyncGenerator<Listed[]> {
  const pages = paginateListTrainingJobs(
    { client: sagemaker, pageSize: 100 },
    {
      CreationTimeAfter: since,
      SortBy: 'CreationTime',
      SortOrder: 'Descending',
      ...(resume ? { CreationTimeBefore: filterBound(resume) } : {}),
    },
  );
  const toDo = resume ? stillToDo(resume) : undefined;
  for await (const page of pages) {
    const listed: Listed[] = [];
    for (const j of page.TrainingJobSummaries ?? []) {
      if (!j.TrainingJobName) continue;
      const one: Listed = { id: j.TrainingJobName, arn: j.TrainingJobArn ?? '', summary: j };
      if (!toDo || toDo(one)) listed.push(one);
    }
    if (listed.length > 0) yield listed;
  }
}

function pagesOf(context: SageMakerContext): AsyncGenerator<ConfigItem[]> {
  const sagemaker = sagemakerOf(context);
  const days = typeof context.params.lookbackDays === 'number' ? context.params.lookbackDays : DEFAULT_LOOKBACK_DAYS;
  const since = new Date((context.now ?? new Date()).getTime() - days * DAY_MS);
  return assemblePages(RESOURCE_TYPE, jobsCreatedAfter(sagemaker, since, context.resume), context, {
    taggingType: TAGGING_TYPE,
    describe: (name) => sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: name })),
    search: {
      resource: 'TrainingJob',
      nameField: 'TrainingJobName',
      extraFields: ['Tags'],
      notCreatedBefore: since,
      ...(context.resume ? { resume: context.resume } : {}),
    },
  });
}

const adapter: InventoryAdapter = {
  resourceType: RESOURCE_TYPE,
  actions: {
    list: ['sagemaker:ListTrainingJobs'],
    // Search has no resource-level scope (Resource "*"); Describe covers what it does not return.
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsagemaker.html
    describe: ['sagemaker:Search', 'sagemaker:DescribeTrainingJob'],
    tags: TAG_ACTIONS,
  },
  // For doctor's check of where tags come from: the first few, one List call (cli/doctor/tag-coverage.ts).
  tagging: {
    type: TAGGING_TYPE,
    async sample(context: SageMakerContext, max: number) {
      const out = await sagemakerOf(context).send(
        new ListTrainingJobsCommand({ SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: max }),
      );
      return (out.TrainingJobSummaries ?? []).map((r) => ({
        id: r.TrainingJobName ?? '',
        arn: r.TrainingJobArn ?? '',
      }));
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
