// The form evaluations are reported in: per resource, or one summary per account for types Config
// does not accept; the run-time fallback when PutEvaluations refuses a type; and the clean-up of
// earlier results in either form.
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import {
  ConfigServiceClient,
  GetComplianceDetailsByConfigRuleCommand,
  PutEvaluationsCommand,
} from '@aws-sdk/client-config-service';
import {
  DescribeEndpointCommand,
  ListEndpointsCommand,
  ListMonitoringSchedulesCommand,
  ListTagsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { accountSummary, resourceNoun } from '../rules/_core/account-summary.js';
import type { Evaluation } from '../rules/_core/evaluations.js';
import { makeHandler } from '../rules/_core/handler.js';
import { refusedResourceType } from '../rules/_core/put-evaluations.js';
import { cleanUp } from '../rules/_core/reporting.js';
import { inventoryLoaders } from '../rules/_inventory/index.js';
import { ruleById, rules } from '../rules/index.js';
import { fixture, fixtureEvent } from './support/fixtures.js';

const TS = '2026-11-25T06:00:00.000Z';
const job = (id: string, complianceType: Evaluation['ComplianceType']): Evaluation => ({
  ComplianceResourceType: 'AWS::SageMaker::TrainingJob',
  ComplianceResourceId: id,
  ComplianceType: complianceType,
  OrderingTimestamp: TS,
});
const refusal = (type: string) =>
  Object.assign(
    new Error(
      `The resource type ${type} is invalid. Only the following values are permitted: [AWS::ACM::Certificate, AWS::::Account]`,
    ),
    {
      name: 'InvalidParameterValueException',
    },
  );

describe('the account summary', () => {
  it('names the resources in words', () => {
    expect(resourceNoun(['AWS::SageMaker::TrainingJob'])).toBe('training jobs');
    expect(resourceNoun(['AWS::SageMaker::ModelPackageGroup'])).toBe('model package groups');
    expect(resourceNoun(['AWS::SageMaker::Endpoint', 'AWS::SageMaker::Model'])).toBe('resources');
  });

  it('is NON_COMPLIANT when any resource fails, naming the offenders', () => {
    const summary = accountSummary(
      [
        job('fraud-train-plain', 'NON_COMPLIANT'),
        job('fraud-train-kms', 'COMPLIANT'),
        job('churn-adhoc', 'NON_COMPLIANT'),
      ],
      {
        accountId: '123456789012',
        orderingTimestamp: TS,
        noun: 'training jobs',
        since: '2026-10-28',
      },
    );
    expect(summary).toEqual({
      ComplianceResourceType: 'AWS::::Account',
      ComplianceResourceId: '123456789012',
      ComplianceType: 'NON_COMPLIANT',
      Annotation: '2 of 3 training jobs since 2026-10-28: churn-adhoc, fraud-train-plain',
      OrderingTimestamp: TS,
    });
  });

  it('keeps the annotation within 256 characters and says how many names it left out', () => {
    const jobs = Array.from({ length: 41 }, (_, i) =>
      job(`fraud-train-nightly-2026-11-${String(i).padStart(2, '0')}-xgboost`, i < 38 ? 'NON_COMPLIANT' : 'COMPLIANT'),
    );
    const { Annotation } = accountSummary(jobs, {
      accountId: '123456789012',
      orderingTimestamp: TS,
      noun: 'training jobs',
      since: '2026-10-28',
    });
    expect(Annotation!.length).toBeLessThanOrEqual(256);
    expect(Annotation).toMatch(
      /^38 of 41 training jobs since 2026-10-28: fraud-train-nightly-2026-11-00-xgboost, .*, … \+\d+ more$/,
    );
    const shown = Annotation!
      .split(': ')[1]!
      .split(', ')
      .filter((n) => n.startsWith('fraud'));
    const more = Number(/\+(\d+) more$/.exec(Annotation!)![1]);
    expect(shown.length + more).toBe(38);
  });

  it('is COMPLIANT otherwise and says how many resources it covers', () => {
    const context = { accountId: '123456789012', orderingTimestamp: TS, noun: 'training jobs', since: '2026-10-28' };
    expect(accountSummary([job('a', 'COMPLIANT'), job('b', 'NOT_APPLICABLE')], context)).toMatchObject({
      ComplianceType: 'COMPLIANT',
      Annotation: '2 training jobs since 2026-10-28, none non-compliant',
    });
    expect(accountSummary([], context)).toMatchObject({
      ComplianceType: 'COMPLIANT',
      Annotation: 'no training jobs since 2026-10-28',
    });
  });
});

describe('which errors are a refused type', () => {
  const sent = [job('a', 'COMPLIANT')];
  it("reads the type from Config's InvalidParameterValueException when that type was sent", () => {
    expect(refusedResourceType(refusal('AWS::SageMaker::TrainingJob'), sent)).toBe('AWS::SageMaker::TrainingJob');
  });
  it.each([
    ['another type than the ones sent', refusal('AWS::Backup::BackupPlan')],
    [
      'another InvalidParameterValueException',
      Object.assign(new Error('The ResultToken is invalid'), { name: 'InvalidParameterValueException' }),
    ],
    [
      'a ValidationException',
      Object.assign(new Error('The resource type AWS::SageMaker::TrainingJob is invalid.'), {
        name: 'ValidationException',
      }),
    ],
    ['a network error', new Error('socket hang up')],
  ])('not %s', (_name, error) => {
    expect(refusedResourceType(error, sent)).toBeUndefined();
  });
});

describe('the clean-up of earlier results', () => {
  const account = (type: string, id: string) => ({ resourceType: type, resourceId: id });
  it('marks each earlier per-resource result this run does not report NOT_APPLICABLE', () => {
    const out = cleanUp(
      [account('AWS::SageMaker::TrainingJob', 'gone'), account('AWS::SageMaker::TrainingJob', 'renamed')],
      new Set(),
      TS,
    );
    expect(out).toEqual([
      { ...job('gone', 'NOT_APPLICABLE'), Annotation: 'no longer present or no longer in the rule scope' },
      { ...job('renamed', 'NOT_APPLICABLE'), Annotation: 'no longer present or no longer in the rule scope' },
    ]);
  });
  it('marks an earlier account summary NOT_APPLICABLE once the rule reports per resource again', () => {
    const out = cleanUp([account('AWS::::Account', '123456789012')], new Set(), TS);
    expect(out).toEqual([
      {
        ComplianceResourceType: 'AWS::::Account',
        ComplianceResourceId: '123456789012',
        ComplianceType: 'NOT_APPLICABLE',
        Annotation: 'now reported per resource',
        OrderingTimestamp: TS,
      },
    ]);
  });
  it('leaves out earlier results of a type Config refuses (they cannot be reported)', () => {
    expect(
      cleanUp(
        [account('AWS::SageMaker::Endpoint', 'old'), account('AWS::SageMaker::TrainingJob', 'gone')],
        new Set(['AWS::SageMaker::Endpoint']),
        TS,
      ),
    ).toEqual([{ ...job('gone', 'NOT_APPLICABLE'), Annotation: 'no longer present or no longer in the rule scope' }]);
  });
});

describe('a periodic run whose type Config refuses', () => {
  const configMock = mockClient(ConfigServiceClient);
  const sagemakerMock = mockClient(SageMakerClient);
  const taggingMock = mockClient(ResourceGroupsTaggingAPIClient);
  const scheduled = (resultToken = 'eyJlbmNyeXB0ZWREYXRhIjpbXX0=') => ({
    ...fixture('_events', 'scheduled.json'),
    resultToken,
  });
  let logged: any[];

  beforeEach(() => {
    configMock.reset();
    sagemakerMock.reset();
    taggingMock.reset();
    vi.stubEnv('AWS_REGION', 'us-east-1');
    logged = [];
    vi.spyOn(console, 'log').mockImplementation((line) => void logged.push(JSON.parse(String(line))));
    sagemakerMock
      .on(ListEndpointsCommand)
      .resolves({ Endpoints: ['fraud-scorer', 'churn-scorer'].map((EndpointName) => ({ EndpointName }) as any) });
    sagemakerMock.on(DescribeEndpointCommand).callsFake((input) => ({
      EndpointName: input.EndpointName,
      EndpointArn: `arn:aws:sagemaker:us-east-1:123456789012:endpoint/${input.EndpointName}`,
      EndpointStatus: 'InService',
    }));
    sagemakerMock.on(ListTagsCommand).callsFake((input) => ({
      Tags: input.ResourceArn.endsWith('fraud-scorer') ? [] : [{ Key: 'ml-pipeline', Value: 'churn' }],
    }));
    sagemakerMock.on(ListMonitoringSchedulesCommand).resolves({ MonitoringScheduleSummaries: [] });
    // The tag rule reads tags through the Tagging API, which lists tagged resources only.
    taggingMock.on(GetResourcesCommand).resolves({
      ResourceTagMappingList: [
        {
          ResourceARN: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn-scorer',
          Tags: [{ Key: 'ml-pipeline', Value: 'churn' }],
        },
      ],
    });
    configMock.on(GetComplianceDetailsByConfigRuleCommand).resolves({
      EvaluationResults: [
        {
          EvaluationResultIdentifier: {
            EvaluationResultQualifier: { ResourceType: 'AWS::SageMaker::Endpoint', ResourceId: 'retired-scorer' },
          },
        },
      ],
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });
  afterAll(() => {
    configMock.restore();
    sagemakerMock.restore();
    taggingMock.restore();
  });

  const handler = () =>
    makeHandler(ruleById('sagemaker-endpoint-tagged')!, {
      config: new ConfigServiceClient({ region: 'us-east-1' }),
      inventory: inventoryLoaders,
    });
  const refuseEndpoints = () =>
    configMock.on(PutEvaluationsCommand).callsFake((input) => {
      if (input.Evaluations.some((e: any) => e.ComplianceResourceType === 'AWS::SageMaker::Endpoint'))
        throw refusal('AWS::SageMaker::Endpoint');
      return { FailedEvaluations: [] };
    });

  it('reports the same batch as the account summary, logs the refused type once per container, and succeeds', async () => {
    refuseEndpoints();
    const h = handler();
    const first = await h(scheduled());
    const second = await h(scheduled());
    expect(first).toEqual({ evaluations: 1, putEvaluationsCalls: 1 });
    expect(second).toEqual({ evaluations: 1, putEvaluationsCalls: 1 });
    const puts = configMock.commandCalls(PutEvaluationsCommand).map((c) => c.args[0].input.Evaluations!);
    // Run 1: refused, then the summary. Run 2: the summary straight away.
    expect(puts).toHaveLength(3);
    expect(puts[0]!.map((e) => e.ComplianceResourceType).sort()).toEqual([
      'AWS::SageMaker::Endpoint',
      'AWS::SageMaker::Endpoint',
      'AWS::SageMaker::Endpoint',
    ]);
    for (const batch of [puts[1]!, puts[2]!]) {
      expect(batch).toEqual([
        expect.objectContaining({
          ComplianceResourceType: 'AWS::::Account',
          ComplianceResourceId: '123456789012',
          ComplianceType: 'NON_COMPLIANT',
          Annotation: '1 of 2 endpoints: fraud-scorer',
        }),
      ]);
    }
    expect(logged.filter((l) => l.refusedType)).toEqual([
      expect.objectContaining({ level: 'warn', refusedType: 'AWS::SageMaker::Endpoint' }),
    ]);
    // The untagged endpoint's own verdict is still in the log, beside the account summary.
    expect(
      logged.filter((l) => l.resourceType === 'AWS::SageMaker::Endpoint').map((l) => [l.resourceId, l.complianceType]),
    ).toContainEqual(['fraud-scorer', 'NON_COMPLIANT']);
  });

  it('reports per resource, with the clean-up, when Config takes the type', async () => {
    configMock.on(PutEvaluationsCommand).resolves({ FailedEvaluations: [] });
    await handler()(scheduled());
    const sent = configMock.commandCalls(PutEvaluationsCommand).flatMap((c) => c.args[0].input.Evaluations!);
    expect(sent.map((e) => [e.ComplianceResourceId, e.ComplianceType]).sort()).toEqual([
      ['churn-scorer', 'COMPLIANT'],
      ['fraud-scorer', 'NON_COMPLIANT'],
      ['retired-scorer', 'NOT_APPLICABLE'],
    ]);
  });

  it.each([
    ['a ValidationException', Object.assign(new Error('1 validation error detected'), { name: 'ValidationException' })],
    [
      'an InvalidParameterValueException about something else',
      Object.assign(new Error('The ResultToken is invalid'), { name: 'InvalidParameterValueException' }),
    ],
  ])('fails the invocation on %s', async (_name, error) => {
    configMock.on(PutEvaluationsCommand).rejects(error);
    await expect(handler()(scheduled())).rejects.toThrow(error.message);
    expect(configMock.commandCalls(PutEvaluationsCommand)).toHaveLength(1);
  });

  it('fails a change-triggered invocation whose type is refused: one resource cannot speak for the account', async () => {
    configMock.on(PutEvaluationsCommand).rejects(refusal('AWS::SageMaker::NotebookInstance'));
    const h = makeHandler(ruleById('sagemaker-notebook-no-direct-internet')!, {
      config: new ConfigServiceClient({ region: 'us-east-1' }),
    });
    await expect(
      h(fixtureEvent('sagemaker-notebook-no-direct-internet', 'non-compliant.enabled.json')),
    ).rejects.toThrow(/AWS::SageMaker::NotebookInstance is invalid/);
  });
});

describe('rules reported under the account', () => {
  it('are the training-job rules, all periodic: only a scheduled run sees every resource of the account', () => {
    const accountRules = rules.filter((r) => r.reportedAs === 'AWS::::Account');
    expect(accountRules.map((r) => r.id).sort()).toEqual([
      'sagemaker-training-job-in-vpc',
      'sagemaker-training-job-inter-container-encryption',
      'sagemaker-training-job-network-isolation',
      'sagemaker-training-job-output-kms',
      'sagemaker-training-job-volume-kms',
    ]);
    for (const r of accountRules) expect(r.trigger, r.id).not.toBe('change');
  });
});
