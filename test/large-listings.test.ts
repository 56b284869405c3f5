// A listing longer than V8 takes as call arguments (about 125,000) reaches the rules whole, in
// Lambda (config-sources.ts) and in `scan` (cli/live-sources.ts). Spreading it into a call
// (`items.push(...listed)`) threw `RangeError: Maximum call stack size exceeded` there, so a scan
// of 150,000 endpoints judged none.
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { describe, expect, it } from 'vitest';
import { liveSources, type RegionClients } from '../cli/live-sources.js';
import { setTableStyle, TABLE_SLICE, table } from '../cli/output.js';
import { configSources } from '../rules/_core/config-sources.js';
import { evaluateEvent, type Sources } from '../rules/_core/engine.js';
import { parseEvent } from '../rules/_core/event.js';
import { ruleById } from '../rules/index.js';
import { endpointInventory, endpointName as name, isTagged as tagged } from './support/endpoint-inventory.js';
import { fixture } from './support/fixtures.js';

const ENDPOINTS = 150_000;
const RULE = ruleById('sagemaker-endpoint-tagged')!;
const inventory = endpointInventory(ENDPOINTS);

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
