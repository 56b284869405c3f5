// The scale benchmark's fake of SageMaker, the Tagging API and Config (bench/scale/fake-aws.ts),
// at 250 resources, against the pack as it is: each rule's Lambda handler runs in this process,
// lists through the fake and reports through its PutEvaluations, and every verdict must arrive
// and be right. If the pack starts to call an operation or send a field the fake does not answer,
// or the fake's records or expected verdicts drift from what the rules read, this fails, rather
// than the benchmark printing numbers for runs that judged nothing.
import { SageMakerClient, DescribeModelCommand, ListEndpointsCommand } from '@aws-sdk/client-sagemaker';
import { ConfigServiceClient, PutEvaluationsCommand } from '@aws-sdk/client-config-service';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startScaleFake, type ScaleFake } from '../../bench/scale/fake-aws.js';
import { ACCOUNT, goneCount, scheduledEvent, World } from '../../bench/scale/world.js';
import { makeHandler } from '../../rules/_core/handler.js';
import { inventoryLoaders } from '../../rules/_inventory/index.js';
import { ruleById } from '../../rules/index.js';

const N = 250;
const ENV = {
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_REGION: 'us-east-1',
};
const world = new World({ n: N });
let fake: ScaleFake;
/** Calls the fake answered HTTP 500 over the handler runs. */
let faulted = 0;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  // No round-trip latency and no throttling: this checks answers, not speed. One call in five
  // answers HTTP 500 (chosen by the seed, so always the same calls), which the SDK retries.
  fake = await startScaleFake({ world, latencyMs: 0, rateOf: () => undefined, faultRate: 0.2 });
  for (const [k, v] of Object.entries({ ...ENV, AWS_ENDPOINT_URL: fake.url })) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  vi.spyOn(console, 'log').mockImplementation(() => {});
});
afterAll(async () => {
  vi.restoreAllMocks();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await fake.close();
});

/** A grade where each of the `expected` verdicts arrived once and right. */
const everyVerdictRight = (expected: number) => ({
  expected,
  received: expected,
  right: expected,
  wrong: 0,
  missing: 0,
  duplicates: 0,
});

