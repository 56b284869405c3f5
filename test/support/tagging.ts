// A Resource Groups Tagging API client whose GetResources is served from a test's resources:
// pages of ResourcesPerPage, ResourceTypeFilters and TagFilters applied as the API documents them
// (untagged resources are not returned), or a ResourceARNList. The SDK client is real; `send` is
// mocked. A test can make GetResources miss whole types, as it would where it does not cover them,
// or match type filters by prefix (undocumented either way). SageMaker's ListTags is answered
// from the same resources, every tag whatever GetResources covers.
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
  type GetResourcesCommandInput,
} from '@aws-sdk/client-resource-groups-tagging-api';
import type { ListTagsCommandInput, ListTagsCommandOutput } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';

export interface TaggedResource {
  arn: string;
  tags: Record<string, string>;
}

export interface ServeOptions {
  /** Tagging types GetResources leaves out, as where it does not cover them. */
  uncovered?: string[];
  /** A filter also matches the types it is a prefix of (`sagemaker:model` → `model-package-group`). */
  prefixMatch?: boolean;
}

/** The tagging type of a SageMaker ARN: `sagemaker:<resource-type>`. */
const typeOf = (arn: string) => `${arn.split(':')[2]}:${arn.split(':')[5]!.split('/')[0]}`;

export function mockTagging() {
  const client = new ResourceGroupsTaggingAPIClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const mock = mockClient(client);
  const inputs: GetResourcesCommandInput[] = [];
  /** Serve these resources; each call's input is recorded in `inputs`. */
  const serve = (resources: () => TaggedResource[], options: ServeOptions = {}) =>
    mock.on(GetResourcesCommand).callsFake(async (input: GetResourcesCommandInput) => {
      inputs.push({ ...input });
      const known = resources().filter(
        (r) => Object.keys(r.tags).length > 0 && !(options.uncovered ?? []).includes(typeOf(r.arn)),
      );
      const mapping = (r: TaggedResource) => ({
        ResourceARN: r.arn,
        Tags: Object.entries(r.tags).map(([Key, Value]) => ({ Key, Value })),
      });
      // ResourceARNList takes no type filter, tag filter or paging.
      if (input.ResourceARNList) {
        const wanted = new Set(input.ResourceARNList);
        return { ResourceTagMappingList: known.filter((r) => wanted.has(r.arn)).map(mapping) };
      }
      const typeMatches = (arn: string) =>
        !input.ResourceTypeFilters ||
        input.ResourceTypeFilters.some((f) => (options.prefixMatch ? typeOf(arn).startsWith(f) : typeOf(arn) === f));
      const matching = known.filter(
        (r) =>
          typeMatches(r.arn) &&
          (input.TagFilters ?? []).every((f) => f.Key! in r.tags && (!f.Values || f.Values.includes(r.tags[f.Key!]!))),
      );
      const size = input.ResourcesPerPage ?? 50;
      const start = input.PaginationToken ? Number(input.PaginationToken) : 0;
      const page = matching.slice(start, start + size);
      return {
        ResourceTagMappingList: page.map(mapping),
        PaginationToken: start + size < matching.length ? String(start + size) : '',
      };
    });
  return { client, mock, inputs, serve };
}

/**
 * SageMaker's ListTags over the same resources (one page; MaxResults is not needed for a few
 * tags). An ARN no resource has is gone: ResourceNotFound.
 */
export const listTagsFrom =
  (resources: () => TaggedResource[]) =>
  async (input: ListTagsCommandInput): Promise<Partial<ListTagsCommandOutput>> => {
    const found = resources().find((r) => r.arn === input.ResourceArn);
    if (!found) throw Object.assign(new Error(`Resource ${input.ResourceArn} not found`), { name: 'ResourceNotFound' });
    return { Tags: Object.entries(found.tags).map(([Key, Value]) => ({ Key, Value })) };
  };
