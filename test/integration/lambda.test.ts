// A rule's Lambda handler on a scheduled notification, against the local emulator (moto): the
// inventory adapter lists training jobs through the SageMaker API, the engine evaluates them,
// and PutEvaluations goes to the emulator's Config with TestMode (the TESTMODE result token).
// Training jobs have no type Config accepts, so Config gets one summary for the account, built
// from the per-job verdicts, which the log still shows one by one.
//
// moto's PutEvaluations only works with TestMode, and it does not implement
// GetComplianceDetailsByConfigRule, which a real (non-TESTMODE) periodic run calls to clean up
// resources it reported before. That run is covered below with the Config client mocked and
// the SageMaker side still served by moto.
import {
  ConfigServiceClient,
  GetComplianceDetailsByConfigRuleCommand,
  PutEvaluationsCommand,
} from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { clientConfig } from '../../rules/_core/clients.js';
import { makeHandler } from '../../rules/_core/handler.js';
import { inventoryLoaders } from '../../rules/_inventory/index.js';
import { ruleById } from '../../rules/index.js';
import { motoInstalled, startMoto, useMotoEnv, type Moto } from '../support/moto.js';
import { SEEDED, seedChurnPipeline } from '../support/seed.js';

const RULE = 'sagemaker-training-job-volume-kms';

const scheduledEvent = (resultToken: string) => ({
  invokingEvent: JSON.stringify({
    awsAccountId: '123456789012',
    notificationCreationTime: new Date().toISOString(),
    messageType: 'ScheduledNotification',
    recordVersion: '1.0',
  }),
  ruleParameters: JSON.stringify({ lookbackDays: '7' }),
  resultToken,
  eventLeftScope: false,
  executionRoleArn: 'arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
  configRuleArn: 'arn:aws:config:us-east-1:123456789012:config-rule/config-rule-q1w2e3',
  configRuleName: `ml-${RULE}`,
  configRuleId: 'config-rule-q1w2e3',
  accountId: '123456789012',
  version: '1.0',
});

let moto: Moto;
let event: ReturnType<typeof scheduledEvent>;
let restoreEnv: () => void;

beforeAll(async () => {
  if (!motoInstalled()) throw new Error('moto_server is not installed (pip install "moto[server]")');
  moto = await startMoto();
  await seedChurnPipeline(moto.env);
  restoreEnv = useMotoEnv(moto);
});

afterAll(async () => {
  restoreEnv?.();
  await moto?.stop();
});

/** The log's verdict lines (NON_COMPLIANT ones: a COMPLIANT verdict is only counted in the summary): resource → verdict. */
function verdictsLogged(log: ReturnType<typeof vi.spyOn>) {
  return Object.fromEntries(
    log.mock.calls
      .map((c: unknown[]) => JSON.parse(String(c[0])))
      .filter((l: any) => l.kind === 'verdict')
      .map((l: any) => [l.resourceId, l.complianceType]),
  );
}

describe('scheduled Lambda run of an inventory rule', () => {
  it('lists training jobs through SageMaker, logs the findings and reports the account summary in TestMode', async () => {
    const sent: any[] = [];
    const config = new ConfigServiceClient(clientConfig());
    config.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'PutEvaluationsCommand') sent.push(args.input);
        return next(args);
      },
      { step: 'initialize', name: 'recordPutEvaluations' },
    );
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const handler = makeHandler(ruleById(RULE)!, { inventory: inventoryLoaders, config });
      event = scheduledEvent('TESTMODE');
      const result = await handler(event);
      expect(result).toEqual({ evaluations: 1, putEvaluationsCalls: 1 });
      expect(verdictsLogged(log)).toEqual({
        [SEEDED.trainingJobs.bad]: 'NON_COMPLIANT',
        '123456789012': 'NON_COMPLIANT',
      });
      expect(
        log.mock.calls.map((c: unknown[]) => JSON.parse(String(c[0]))).filter((l: any) => l.kind === 'summary'),
      ).toEqual([
        expect.objectContaining({
          counts: { COMPLIANT: 1, NON_COMPLIANT: 1, NOT_APPLICABLE: 0 },
          accountSummary: 'NON_COMPLIANT',
          evaluationsSent: 1,
        }),
      ]);
    } finally {
      log.mockRestore();
    }
    // The call reached the emulator's Config API (moto accepts it only in TestMode).
    expect(sent).toHaveLength(1);
    expect(sent[0].TestMode).toBe(true);
    expect(sent[0].ResultToken).toBe('TESTMODE');
    const created = JSON.parse(event.invokingEvent).notificationCreationTime;
    const since = new Date(Date.parse(created) - 7 * 86_400_000).toISOString().slice(0, 10);
    expect(sent[0].Evaluations).toEqual([
      {
        ComplianceResourceType: 'AWS::::Account',
        ComplianceResourceId: '123456789012',
        ComplianceType: 'NON_COMPLIANT',
        Annotation: `1 of 2 training jobs since ${since}: ${SEEDED.trainingJobs.bad}`,
        OrderingTimestamp: new Date(created),
      },
    ]);
  });

  it('outside TestMode, reports the account summary and drops the clean-up of a per-job result whose type Config refuses (Config mocked: moto lacks GetComplianceDetailsByConfigRule)', async () => {
    const configMock = mockClient(ConfigServiceClient);
    try {
      configMock.on(GetComplianceDetailsByConfigRuleCommand).resolves({
        EvaluationResults: [
          {
            EvaluationResultIdentifier: {
              EvaluationResultQualifier: { ResourceType: 'AWS::::Account', ResourceId: '123456789012' },
            },
          },
          {
            EvaluationResultIdentifier: {
              EvaluationResultQualifier: {
                ResourceType: 'AWS::SageMaker::TrainingJob',
                ResourceId: 'churn-train-2026-10-01',
              },
            },
          },
        ],
      });
      // Config refuses the training-job type, as it does for any type outside its list.
      configMock.on(PutEvaluationsCommand).callsFake((input) => {
        if (input.Evaluations.some((e: any) => e.ComplianceResourceType === 'AWS::SageMaker::TrainingJob')) {
          throw Object.assign(
            new Error(
              'The resource type AWS::SageMaker::TrainingJob is invalid. Only the following values are permitted: [AWS::::Account, AWS::S3::Bucket]',
            ),
            {
              name: 'InvalidParameterValueException',
            },
          );
        }
        return { FailedEvaluations: [] };
      });
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      let result: Awaited<ReturnType<ReturnType<typeof makeHandler>>>;
      try {
        result = await makeHandler(ruleById(RULE)!, {
          inventory: inventoryLoaders,
          config: new ConfigServiceClient(clientConfig()),
        })(scheduledEvent('eyJlbmNyeXB0ZWREYXRhIjpbXX0='));
      } finally {
        log.mockRestore();
      }
      expect(result).toEqual({ evaluations: 1, putEvaluationsCalls: 1 });
      const puts = configMock.commandCalls(PutEvaluationsCommand).map((c) => c.args[0].input);
      // First the summary with the clean-up of the old per-job result, refused; then the summary alone.
      expect(puts.map((p) => p.Evaluations!.map((e) => [e.ComplianceResourceType, e.ComplianceType]))).toEqual([
        [
          ['AWS::::Account', 'NON_COMPLIANT'],
          ['AWS::SageMaker::TrainingJob', 'NOT_APPLICABLE'],
        ],
        [['AWS::::Account', 'NON_COMPLIANT']],
      ]);
      expect(puts[1]!.TestMode).toBe(false);
    } finally {
      configMock.restore();
    }
  });
});
