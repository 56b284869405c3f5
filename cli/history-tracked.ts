// `history` on the SageMaker types Config does not record: the pack records them itself under
// `<namespace>::SageMaker::<Resource>` (rules/_tracking), so `history AWS::SageMaker::TrainingJob x`
// reads the items of `MLConfigRules::SageMaker::TrainingJob x`, and `--pipeline` finds the tracked
// resources of a pipeline without the advanced query.
//
// Why not the advanced query: "No support for querying on third-party resources. Third-party
// resources retrieved using advanced queries will have the configuration field set as NULL"
// (https://docs.aws.amazon.com/config/latest/developerguide/querying-AWS-resources.html#query-limitations).
// Custom types' items are read with Config's usual APIs instead ("Once this API records the
// configuration item, you can retrieve the list of configuration items for the custom resource
// type using existing AWS Config APIs",
// https://docs.aws.amazon.com/config/latest/APIReference/API_PutResourceConfig.html):
// ListDiscoveredResources lists each tracked type, deleted resources included
// (https://docs.aws.amazon.com/config/latest/APIReference/API_ListDiscoveredResources.html), and
// each resource's newest item says whether it carries the pipeline's tag.
import {
  GetResourceConfigHistoryCommand,
  paginateListDiscoveredResources,
  type ConfigServiceClient,
  type ResourceType,
} from '@aws-sdk/client-config-service';
import pMap from 'p-map';
import { own } from '../rules/_core/own.js';
import {
  DEFAULT_TRACKING_NAMESPACE,
  isTrackable,
  namespaceProblem,
  TRACKED_RESOURCES,
  trackedTypeName,
} from '../rules/_tracking/names.js';
import type { LookupKey } from '../rules/_core/rule.js';
import { UsageError } from './output.js';

/** `--tracking-namespace`, checked as the deploy checks it; the default when not given. */
export function trackingNamespace(value: string | undefined): string {
  const namespace = value ?? DEFAULT_TRACKING_NAMESPACE;
  const problem = namespaceProblem(namespace);
  if (problem) throw new UsageError(`--tracking-namespace ${problem}`);
  return namespace;
}

/** The type Config holds a resource's items under: a tracked AWS type becomes its recorded name, any other type stays. */
export const recordedTypeOf = (type: string, namespace: string): string =>
  isTrackable(type) ? trackedTypeName(namespace, type.slice('AWS::SageMaker::'.length)) : type;

export const trackedTypeNames = (namespace: string): string[] =>
  TRACKED_RESOURCES.map((resource) => trackedTypeName(namespace, resource));

/** The tags of a resource's newest live item at or before `at` (now when undefined); undefined when it has none. */
async function tagsAt(
  config: ConfigServiceClient,
  key: LookupKey,
  at?: Date,
): Promise<Record<string, string> | undefined> {
  try {
    const out = await config.send(
      new GetResourceConfigHistoryCommand({
        resourceType: key.resourceType as ResourceType,
        resourceId: key.resourceId,
        ...(at ? { laterTime: at } : {}),
        limit: 1,
      }),
    );
    const item = out.configurationItems?.[0];
    if (!item || item.configurationItemStatus?.startsWith('ResourceDeleted')) return undefined;
    return item.tags ?? {};
  } catch (error) {
    if ((error as Error).name === 'ResourceNotDiscoveredException') return undefined;
    throw error;
  }
}

/**
 * The tracked resources tagged `tagKey=pipeline`, among those Config lists: a live one by its
 * current item's tags (as the advanced query judges native types), one deleted since `since` by
 * its last item before the deletion (the tags it carried while it existed). One history read each.
 */
export async function trackedPipelineResources(
  config: ConfigServiceClient,
  namespace: string,
  tagKey: string,
  pipeline: string,
  since: Date,
): Promise<LookupKey[]> {
  const listed: { key: LookupKey; deletedAt?: Date }[] = [];
  for (const resourceType of trackedTypeNames(namespace)) {
    for await (const page of paginateListDiscoveredResources(
      { client: config, pageSize: 100 },
      { resourceType: resourceType as ResourceType, includeDeletedResources: true },
    )) {
      for (const r of page.resourceIdentifiers ?? []) {
        if (!r.resourceId) continue;
        // Gone before the period began: nothing of it to show.
        if (r.resourceDeletionTime && r.resourceDeletionTime.getTime() < since.getTime()) continue;
        listed.push({
          key: { resourceType, resourceId: r.resourceId },
          ...(r.resourceDeletionTime ? { deletedAt: r.resourceDeletionTime } : {}),
        });
      }
    }
  }
  const tagged = await pMap(
    listed,
    async ({ key, deletedAt }) => {
      const tags = await tagsAt(config, key, deletedAt ? new Date(deletedAt.getTime() - 1) : undefined);
      return own(tags, tagKey) === pipeline ? key : undefined;
    },
    { concurrency: 4 },
  );
  return tagged.filter((k): k is LookupKey => k !== undefined);
}