describe(`the Lambda handler against the scale fake, ${N} endpoints and ${N} training jobs`, () => {
  it.each([
    // Every endpoint, plus NOT_APPLICABLE for the endpoints reported before and gone since.
    ['sagemaker-endpoint-tagged', N + goneCount(N), 3],
    ['sagemaker-endpoint-monitoring-scheduled', N + goneCount(N), 3],
    // One account summary, whose counts must be the fake's.
    ['sagemaker-training-job-volume-kms', 1, 1],
  ])('%s: every verdict arrives at PutEvaluations and is right', async (id, expected, calls) => {
    const token = Buffer.from(`{"encryptedData":[${id.length}],"materialSetSerialNumber":1}`).toString('base64');
    fake.reset();
    fake.arm({ token, ruleName: `ml-${id}`, rule: id });
    const handler = makeHandler(ruleById(id)!, { inventory: inventoryLoaders });
    const result = await handler(scheduledEvent(id, token, world.seed), {
      invokedFunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:ml-${id}`,
    });
    const grade = fake.grade(token);
    for (const c of fake.counters.values()) faulted += c.faulted;
    expect(grade).toMatchObject({ ...everyVerdictRight(expected), putEvaluationsCalls: calls, testMode: false });
    expect(result).toEqual({ evaluations: expected, putEvaluationsCalls: calls });
    // Every operation the run made is one the fake answers.
    expect([...fake.counters.keys()].filter((op) => !/^(List|Search|Get|Put|Describe)/.test(op))).toEqual([]);
  });

  it.each([
    ['sagemaker-endpoint-monitoring-scheduled', N + goneCount(N)],
    ['sagemaker-training-job-volume-kms', 1],
  ])(
    '%s: chained link after link (the clock runs out after each page), every verdict right once',
    async (id, expected) => {
      const token = Buffer.from(`{"encryptedData":[${id.length},2],"materialSetSerialNumber":1}`).toString('base64');
      fake.reset();
      fake.arm({ token, ruleName: `ml-${id}`, rule: id });
      const handler = makeHandler(ruleById(id)!, { inventory: inventoryLoaders });
      const functionArn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:ml-${id}`;
      // Lambda's clock as a link sees it past its margin: it hands off after every page it can.
      const context = { invokedFunctionArn: functionArn, getRemainingTimeInMillis: () => 30_000 };
      let event: object = scheduledEvent(id, token, world.seed);
      let links = 0;
      for (;;) {
        links++;
        await handler(event as never, context);
        const next = fake.takeInvocation();
        if (!next) break;
        expect(next.functionName).toBe(functionArn);
        event = JSON.parse(next.payload);
        expect(links).toBeLessThan(20);
      }
      // 250 of each a link of 100 at most: at least three links.
      expect(links).toBeGreaterThanOrEqual(3);
      expect(fake.grade(token)).toMatchObject(everyVerdictRight(expected));
    },
  );

  it('faulted some of those calls, which the SDK retried', () => {
    expect(faulted).toBeGreaterThan(0);
  });
});

describe('the fake is loud', () => {
  const options = () => ({
    region: 'us-east-1',
    endpoint: fake.url,
    maxAttempts: 1,
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  });

  it('grades a wrong, a missing and a repeated verdict as such', async () => {
    const token = 'eyJncmFkZSI6dHJ1ZX0=';
    fake.arm({ token, ruleName: 'graded', rule: 'sagemaker-endpoint-tagged' });
    const expected = [...fake.expectation('sagemaker-endpoint-tagged').perResource];
    const [[firstKey, firstVerdict], [secondKey, secondVerdict]] = expected as [[string, string], [string, string]];
    const send = (key: string, verdict: string) =>
      new ConfigServiceClient(options()).send(
        new PutEvaluationsCommand({
          ResultToken: token,
          Evaluations: [
            {
              ComplianceResourceType: key.split('|')[0],
              ComplianceResourceId: key.split('|')[1],
              ComplianceType: verdict as 'COMPLIANT',
              OrderingTimestamp: new Date(),
            },
          ],
        }),
      );
    // A fault is a 500 the SDK does not retry here (maxAttempts 1): send until each is taken.
    const taken = async (key: string, verdict: string) => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await send(key, verdict);
        } catch (error) {
          if ((error as { name?: string }).name !== 'InternalFailure' || attempt > 20) throw error;
        }
      }
    };
    await taken(firstKey, firstVerdict);
    await taken(firstKey, firstVerdict);
    await taken(secondKey, secondVerdict === 'COMPLIANT' ? 'NON_COMPLIANT' : 'COMPLIANT');
    expect(fake.grade(token)).toMatchObject({
      received: 2,
      right: 1,
      wrong: 1,
      duplicates: 1,
      missing: fake.expectation('sagemaker-endpoint-tagged').reported.size - 2,
    });
  });

  it('answers an operation it does not implement with UnknownOperationException', async () => {
    await expect(
      new SageMakerClient(options()).send(new DescribeModelCommand({ ModelName: 'm' })),
    ).rejects.toMatchObject({
      name: 'UnknownOperationException',
    });
  });

  it('answers ThrottlingException above an operation rate', async () => {
    const throttling = await startScaleFake({ world, latencyMs: 0, faultRate: 0, rateOf: () => 1 });
    try {
      const sagemaker = new SageMakerClient({ ...options(), endpoint: throttling.url });
      await sagemaker.send(new ListEndpointsCommand({ MaxResults: 100 }));
      await expect(sagemaker.send(new ListEndpointsCommand({ MaxResults: 100 }))).rejects.toMatchObject({
        name: 'ThrottlingException',
      });
      expect(throttling.counters.get('ListEndpoints')).toEqual({ calls: 2, throttled: 1, faulted: 0 });
    } finally {
      await throttling.close();
    }
  });
});
