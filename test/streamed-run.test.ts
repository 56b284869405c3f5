// A periodic run is evaluated and reported page by page: PutEvaluations is called with full
// batches while the listing goes on, the earlier results for the clean-up are paged from Config
// beside the listing, and a run that fails part way has sent only whole batches of the rule's own
// verdicts, never a summary or a clean-up that would speak for resources it did not see.
import {
  ConfigServiceClient,
  GetComplianceDetailsByConfigRuleCommand,
  PutEvaluationsCommand,
} from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { summaryTally } from '../rules/_core/account-summary.js';
import type { Evaluation } from '../rules/_core/evaluations.js';
import { makeHandler } from '../rules/_core/handler.js';
import { ruleById } from '../rules/index.js';
import {
  endpointInventory,
  endpointName,
  ENDPOINT_TYPE,
  isTagged,
  type PagedOptions,
} from './support/endpoint-inventory.js';
import { fixture } from './support/fixtures.js';

const RULE = 'sagemaker-endpoint-tagged';
const configMock = mockClient(ConfigServiceClient);
let order: string[];
let lines: any[];

beforeEach(() => {
  configMock.reset();
  order = [];
  lines = [];
  configMock.on(PutEvaluationsCommand).callsFake(() => {
    order.push('put');
    return { FailedEvaluations: [] };
  });
  configMock.on(GetComplianceDetailsByConfigRuleCommand).callsFake(() => {
    order.push('previous');
    return {
      EvaluationResults: [
        {
          EvaluationResultIdentifier: {
            EvaluationResultQualifier: { ResourceType: ENDPOINT_TYPE, ResourceId: 'fraud-scorer-retired' },
          },
          ComplianceType: 'NON_COMPLIANT',
        },
        {
          EvaluationResultIdentifier: {
            EvaluationResultQualifier: { ResourceType: ENDPOINT_TYPE, ResourceId: endpointName(3) },
          },
          ComplianceType: 'COMPLIANT',
        },
      ],
    };
  });
  vi.spyOn(console, 'log').mockImplementation((line) => void lines.push(JSON.parse(String(line))));
});
afterEach(() => vi.restoreAllMocks());
afterAll(() => configMock.restore());

const run = (count: number, paged: PagedOptions) =>
  makeHandler(ruleById(RULE)!, {
    config: new ConfigServiceClient({ region: 'us-east-1' }),
    inventory: endpointInventory(count, paged),
  })(fixture('_events', 'scheduled.json'));
const sentEvaluations = (): Evaluation[] =>
  configMock.commandCalls(PutEvaluationsCommand).flatMap((c) => c.args[0].input.Evaluations as unknown as Evaluation[]);

