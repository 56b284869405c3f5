// An inventory adapter for SageMaker endpoints that answers at once with `count` items, built as
// the SageMaker adapters build them (inventoryItem): for runs over tens of thousands of
// resources, where a mocked client paging 100 at a time would spend seconds on the mock alone.
// Every tenth endpoint is untagged, so the endpoint tag rule finds it NON_COMPLIANT.
import type { InventoryLoaders } from '../../rules/_core/config-sources.js';
import type { InventoryAdapter, InventoryContext } from '../../rules/_core/inventory.js';
import { inventoryItem } from '../../rules/_inventory/sagemaker.js';

export const ENDPOINT_TYPE = 'AWS::SageMaker::Endpoint';
export const endpointName = (i: number) => `fraud-scorer-${String(i).padStart(6, '0')}`;
const arnOf = (name: string) => `arn:aws:sagemaker:us-east-1:123456789012:endpoint/${name}`;
export const isTagged = (i: number) => i % 10 !== 0;

export interface PagedOptions {
  /** Items per page when the adapter is asked for pages (ListEndpoints gives at most 100). */
  pageSize?: number;
  /** Called before each page is handed over, with its index: a test records the order or throws. */
  onPage?: (index: number) => void | Promise<void>;
}

export function endpointInventory(count: number, paged?: PagedOptions): InventoryLoaders {
  const item = (i: number, context: InventoryContext) =>
    inventoryItem(
      ENDPOINT_TYPE,
      endpointName(i),
      arnOf(endpointName(i)),
      isTagged(i) ? { 'ml-pipeline': 'fraud-detection' } : {},
      {
        EndpointName: endpointName(i),
        EndpointArn: arnOf(endpointName(i)),
        EndpointStatus: 'InService',
        CreationTime: '2026-10-01T08:00:00.000Z',
        LastModifiedTime: '2026-10-01T08:10:00.000Z',
      },
      context,
    );
  const adapter: InventoryAdapter = {
    resourceType: ENDPOINT_TYPE,
    actions: { list: ['sagemaker:ListEndpoints'], tags: ['tag:GetResources', 'sagemaker:ListTags'] },
    list: async (context) => Array.from({ length: count }, (_, i) => item(i, context)),
    ...(paged
      ? {
          async *pages(context: InventoryContext) {
            const size = paged.pageSize ?? 100;
            for (let start = 0, index = 0; start < count; start += size, index++) {
              await paged.onPage?.(index);
              yield Array.from({ length: Math.min(size, count - start) }, (_, i) => item(start + i, context));
            }
          },
        }
      : {}),
  };
  return { [ENDPOINT_TYPE]: async () => adapter };
}
