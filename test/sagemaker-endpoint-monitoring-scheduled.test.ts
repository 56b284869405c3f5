// Inputs no fixture can hold: DescribeEndpoint always lists at least one production variant, so an
// item without one is a trimmed or hand-made item. It is not "every variant serverless": the
// endpoint is judged on its monitoring schedules.
import { describe, expect, it } from 'vitest';
import { evaluateEvent } from '../rules/_core/engine.js';
import { inputToEvent } from '../cli/local/input.js';
import { localSources } from '../cli/local/sources.js';
import rule from '../rules/sagemaker-endpoint-monitoring-scheduled.js';
import { fixture } from './support/fixtures.js';

async function verdictWith(productionVariants: unknown) {
  const item = fixture(rule.id, 'non-compliant.no-schedules.json');
  if (productionVariants === undefined) delete item.configuration.ProductionVariants;
  else item.configuration.ProductionVariants = productionVariants;
  const { evaluations } = await evaluateEvent(rule, inputToEvent(item), localSources([]));
  return evaluations.map((e) => [e.ComplianceType, e.Annotation]);
}

describe('sagemaker-endpoint-monitoring-scheduled without production variants', () => {
  it.each([
    ['absent', undefined],
    ['null', null],
    ['empty', []],
  ])('is judged on its schedules when ProductionVariants is %s', async (_case, productionVariants) => {
    expect(await verdictWith(productionVariants)).toEqual([
      ['NON_COMPLIANT', 'MonitoringSchedules is empty: no monitoring schedule targets this endpoint'],
    ]);
  });
});
