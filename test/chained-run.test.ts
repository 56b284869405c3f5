// A scheduled run split across Lambda invocations (rules/_core/continuation.ts): each link stops
// near its deadline after a page, sends what it has and invokes its own function with the event
// and where to go on from; the last link sends the account summary and the clean-up. Run here
// link after link, against mocked SageMaker, Tagging, Config and Lambda clients whose listings
// honour SortBy, SortOrder, CreationTimeBefore and NextToken as the API references describe.
import {
  ConfigServiceClient,
  GetComplianceDetailsByConfigRuleCommand,
  PutEvaluationsCommand,
} from '@aws-sdk/client-config-service';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import {
  DescribeTrainingJobCommand,
  ListEndpointsCommand,
  ListTagsCommand,
  ListTrainingJobsCommand,
  SageMakerClient,
  SearchCommand,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTINUATION_FIELD } from '../rules/_core/continuation.js';
import { makeHandler } from '../rules/_core/handler.js';
import { makeChangeHandler } from '../rules/_core/change-handler.js';
import { inventoryLoaders } from '../rules/_inventory/index.js';
import { ruleById } from '../rules/index.js';
import { fixture, fixtureEvent } from './support/fixtures.js';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const FUNCTION_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:ml-config-rules-sagemaker-endpoint-tagged`;
const NOTIFIED = '2026-11-21T00:05:11.842Z';
const configMock = mockClient(ConfigServiceClient);
const sagemakerMock = mockClient(SageMakerClient);
const taggingMock = mockClient(ResourceGroupsTaggingAPIClient);
const lambdaMock = mockClient(LambdaClient);

interface Resource {
  name: string;
  arn: string;
  created: Date;
  tagged: boolean;
}

/**
 * An account's endpoints, newest first: one a minute, except two runs of ten created at one
 * instant (a batch deploy), which straddle the listing's 100-a-page boundaries.
 */
function endpoints(count: number): Resource[] {
  const out: Resource[] = [];
  const start = Date.parse('2026-11-20T23:00:00.000Z');
  for (let i = 0; i < count; i++) {
    const minute = i >= 95 && i < 105 ? 95 : i >= 295 && i < 305 ? 295 : i;
    const name = `fraud-scorer-${String(i).padStart(4, '0')}`;
    out.push({
      name,
      arn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:endpoint/${name}`,
      created: new Date(start - minute * 60_000),
      tagged: i % 7 !== 0,
    });
  }
  return out;
}

/**
 * One page of a listing newest first, as ListEndpoints and ListTrainingJobs answer: created
 * before CreationTimeBefore (taken as strict), MaxResults from NextToken, and the next token.
 */
function listedPage<T extends { created: Date }>(
  all: readonly T[],
  input: { CreationTimeBefore?: Date; NextToken?: string; MaxResults?: number },
) {
  const before = input.CreationTimeBefore ? new Date(input.CreationTimeBefore).getTime() : Number.POSITIVE_INFINITY;
  const matching = all.filter((r) => r.created.getTime() < before);
  const from = Number(input.NextToken ?? 0);
  const page = matching.slice(from, from + (input.MaxResults ?? 100));
  return { page, next: from + page.length < matching.length ? { NextToken: String(from + page.length) } : {} };
}

/** What each ListEndpoints call asked: its CreationTimeBefore and NextToken. */
let listCalls: { before: string | undefined; token: string | undefined }[];

/** ListEndpoints as documented: CreationTime descending, MaxResults a page, NextToken, CreationTimeBefore (taken as strict). */
function serveListing(all: readonly Resource[]) {
  listCalls = [];
  sagemakerMock.on(ListEndpointsCommand).callsFake((input) => {
    listCalls.push({ before: input.CreationTimeBefore?.toISOString(), token: input.NextToken });
    const { page, next } = listedPage(all, input);
    return {
      Endpoints: page.map((r) => ({
        EndpointName: r.name,
        EndpointArn: r.arn,
        CreationTime: r.created,
        LastModifiedTime: r.created,
        EndpointStatus: 'InService',
      })),
      ...next,
    };
  });
  // GetResources lists tagged resources only, 100 a page.
  const tagged = all.filter((r) => r.tagged);
  taggingMock.on(GetResourcesCommand).callsFake((input) => {
    const from = Number(input.PaginationToken || 0);
    const page = tagged.slice(from, from + 100);
    return {
      ResourceTagMappingList: page.map((r) => ({
        ResourceARN: r.arn,
        Tags: [{ Key: 'ml-pipeline', Value: 'fraud' }],
      })),
      PaginationToken: from + page.length < tagged.length ? String(from + page.length) : '',
    };
  });
  // The untagged ones GetResources leaves out are probed with ListTags: none.
  sagemakerMock.on(ListTagsCommand).resolves({ Tags: [] });
}

