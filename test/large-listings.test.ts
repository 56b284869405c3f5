// A listing longer than V8 takes as call arguments (about 125,000) reaches the rules whole, in
// Lambda (config-sources.ts) and in `scan` (cli/live-sources.ts). Spreading it into a call
// (`items.push(...listed)`) threw `RangeError: Maximum call stack size exceeded` there, so a scan
// of 150,000 endpoints judged none. The endpoints come from an inventory adapter that answers at
// once with items built as the SageMaker adapters build them (inventoryItem): a mocked client
// paging 100 at a time would spend seconds per run on the mock alone.
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { describe, expect, it } from 'vitest';
import { liveSources, type RegionClients } from '../cli/live-sources.js';
import { setTableStyle, TABLE_SLICE, table } from '../cli/output.js';
import { configSources, type InventoryLoaders } from '../rules/_core/config-sources.js';
import { evaluateEvent, type Sources } from '../rules/_core/engine.js';
import { parseEvent } from '../rules/_core/event.js';
import type { InventoryAdapter } from '../rules/_core/inventory.js';
import { inventoryItem } from '../rules/_inventory/sagemaker.js';
import { ruleById } from '../rules/index.js';
import { fixture } from './support/fixtures.js';

const ENDPOINTS = 150_000;
const TYPE = 'AWS::SageMaker::Endpoint';
const RULE = ruleById('sagemaker-endpoint-tagged')!;
const name = (i: number) => `fraud-scorer-${String(i).padStart(6, '0')}`;
const arnOf = (n: string) => `arn:aws:sagemaker:us-east-1:123456789012:endpoint/${n}`;
// Every tenth endpoint is untagged.
const tagged = (i: number) => i % 10 !== 0;

const adapter: InventoryAdapter = {
  resourceType: TYPE,
  actions: { list: ['sagemaker:ListEndpoints'], tags: ['tag:GetResources', 'sagemaker:ListTags'] },
  list: async (context) =>
    Array.from({ length: ENDPOINTS }, (_, i) =>
      inventoryItem(
        TYPE,
        name(i),
        arnOf(name(i)),
        tagged(i) ? { 'ml-pipeline': 'fraud-detection' } : {},
        {
          EndpointName: name(i),
          EndpointArn: arnOf(name(i)),
          EndpointStatus: 'InService',
          CreationTime: '2026-10-01T08:00:00.000Z',
          LastModifiedTime: '2026-10-01T08:10:00.000Z',
        },
        context,
      ),
    ),
};
const inventory: InventoryLoaders = { [TYPE]: async () => adapter };

const scheduled = () => parseEvent(fixture('_events', 'scheduled.json'));

/** Judge the rule's scheduled run over these sources, and count the verdicts by compliance type. */
async function verdicts(sources: Sources) {
  const { evaluations } = await evaluateEvent(RULE, scheduled(), sources);
  const counts: Record<string, number> = {};
  for (const e of evaluations) counts[e.ComplianceType] = (counts[e.ComplianceType] ?? 0) + 1;
  return { evaluations, counts };
}

describe(`a periodic rule over ${ENDPOINTS.toLocaleString('en')} endpoints`, () => {
  it('in Lambda (config-sources.ts): every endpoint is listed and judged', async () => {
    const sources = configSources({
      config: new ConfigServiceClient({ region: 'us-east-1' }),
      inventory,
    });
    const { evaluations, counts } = await verdicts(sources);
    expect(evaluations).toHaveLength(ENDPOINTS);
    expect(counts).toEqual({ COMPLIANT: ENDPOINTS * 0.9, NON_COMPLIANT: ENDPOINTS * 0.1 });
    expect(evaluations.at(-1)!.ComplianceResourceId).toBe(name(ENDPOINTS - 1));
  });

  it('in scan (cli/live-sources.ts): every endpoint is listed and judged', async () => {
    // The adapter calls no client: the listing's items are all this test is about.
    const clients = { region: 'us-east-1', config: new ConfigServiceClient({ region: 'us-east-1' }) } as RegionClients;
    const sources = liveSources({
      clients,
      recorder: { recording: false, records: () => false },
      accountId: '123456789012',
      plan: [{ rule: RULE, params: {} }],
      inventory,
    });
    const { evaluations, counts } = await verdicts(sources);
    expect(sources.failuresOf(RULE.id)).toEqual([]);
    expect(evaluations).toHaveLength(ENDPOINTS);
    expect(counts).toEqual({ COMPLIANT: ENDPOINTS * 0.9, NON_COMPLIANT: ENDPOINTS * 0.1 });
  });

  it("in scan's table (cli/output.ts): rendered in slices that join into the one table", () => {
    // cli-table3 renders at most TABLE_SLICE rows at once (its push.apply throws past ~125,000);
    // 150,000 rows through it take longer than a test may, so the seams are checked on a short
    // table cut into slices of 7, with annotations that wrap over several lines.
    expect(TABLE_SLICE).toBeLessThan(100_000);
    setTableStyle('box');
    try {
      const rows = Array.from({ length: 25 }, (_, i) => [
        name(i),
        tagged(i) ? 'COMPLIANT' : 'NON_COMPLIANT',
        tagged(i) ? '' : 'no tag: add ml-pipeline, or any tag, so that the endpoint can be charged back',
      ]);
      const head = ['resource id', 'verdict', 'annotation'];
      const whole = table(head, rows, { width: 60 });
      expect(table(head, rows, { width: 60, sliceRows: 7 })).toBe(whole);
      expect(whole.split('\n').filter((l) => l.includes('fraud-scorer-'))).toHaveLength(25);
    } finally {
      setTableStyle(undefined);
    }
  });
});
