// SageMaker model package groups (AWS::SageMaker::ModelPackageGroup), which Config does not record.
// The item's configuration is the group's ListModelPackageGroups summary plus `LatestModelPackage`
// (`latestModelPackage`): the DescribeModelPackage output of the group's newest package (absent
// for an empty group).
import {
  DescribeModelPackageCommand,
  ListModelPackageGroupsCommand,
  ListModelPackagesCommand,
  paginateListModelPackageGroups,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import pMap from 'p-map';
import type { InventoryAdapter } from '../_core/inventory.js';
import { toPlainJson } from '../_core/inventory.js';
import { assembleItems, DEFAULT_CONCURRENCY, sagemakerOf, type Listed, type SageMakerContext } from './sagemaker.js';
import { TAG_ACTIONS } from './tags.js';
import type { JsonObject } from '../_core/items.js';

export const RESOURCE_TYPE = 'AWS::SageMaker::ModelPackageGroup';
const TAGGING_TYPE = 'sagemaker:model-package-group';

/** The group's newest package, described; undefined when the group holds none. */
export async function latestPackage(sagemaker: SageMakerClient, group: string): Promise<JsonObject | undefined> {
  const newest = await sagemaker.send(
    new ListModelPackagesCommand({
      ModelPackageGroupName: group,
      // Packages in a group are versioned; the documented default type filter is Unversioned.
      ModelPackageType: 'Versioned',
      SortBy: 'CreationTime',
      SortOrder: 'Descending',
      MaxResults: 1,
    }),
  );
  const summary = newest.ModelPackageSummaryList?.[0];
  // Versioned packages are described by ARN (their name is the group's name).
  const id = summary?.ModelPackageArn ?? summary?.ModelPackageName;
  if (!id) return undefined;
  return toPlainJson(await sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: id })));
}

const adapter: InventoryAdapter = {
  resourceType: RESOURCE_TYPE,
  actions: {
    list: ['sagemaker:ListModelPackageGroups'],
    latestModelPackage: ['sagemaker:ListModelPackages', 'sagemaker:DescribeModelPackage'],
    tags: TAG_ACTIONS,
  },
  // For doctor's check of where tags come from: the first few, one List call (cli/doctor/tag-coverage.ts).
  tagging: {
    type: TAGGING_TYPE,
    async sample(context: SageMakerContext, max: number) {
      const out = await sagemakerOf(context).send(new ListModelPackageGroupsCommand({ MaxResults: max }));
      return (out.ModelPackageGroupSummaryList ?? []).map((r) => ({
        id: r.ModelPackageGroupName ?? '',
        arn: r.ModelPackageGroupArn ?? '',
      }));
    },
  },
  async list(context: SageMakerContext) {
    const sagemaker = sagemakerOf(context);
    const listed: Listed[] = [];
    for await (const page of paginateListModelPackageGroups({ client: sagemaker, pageSize: 100 }, {})) {
      for (const g of page.ModelPackageGroupSummaryList ?? []) {
        if (g.ModelPackageGroupName)
          listed.push({ id: g.ModelPackageGroupName, arn: g.ModelPackageGroupArn ?? '', summary: g });
      }
    }
    const latest = async (groups: Listed[]) => {
      const out = new Map<string, JsonObject>();
      await pMap(
        groups,
        async ({ id }) => {
          const newest = await latestPackage(sagemaker, id);
          out.set(id, newest ? { LatestModelPackage: newest } : {});
        },
        { concurrency: context.concurrency ?? DEFAULT_CONCURRENCY },
      );
      return out;
    };
    return assembleItems(RESOURCE_TYPE, listed, context, {
      taggingType: TAGGING_TYPE,
      extras: [{ read: 'latestModelPackage', fetch: latest }],
    });
  },
};
export default adapter;