/** A Lambda context whose clock runs out after `pages` pages: getRemainingTimeInMillis is read once a page. */
function contextRunningOutAfter(pages: number) {
  let read = 0;
  return {
    invokedFunctionArn: FUNCTION_ARN,
    getRemainingTimeInMillis: () => (++read >= pages ? 45_000 : 840_000),
  };
}

const scheduledEvent = () => ({
  ...fixture('_events', 'scheduled.json'),
  invokingEvent: JSON.stringify({
    awsAccountId: ACCOUNT,
    notificationCreationTime: NOTIFIED,
    messageType: 'ScheduledNotification',
    recordVersion: '1.0',
  }),
});

let logged: any[];

beforeEach(() => {
  configMock.reset();
  sagemakerMock.reset();
  taggingMock.reset();
  lambdaMock.reset();
  vi.stubEnv('AWS_REGION', REGION);
  logged = [];
  vi.spyOn(console, 'log').mockImplementation((line) => void logged.push(JSON.parse(String(line))));
  configMock.on(PutEvaluationsCommand).resolves({ FailedEvaluations: [] });
  lambdaMock.on(InvokeCommand).resolves({ StatusCode: 202 });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});
afterAll(() => {
  configMock.restore();
  sagemakerMock.restore();
  taggingMock.restore();
  lambdaMock.restore();
});

/** Runs link after link, each running out after `pagesPerLink` pages, until one ends without invoking the next. */
async function runChain(ruleId: string, pagesPerLink: number, maxLinks = 20) {
  const handler = makeHandler(ruleById(ruleId)!, {
    config: new ConfigServiceClient({ region: REGION }),
    inventory: inventoryLoaders,
  });
  let event: object = scheduledEvent();
  const events: any[] = [event];
  for (let link = 1; link <= maxLinks; link++) {
    const invokes = lambdaMock.commandCalls(InvokeCommand).length;
    await handler(event as never, contextRunningOutAfter(pagesPerLink));
    const calls = lambdaMock.commandCalls(InvokeCommand);
    if (calls.length === invokes) return { links: link, events };
    const input = calls.at(-1)!.args[0].input;
    expect(input).toMatchObject({ FunctionName: FUNCTION_ARN, InvocationType: 'Event' });
    event = JSON.parse(Buffer.from(input.Payload as Uint8Array).toString('utf8'));
    events.push(event);
  }
  throw new Error(`the run did not end within ${maxLinks} links`);
}

const sentEvaluations = () =>
  configMock.commandCalls(PutEvaluationsCommand).flatMap((c) => c.args[0].input.Evaluations!);

