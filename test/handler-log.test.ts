// The Lambda log of a periodic run over 50,000 endpoints: one summary line, a line per
// NON_COMPLIANT verdict up to NON_COMPLIANT_LOG_CAP, one line for the rest, and no line per
// COMPLIANT resource. One line per evaluation was 50,000 lines (8.2 MB) for this run.
import {
  ConfigServiceClient,
  GetComplianceDetailsByConfigRuleCommand,
  PutEvaluationsCommand,
} from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeHandler } from '../rules/_core/handler.js';
import { NON_COMPLIANT_LOG_CAP } from '../rules/_core/run-log.js';
import { ruleById } from '../rules/index.js';
import { ENDPOINT_TYPE, endpointInventory, endpointName } from './support/endpoint-inventory.js';
import { fixture } from './support/fixtures.js';

const ENDPOINTS = 50_000;
// Every tenth endpoint is untagged (support/endpoint-inventory.ts).
const NON_COMPLIANT = ENDPOINTS / 10;
const RULE = 'sagemaker-endpoint-tagged';

const configMock = mockClient(ConfigServiceClient);
let lines: any[];

beforeEach(() => {
  configMock.reset();
  configMock.on(GetComplianceDetailsByConfigRuleCommand).resolves({ EvaluationResults: [] });
  lines = [];
  vi.spyOn(console, 'log').mockImplementation((line) => void lines.push(JSON.parse(String(line))));
});
afterEach(() => vi.restoreAllMocks());
afterAll(() => configMock.restore());

const run = (endpoints: number) =>
  makeHandler(ruleById(RULE)!, {
    config: new ConfigServiceClient({ region: 'us-east-1' }),
    inventory: endpointInventory(endpoints),
  })(fixture('_events', 'scheduled.json'));
const ofKind = (kind: string) => lines.filter((l) => l.kind === kind);

