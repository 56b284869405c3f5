// A rule that declares `describeFields` is judged, in a scheduled run, on items whose Describe
// output holds those fields alone (rules/_inventory/search-window.ts). For every such rule, each of
// its fixtures judged with only the listing's summary, the extra reads and the declared fields must
// give the verdict and annotation the whole item gives: a field left out of the declaration fails
// here, with the fixture named.
import { describe, expect, it } from 'vitest';
import { fixturesOf } from '../cli/local/fixtures.js';
import { FIXTURES_DIR } from '../cli/paths.js';
import { evaluateItem, paramsFor } from '../rules/_core/engine.js';
import { looksLikeItem, normaliseItem, type ConfigItem } from '../rules/_core/items.js';
import { rules } from '../rules/index.js';
import { fixture } from './support/fixtures.js';

/**
 * What a scheduled run's item holds besides the Describe output, by type: the List call's summary
 * (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_EndpointSummary.html) and the
 * fields the adapter's other reads merge in (rules/_inventory/endpoints.ts).
 */
const LISTED: Record<string, readonly string[]> = {
  'AWS::SageMaker::Endpoint': [
    'EndpointName',
    'EndpointArn',
    'CreationTime',
    'LastModifiedTime',
    'EndpointStatus',
    'MonitoringSchedules',
  ],
};

const TS = '2026-11-20T09:14:03.512Z';
const declaring = rules.filter((r) => r.describeFields);

describe('rules judged on the Describe fields they declare', () => {
  it('are the ones the listing knows how to trim', () => {
    expect(declaring.map((r) => r.id)).toEqual(['sagemaker-endpoint-monitoring-scheduled']);
    for (const rule of declaring) for (const type of rule.resourceTypes) expect(LISTED[type], type).toBeDefined();
  });

  for (const rule of declaring) {
    const cases = fixturesOf(FIXTURES_DIR, rule.id).filter((f) => looksLikeItem(fixture(rule.id, f.file)));
    it(`${rule.id}: every fixture gives the same verdict on the declared fields alone (${cases.length} fixtures)`, () => {
      expect(cases.length).toBeGreaterThan(3);
      for (const f of cases) {
        const item = normaliseItem(fixture(rule.id, f.file));
        const kept = new Set([...(LISTED[item.resourceType] ?? []), ...rule.describeFields!]);
        const trimmed: ConfigItem = {
          ...item,
          configuration: Object.fromEntries(Object.entries(item.configuration).filter(([k]) => kept.has(k))),
        };
        const params = paramsFor(rule, f.params);
        const whole = evaluateItem(rule, item, params, TS, () => undefined);
        const onFields = evaluateItem(rule, trimmed, params, TS, () => undefined);
        expect([onFields.ComplianceType, onFields.Annotation], f.file).toEqual([
          whole.ComplianceType,
          whole.Annotation,
        ]);
      }
    });
  }
});