describe('a scheduled run chained across invocations', () => {
  it('evaluates every endpoint exactly once, and only the last link cleans up', async () => {
    const all = endpoints(1_050);
    serveListing(all);
    configMock.on(GetComplianceDetailsByConfigRuleCommand).resolves({
      EvaluationResults: [
        // Reported by yesterday's run and gone since: cleaned up.
        {
          EvaluationResultIdentifier: {
            EvaluationResultQualifier: { ResourceType: 'AWS::SageMaker::Endpoint', ResourceId: 'retired-scorer' },
          },
          ResultRecordedTime: new Date('2026-11-20T00:06:40.000Z'),
        },
        // Recorded after this run was notified: an earlier link's verdict, not stale.
        {
          EvaluationResultIdentifier: {
            EvaluationResultQualifier: { ResourceType: 'AWS::SageMaker::Endpoint', ResourceId: 'fraud-scorer-0001' },
          },
          ResultRecordedTime: new Date('2026-11-21T00:07:02.000Z'),
        },
        // Yesterday's results for every endpoint, as Config still lists them: it has not caught up
        // with this run's earlier links (how soon it does is not documented). None is stale.
        ...all.map((r) => ({
          EvaluationResultIdentifier: {
            EvaluationResultQualifier: { ResourceType: 'AWS::SageMaker::Endpoint', ResourceId: r.name },
          },
          ResultRecordedTime: new Date('2026-11-20T00:06:40.000Z'),
        })),
      ],
    });
    const { links, events } = await runChain('sagemaker-endpoint-tagged', 4);
    // 11 pages, 4 a link; the tie of ten at one instant across pages 1 and 2, and 3 and 4.
    expect(links).toBe(3);
    const own = sentEvaluations().filter((e) => e.ComplianceResourceId !== 'retired-scorer');
    expect(own).toHaveLength(1_050);
    expect(new Set(own.map((e) => e.ComplianceResourceId)).size).toBe(1_050);
    for (const e of own) {
      const r = all.find((x) => x.name === e.ComplianceResourceId)!;
      expect(e.ComplianceType).toBe(r.tagged ? 'COMPLIANT' : 'NON_COMPLIANT');
      expect(e.OrderingTimestamp).toEqual(new Date(NOTIFIED));
    }
    // The clean-up: once, by the last link, only for the resource gone since the last run.
    const cleaned = sentEvaluations().filter((e) => e.ComplianceType === 'NOT_APPLICABLE');
    expect(cleaned.map((e) => e.ComplianceResourceId)).toEqual(['retired-scorer']);
    const lastPut = configMock.commandCalls(PutEvaluationsCommand).at(-1)!.args[0].input.Evaluations!;
    expect(lastPut.map((e) => e.ComplianceResourceId)).toContain('retired-scorer');
    // Each later link lists from where the one before stopped, and carries Config's event as it came.
    // (The SDK's paginator reuses one input object, so what each call asked is noted as it is asked.)
    expect(listCalls.filter((c) => c.token === undefined).map((c) => c.before)).toEqual([
      undefined,
      // Two seconds past the position (the filter's bound), whose own endpoints are left out by name.
      new Date(all[399]!.created.getTime() + 2000).toISOString(),
      new Date(Date.parse(events[2][CONTINUATION_FIELD].resume.createdBefore) + 2000).toISOString(),
    ]);
    for (const e of events.slice(1)) {
      expect(e.resultToken).toBe(scheduledEvent().resultToken);
      expect(e.invokingEvent).toBe(scheduledEvent().invokingEvent);
    }
    expect(events.slice(1).map((e) => e[CONTINUATION_FIELD].link)).toEqual([2, 3]);
    expect(events[1][CONTINUATION_FIELD].resume).toEqual({
      typeIndex: 0,
      createdBefore: all[399]!.created.toISOString(),
      doneAt: [all[399]!.name],
    });
    // One summary line a link, each saying which link it was and whether it handed off.
    const summaries = logged.filter((l) => l.kind === 'summary');
    expect(summaries.map((l) => [l.link ?? 1, l.handedOffTo])).toEqual([
      [1, 2],
      [2, 3],
      [3, undefined],
    ]);
    expect(summaries.at(-1)!.evaluationsSentByRun).toBe(1_051);
  });

  it('carries a tie of resources created at one instant across the hand-off without skipping or repeating one', async () => {
    const all = endpoints(400);
    serveListing(all);
    configMock.on(GetComplianceDetailsByConfigRuleCommand).resolves({ EvaluationResults: [] });
    // One page a link: the first hand-off falls inside the tie of fraud-scorer-0095 to -0104. The
    // next link's first page leaves out the five done, so pages shift: 100, 95, 100, 100, 5, and a
    // last link that finds nothing more (a link cannot know its page was the last).
    const { links, events } = await runChain('sagemaker-endpoint-tagged', 1);
    expect(links).toBe(6);
    expect(events[1][CONTINUATION_FIELD].resume.doneAt).toEqual(all.slice(95, 100).map((r) => r.name));
    const ids = sentEvaluations().map((e) => e.ComplianceResourceId);
    expect(ids).toHaveLength(400);
    expect(new Set(ids).size).toBe(400);
  });

  it('builds one account summary over every link of a training-job run', async () => {
    const start = Date.parse('2026-11-20T20:00:00.000Z');
    const jobs = Array.from({ length: 250 }, (_, i) => ({
      name: `churn-xgb-${String(i).padStart(4, '0')}`,
      created: new Date(start - i * 60_000),
      encrypted: i % 50 !== 3,
    }));
    sagemakerMock.on(ListTrainingJobsCommand).callsFake((input) => {
      const { page, next } = listedPage(jobs, input);
      return {
        TrainingJobSummaries: page.map((j) => ({
          TrainingJobName: j.name,
          TrainingJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/${j.name}`,
          CreationTime: j.created,
          LastModifiedTime: j.created,
          TrainingJobStatus: 'Completed',
        })),
        ...next,
      };
    });
    // The Search index has none of them yet: each is described.
    const searches: (string | undefined)[] = [];
    sagemakerMock.on(SearchCommand).callsFake((input) => {
      searches.push(input.SearchExpression?.Filters?.[0]?.Value);
      return { Results: [] };
    });
    sagemakerMock.on(DescribeTrainingJobCommand).callsFake((input) => {
      const j = jobs.find((x) => x.name === input.TrainingJobName)!;
      return {
        TrainingJobName: j.name,
        TrainingJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/${j.name}`,
        TrainingJobStatus: 'Completed',
        CreationTime: j.created,
        LastModifiedTime: j.created,
        RoleArn: `arn:aws:iam::${ACCOUNT}:role/service-role/AmazonSageMaker-ExecutionRole-20261102T101500`,
        AlgorithmSpecification: {
          TrainingImage: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/churn-xgb:3.1.0`,
          TrainingInputMode: 'File',
        },
        OutputDataConfig: { S3OutputPath: 's3://churn-model-artifacts/output/' },
        ResourceConfig: {
          InstanceType: 'ml.m5.xlarge',
          InstanceCount: 1,
          VolumeSizeInGB: 30,
          ...(j.encrypted
            ? { VolumeKmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/0f3c2a8e-5d41-4b7a-9c1e-2b6d8f4a7e10` }
            : {}),
        },
        StoppingCondition: { MaxRuntimeInSeconds: 86_400 },
      };
    });
    configMock.on(GetComplianceDetailsByConfigRuleCommand).resolves({ EvaluationResults: [] });
    vi.useFakeTimers({ now: new Date('2026-11-21T00:05:30.000Z'), toFake: ['Date'] });
    try {
      // Three pages, one a link, and a fourth link that finds no more.
      const { links } = await runChain('sagemaker-training-job-volume-kms', 1);
      expect(links).toBe(4);
    } finally {
      vi.useRealTimers();
    }
    // Each later link's Search starts where its listing does (the filter's bound, in whole seconds).
    // Link 2's page is jobs 100 to 198 (its listing's first page also held job 99, done already);
    // link 4 lists nothing, so it starts no Search.
    expect(searches).toEqual([
      undefined,
      new Date(jobs[99]!.created.getTime() + 2000).toISOString().slice(0, 19),
      new Date(jobs[198]!.created.getTime() + 2000).toISOString().slice(0, 19),
    ]);
    // Training jobs are reported under the account: one summary, sent by the last link alone.
    const sent = sentEvaluations();
    expect(sent).toEqual([
      expect.objectContaining({
        ComplianceResourceType: 'AWS::::Account',
        ComplianceResourceId: ACCOUNT,
        ComplianceType: 'NON_COMPLIANT',
        Annotation: expect.stringMatching(
          /^5 of 250 training jobs since \d{4}-\d\d-\d\d: churn-xgb-0003, churn-xgb-0053, churn-xgb-0103, churn-xgb-0153, churn-xgb-0203$/,
        ),
      }),
    ]);
  });

  it('never hands off where the runtime gives no clock (a local run), whatever the listing', async () => {
    serveListing(endpoints(350));
    configMock.on(GetComplianceDetailsByConfigRuleCommand).resolves({ EvaluationResults: [] });
    const handler = makeHandler(ruleById('sagemaker-endpoint-tagged')!, {
      config: new ConfigServiceClient({ region: REGION }),
      inventory: inventoryLoaders,
    });
    await handler(scheduledEvent() as never, { invokedFunctionArn: FUNCTION_ARN });
    expect(lambdaMock.commandCalls(InvokeCommand)).toHaveLength(0);
    expect(sentEvaluations()).toHaveLength(350);
  });

  it('fails a link whose Invoke is not accepted, after sending what it evaluated', async () => {
    serveListing(endpoints(350));
    configMock.on(GetComplianceDetailsByConfigRuleCommand).resolves({ EvaluationResults: [] });
    lambdaMock
      .on(InvokeCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' }));
    const handler = makeHandler(ruleById('sagemaker-endpoint-tagged')!, {
      config: new ConfigServiceClient({ region: REGION }),
      inventory: inventoryLoaders,
    });
    await expect(handler(scheduledEvent() as never, contextRunningOutAfter(2))).rejects.toThrow('Rate exceeded');
    // The two pages it evaluated were sent; no clean-up and no summary were.
    expect(sentEvaluations()).toHaveLength(200);
    expect(logged.at(-1)).toMatchObject({ level: 'error', error: 'TooManyRequestsException' });
  });

  it('refuses a continuation on a change event, and on a rule that only takes changes', async () => {
    const continued = (event: object) => ({
      ...event,
      [CONTINUATION_FIELD]: { link: 2, resume: { typeIndex: 0 }, sentBefore: 0, reported: '' },
    });
    const change = fixtureEvent('sagemaker-notebook-no-direct-internet', 'non-compliant.enabled.json');
    const full = makeHandler(ruleById('sagemaker-notebook-no-direct-internet')!, {
      config: new ConfigServiceClient({ region: REGION }),
    });
    await expect(full(continued(change) as never)).rejects.toThrow(
      `${CONTINUATION_FIELD} continues a scheduled run only`,
    );
    const changeOnly = makeChangeHandler(ruleById('sagemaker-notebook-no-direct-internet')!, {
      config: new ConfigServiceClient({ region: REGION }),
    });
    await expect(changeOnly(continued(scheduledEvent()) as never)).rejects.toThrow(
      `${CONTINUATION_FIELD} continues a scheduled run only`,
    );
    expect(configMock.commandCalls(PutEvaluationsCommand)).toHaveLength(0);
  });
});
