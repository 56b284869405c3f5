// `scan` judges each listing page as it arrives and keeps only the verdicts: a listing of 150,000
// training jobs held whole took 1,476 MB. One listing still serves every rule that reads its
// type, and a read that fails on a later page fails only the rules that read it.
import { afterEach, describe, expect, it } from 'vitest';
import { runScan } from '../cli/scan/run.js';
import type { InventoryAdapter, InventoryContext } from '../rules/_core/inventory.js';
import type { ConfigItem } from '../rules/_core/items.js';
import { inventoryItem } from '../rules/_inventory/sagemaker.js';
import { ruleById } from '../rules/index.js';
import { startFakeAws, type FakeAws } from './support/fake-aws.js';

const TYPE = 'AWS::SageMaker::Endpoint';
const name = (i: number) => `fraud-scorer-${String(i).padStart(4, '0')}`;
const arnOf = (n: string) => `arn:aws:sagemaker:us-east-1:123456789012:endpoint/${n}`;

/** An endpoint as the SageMaker adapter builds it, whose tags say when a rule first reads them. */
function endpoint(i: number, context: InventoryContext, onRead: (id: string) => void): ConfigItem {
  const tags: Record<string, string> = i % 4 === 0 ? {} : { 'ml-pipeline': 'fraud-detection' };
  const item = inventoryItem(
    TYPE,
    name(i),
    arnOf(name(i)),
    tags,
    {
      EndpointName: name(i),
      EndpointArn: arnOf(name(i)),
      EndpointStatus: 'InService',
      CreationTime: '2026-10-01T08:00:00.000Z',
      LastModifiedTime: '2026-10-01T08:10:00.000Z',
      MonitoringSchedules: [],
    },
    context,
  );
  Object.defineProperty(item, 'tags', {
    enumerable: true,
    get() {
      onRead(item.resourceId);
      return tags;
    },
  });
  return item;
}

interface Listing {
  order: string[];
  /** How many times the listing was read. */
  reads: number;
}

/** 350 endpoints in pages of 100; `failOn` makes the monitoring-schedule read fail while that page is assembled. */
function endpointListing(failOn?: number): {
  listing: Listing;
  loaders: Record<string, () => Promise<InventoryAdapter>>;
} {
  const listing: Listing = { order: [], reads: 0 };
  const seen = new Set<string>();
  const adapter: InventoryAdapter = {
    resourceType: TYPE,
    actions: { list: ['sagemaker:ListEndpoints'], monitoringSchedules: ['sagemaker:ListMonitoringSchedules'] },
    list: async () => {
      throw new Error('the scan reads pages');
    },
    async *pages(context) {
      listing.reads++;
      for (let page = 0; page * 100 < 350; page++) {
        listing.order.push(`listed page ${page}`);
        if (page === failOn)
          context.onReadFailure?.(
            'monitoringSchedules',
            Object.assign(new Error('User is not authorized to perform: sagemaker:ListMonitoringSchedules'), {
              name: 'AccessDeniedException',
            }),
          );
        const count = Math.min(100, 350 - page * 100);
        yield Array.from({ length: count }, (_, k) =>
          endpoint(page * 100 + k, context, (id) => {
            if (!seen.has(id)) listing.order.push(`judged ${id}`);
            seen.add(id);
          }),
        );
      }
    },
  };
  return { listing, loaders: { [TYPE]: async () => adapter } };
}

let aws: FakeAws | undefined;
afterEach(async () => {
  await aws?.close();
  aws = undefined;
});

async function scan(ids: string[], failOn?: number) {
  const { listing, loaders } = endpointListing(failOn);
  aws = await startFakeAws({});
  const clients = aws.clients('us-east-1');
  const run = await runScan({
    rules: ids.map((id) => ruleById(id)!),
    regions: ['us-east-1'],
    clientsFor: () => clients,
    sourceOptions: { inventory: loaders },
  });
  return { listing, results: Object.fromEntries(run.results.map((r) => [r.rule, r])) };
}

describe('a scan of a listing in pages', () => {
  it('judges each page before the next one is listed', async () => {
    const { listing, results } = await scan(['sagemaker-endpoint-tagged']);
    const at = (entry: string) => listing.order.indexOf(entry);
    expect(at('judged fraud-scorer-0000')).toBeGreaterThan(at('listed page 0'));
    expect(at('judged fraud-scorer-0000')).toBeLessThan(at('listed page 1'));
    expect(at('judged fraud-scorer-0299')).toBeLessThan(at('listed page 3'));
    const verdicts = results['sagemaker-endpoint-tagged']!.evaluations;
    expect(verdicts).toHaveLength(350);
    expect(verdicts.filter((e) => e.ComplianceType === 'NON_COMPLIANT')).toHaveLength(88);
    expect(results['sagemaker-endpoint-tagged']!.arns![`${TYPE} ${name(349)}`]).toBe(arnOf(name(349)));
  });

  it('reads one listing for the rules that share its type, in the listing order', async () => {
    const { listing, results } = await scan(['sagemaker-endpoint-tagged', 'sagemaker-endpoint-monitoring-scheduled']);
    expect(listing.reads).toBe(1);
    for (const id of ['sagemaker-endpoint-tagged', 'sagemaker-endpoint-monitoring-scheduled']) {
      expect(results[id]!.error).toBeUndefined();
      expect(results[id]!.evaluations.map((e) => e.ComplianceResourceId)).toEqual(
        Array.from({ length: 350 }, (_, i) => name(i)),
      );
    }
  });

  it('fails only the rule whose read failed on a later page, with none of its verdicts of that type', async () => {
    const { results } = await scan(['sagemaker-endpoint-tagged', 'sagemaker-endpoint-monitoring-scheduled'], 2);
    expect(results['sagemaker-endpoint-monitoring-scheduled']!.error).toBe(
      'AWS::SageMaker::Endpoint monitoring schedules: AccessDeniedException: User is not authorized to perform: sagemaker:ListMonitoringSchedules',
    );
    expect(results['sagemaker-endpoint-monitoring-scheduled']!.evaluations).toEqual([]);
    expect(results['sagemaker-endpoint-tagged']!.error).toBeUndefined();
    expect(results['sagemaker-endpoint-tagged']!.evaluations).toHaveLength(350);
  });
});
