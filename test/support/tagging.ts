// A Resource Groups Tagging API client whose GetResources is served from a test's resources:
// pages of ResourcesPerPage, ResourceTypeFilters and TagFilters applied as the API documents them
// (untagged resources are not returned). The SDK client is real; `send` is mocked.
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
  type GetResourcesCommandInput,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { mockClient } from 'aws-sdk-client-mock';

export interface TaggedResource {
  arn: string;
  tags: Record<string, string>;
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
  const serve = (resources: () => TaggedResource[]) =>
    mock.on(GetResourcesCommand).callsFake(async (input: GetResourcesCommandInput) => {
      inputs.push({ ...input });
      const matching = resources().filter(
        (r) =>
          Object.keys(r.tags).length > 0 &&
          (!input.ResourceTypeFilters || input.ResourceTypeFilters.includes(typeOf(r.arn))) &&
          (input.TagFilters ?? []).every((f) => f.Key! in r.tags && (!f.Values || f.Values.includes(r.tags[f.Key!]!))),
      );
      const size = input.ResourcesPerPage ?? 50;
      const start = input.PaginationToken ? Number(input.PaginationToken) : 0;
      const page = matching.slice(start, start + size);
      return {
        ResourceTagMappingList: page.map((r) => ({
          ResourceARN: r.arn,
          Tags: Object.entries(r.tags).map(([Key, Value]) => ({ Key, Value })),
        })),
        PaginationToken: start + size < matching.length ? String(start + size) : '',
      };
    });
  return { client, mock, inputs, serve };
}