describe(`a periodic run over ${ENDPOINTS} endpoints, ${NON_COMPLIANT} of them untagged`, () => {
  it('logs the first NON_COMPLIANT verdicts up to the cap, how many more, and one summary: cap + 2 lines', async () => {
    configMock.on(PutEvaluationsCommand).resolves({ FailedEvaluations: [] });
    // An endpoint reported before and deleted since: its clean-up is counted, not logged.
    configMock.on(GetComplianceDetailsByConfigRuleCommand).resolves({
      EvaluationResults: [
        {
          EvaluationResultIdentifier: {
            EvaluationResultQualifier: { ResourceType: ENDPOINT_TYPE, ResourceId: 'retired-scorer' },
          },
        },
      ],
    });
    expect(await run(ENDPOINTS)).toEqual({ evaluations: ENDPOINTS + 1, putEvaluationsCalls: ENDPOINTS / 100 + 1 });
    expect(lines).toHaveLength(NON_COMPLIANT_LOG_CAP + 2);
    const verdicts = ofKind('verdict');
    expect(verdicts.map((l) => l.resourceId)).toEqual(
      Array.from({ length: NON_COMPLIANT_LOG_CAP }, (_, k) => endpointName(k * 10)),
    );
    expect(verdicts[0]).toEqual({
      level: 'info',
      rule: RULE,
      kind: 'verdict',
      resourceType: ENDPOINT_TYPE,
      resourceId: endpointName(0),
      complianceType: 'NON_COMPLIANT',
      annotation: 'no tags (other than aws: tags) are set',
    });
    expect(ofKind('verdicts-not-logged')).toEqual([
      expect.objectContaining({ level: 'info', notLogged: NON_COMPLIANT - NON_COMPLIANT_LOG_CAP }),
    ]);
    expect(ofKind('summary')).toEqual([
      {
        level: 'info',
        rule: RULE,
        kind: 'summary',
        message: `50000 verdicts (45000 COMPLIANT, 5000 NON_COMPLIANT, 0 NOT_APPLICABLE); 50001 evaluations sent in 501 PutEvaluations calls`,
        counts: { COMPLIANT: ENDPOINTS - NON_COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE: 0 },
        cleanedUp: 1,
        evaluationsSent: ENDPOINTS + 1,
        putEvaluationsCalls: ENDPOINTS / 100 + 1,
        durationMs: expect.any(Number),
      },
    ]);
    // The summary is the last line: a log reader finds the run's outcome where the run ends.
    expect(lines.at(-1)!.kind).toBe('summary');
  });

  it('marks the logged verdicts and the summary as not reported when PutEvaluations fails', async () => {
    configMock
      .on(PutEvaluationsCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(run(ENDPOINTS)).rejects.toThrow('Rate exceeded');
    // The findings, how many more, the summary, and the error itself.
    expect(lines).toHaveLength(NON_COMPLIANT_LOG_CAP + 3);
    expect(ofKind('verdict').every((l) => l.level === 'error' && l.reported === false)).toBe(true);
    expect(ofKind('summary')).toEqual([
      expect.objectContaining({
        level: 'error',
        reported: false,
        counts: { COMPLIANT: ENDPOINTS - NON_COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE: 0 },
        message: expect.stringMatching(/not reported: the run failed$/),
      }),
    ]);
    expect(lines.at(-1)).toEqual({
      level: 'error',
      rule: RULE,
      error: 'ThrottlingException',
      message: 'Rate exceeded',
    });
  });

  it('logs the account summary first when Config refuses the type: the verdict Config shows', async () => {
    configMock.on(PutEvaluationsCommand).callsFake((input) => {
      if (input.Evaluations.some((e: any) => e.ComplianceResourceType === ENDPOINT_TYPE))
        throw Object.assign(
          new Error(
            `The resource type ${ENDPOINT_TYPE} is invalid. Only the following values are permitted: [AWS::ACM::Certificate, AWS::::Account]`,
          ),
          { name: 'InvalidParameterValueException' },
        );
      return { FailedEvaluations: [] };
    });
    expect(await run(ENDPOINTS)).toEqual({ evaluations: 1, putEvaluationsCalls: 1 });
    // The refused type's warning, the findings, how many more, the summary.
    expect(lines).toHaveLength(NON_COMPLIANT_LOG_CAP + 3);
    expect(lines[0]).toEqual(expect.objectContaining({ level: 'warn', refusedType: ENDPOINT_TYPE }));
    expect(ofKind('verdict')[0]).toEqual(
      expect.objectContaining({
        resourceType: 'AWS::::Account',
        resourceId: '123456789012',
        complianceType: 'NON_COMPLIANT',
        annotation: expect.stringMatching(/^5000 of 50000 endpoints: fraud-scorer-000000, /),
      }),
    );
    expect(ofKind('verdicts-not-logged')[0]!.notLogged).toBe(NON_COMPLIANT + 1 - NON_COMPLIANT_LOG_CAP);
    expect(ofKind('summary')[0]).toEqual(
      expect.objectContaining({
        counts: { COMPLIANT: ENDPOINTS - NON_COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE: 0 },
        accountSummary: 'NON_COMPLIANT',
        evaluationsSent: 1,
        putEvaluationsCalls: 1,
      }),
    );
  });
});

describe('a periodic run with fewer findings than the cap', () => {
  it('logs each NON_COMPLIANT verdict and the summary, and no line for the rest', async () => {
    configMock.on(PutEvaluationsCommand).resolves({ FailedEvaluations: [] });
    await run(300);
    expect(ofKind('verdict').map((l) => l.resourceId)).toEqual(
      Array.from({ length: 30 }, (_, k) => endpointName(k * 10)),
    );
    expect(ofKind('verdicts-not-logged')).toEqual([]);
    expect(lines).toHaveLength(31);
    expect(lines.at(-1)).toEqual(
      expect.objectContaining({ kind: 'summary', counts: { COMPLIANT: 270, NON_COMPLIANT: 30, NOT_APPLICABLE: 0 } }),
    );
  });
});