describe('a periodic run over 1,000 endpoints listed 100 a page', () => {
  it('sends each full batch while the listing goes on, and pages the earlier results beside it', async () => {
    const result = await run(1000, { pageSize: 100, onPage: (i) => void order.push(`page ${i}`) });
    // The earlier results are read before the listing ends, and batches go out between pages.
    expect(order.indexOf('previous')).toBeLessThan(order.indexOf('page 9'));
    expect(order.indexOf('put')).toBeLessThan(order.indexOf('page 9'));
    expect(order.filter((o) => o === 'put')).toHaveLength(11);
    // Every endpoint once, with its verdict, and the retired one cleaned up; the one still there is not.
    const sent = sentEvaluations();
    expect(sent).toHaveLength(1001);
    expect(new Set(sent.map((e) => e.ComplianceResourceId)).size).toBe(1001);
    for (let i = 0; i < 1000; i++) {
      const e = sent.find((s) => s.ComplianceResourceId === endpointName(i))!;
      expect(e.ComplianceType).toBe(isTagged(i) ? 'COMPLIANT' : 'NON_COMPLIANT');
    }
    expect(sent.at(-1)).toMatchObject({
      ComplianceResourceId: 'fraud-scorer-retired',
      ComplianceType: 'NOT_APPLICABLE',
      Annotation: 'no longer present or no longer in the rule scope',
    });
    expect(result).toEqual({ evaluations: 1001, putEvaluationsCalls: 11 });
    expect(lines.at(-1)).toMatchObject({ kind: 'summary', cleanedUp: 1, evaluationsSent: 1001 });
  });

  it('fails when a page cannot be listed, having sent only whole batches of verdicts: no clean-up', async () => {
    const broken = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    await expect(
      run(1000, {
        pageSize: 100,
        onPage: (i) => {
          if (i === 5) throw broken;
        },
      }),
    ).rejects.toThrow('Rate exceeded');
    const sent = sentEvaluations();
    // Pages 0-4 were evaluated; their batches went out (the last may still be in flight when the
    // listing fails, and is awaited by nobody: it is not counted as sent).
    expect(sent.length % 100).toBe(0);
    expect(sent.length).toBeGreaterThanOrEqual(400);
    expect(sent.length).toBeLessThanOrEqual(500);
    expect(sent.every((e) => e.ComplianceResourceType === ENDPOINT_TYPE && e.ComplianceType !== 'NOT_APPLICABLE')).toBe(
      true,
    );
    const summary = lines.find((l) => l.kind === 'summary');
    expect(summary).toMatchObject({ level: 'error', reported: false, counts: { COMPLIANT: 450, NON_COMPLIANT: 50 } });
    expect(summary.message).toMatch(/report incomplete: the run failed after Config took \d+ evaluations$/);
    expect(lines.at(-1)).toEqual({
      level: 'error',
      rule: RULE,
      error: 'ThrottlingException',
      message: 'Rate exceeded',
    });
  });
});

describe("the account summary's running count", () => {
  const TS = '2026-11-25T06:00:00.000Z';
  const job = (id: string, ComplianceType: Evaluation['ComplianceType']): Evaluation => ({
    ComplianceResourceType: 'AWS::SageMaker::TrainingJob',
    ComplianceResourceId: id,
    ComplianceType,
    OrderingTimestamp: TS,
  });
  const context = { accountId: '123456789012', orderingTimestamp: TS, noun: 'training jobs', since: '2026-10-28' };

  it('names the first offenders in sort order whatever order they arrive in, within 256 characters', () => {
    const names = Array.from({ length: 10_000 }, (_, i) => `train-${String(i).padStart(5, '0')}`);
    // A fixed shuffle: every 7th name from a stride through the list.
    const shuffled = names.map((_, i) => names[(i * 7919) % names.length]!);
    expect(new Set(shuffled).size).toBe(10_000);
    const tally = summaryTally();
    for (const [i, name] of shuffled.entries()) tally.add(job(name, i % 4 === 0 ? 'COMPLIANT' : 'NON_COMPLIANT'));
    const { Annotation, ComplianceType } = tally.summary(context);
    expect(ComplianceType).toBe('NON_COMPLIANT');
    expect(Annotation!.length).toBeLessThanOrEqual(256);
    const offenders = shuffled.filter((_, i) => i % 4 !== 0).sort();
    const shown = Annotation!.split(': ')[1]!.split(', ').slice(0, -1);
    expect(Annotation).toMatch(/^7500 of 10000 training jobs since 2026-10-28: /);
    expect(shown).toEqual(offenders.slice(0, shown.length));
    expect(Annotation).toMatch(new RegExp(`, … \\+${7500 - shown.length} more$`));
  });

  it('is COMPLIANT with the count when nothing fails, and says when there is nothing', () => {
    const tally = summaryTally();
    expect(tally.summary(context).Annotation).toBe('no training jobs since 2026-10-28');
    for (let i = 0; i < 3; i++) tally.add(job(`train-${i}`, 'COMPLIANT'));
    expect(tally.summary(context)).toMatchObject({
      ComplianceType: 'COMPLIANT',
      Annotation: '3 training jobs since 2026-10-28, none non-compliant',
    });
  });
});
