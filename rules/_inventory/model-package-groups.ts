// SageMaker model package groups (AWS::SageMaker::ModelPackageGroup), which Config does not record.
// The item's configuration is the group's ListModelPackageGroups summary plus `LatestModelPackage`:
// the DescribeModelPackage output of the group's newest package (absent for an empty group).
import {
  DescribeModelPackageCommand,
  ListModelPackagesCommand,
  paginateListModelPackageGroups,
  type ModelPackageGroupSummary,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import type { InventoryAdapter } from '../_core/inventory.js';
import { toPlainJson } from '../_core/inventory.js';
import { describeEach, inventoryItem, sagemakerOf, tagsOf, type SageMakerContext } from './sagemaker.js';

export const RESOURCE_TYPE = 'AWS::SageMaker::ModelPackageGroup';

/** The group's newest package, described; undefined when the group holds none. */
async function latestPackage(sagemaker: SageMakerClient, group: string): Promise<Record<string, any> | undefined> {
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
  actions: ['sagemaker:ListModelPackageGroups', 'sagemaker:ListModelPackages', 'sagemaker:DescribeModelPackage', 'sagemaker:ListTags'],
  async list(context: SageMakerContext) {
    const sagemaker = sagemakerOf(context);
    const groups: ModelPackageGroupSummary[] = [];
    for await (const page of paginateListModelPackageGroups({ client: sagemaker, pageSize: 100 }, {})) {
      for (const g of page.ModelPackageGroupSummaryList ?? []) if (g.ModelPackageGroupName) groups.push(g);
    }
    return describeEach(groups, context, async (group) => {
      const name = group.ModelPackageGroupName!;
      const arn = group.ModelPackageGroupArn ?? '';
      const latest = await latestPackage(sagemaker, name);
      const tags = arn ? await tagsOf(sagemaker, arn) : {};
      const configuration = { ...toPlainJson(group), ...(latest ? { LatestModelPackage: latest } : {}) };
      return inventoryItem(RESOURCE_TYPE, name, arn, tags, configuration, context);
    });
  },
};
export default adapter;
