// Organization mode at run time: the function lives in the deploying account, Config invokes it
// for member accounts. An event whose accountId differs from the function's own account (read
// from the Lambda context) is evaluated and reported with credentials of the member role, assumed
// through STS (mocked here, like Config and SageMaker); an event for the own account is not.
import { ConfigServiceClient, PutEvaluationsCommand } from '@aws-sdk/client-config-service';
import { DescribeEndpointCommand, ListEndpointsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
// The STS client fromTemporaryCredentials uses (the SDK's own nested client).
import { AssumeRoleCommand, STSClient } from '@aws-sdk/nested-clients/sts';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import {
  arnParts,
  assumedRoleCredentials,
  assumeMemberRole,
  clearCrossAccountCache,
  CrossAccountError,
  memberAccountOf,
  memberRoleArn,
  MEMBER_ROLE_ENV,
  ROLE_SESSION_NAME,
} from '../rules/_core/cross-account.js';
import { keptClient, type ClientOptions, type KeptClient } from '../rules/_core/clients.js';
import { makeHandler } from '../rules/_core/handler.js';
import { inventoryLoaders } from '../rules/_inventory/index.js';
import { sagemakerOf, taggingOf } from '../rules/_inventory/sagemaker.js';
import { ruleById } from '../rules/index.js';
import { fixture, fixtureEvent } from './support/fixtures.js';

const ADMIN = '111122223333';
const MEMBER = '123456789012'; // the account of every fixture event
const ROLE = 'ml-config-rules-evaluator';
const contextIn = (account: string) => ({
  invokedFunctionArn: `arn:aws:lambda:us-east-1:${account}:function:ml-config-sagemaker-notebook-no-direct-internet`,
});
const MEMBER_CREDENTIALS = {
  AccessKeyId: 'ASIAMEMBEREXAMPLE0001',
  SecretAccessKey: 'member/secret/example',
  SessionToken: 'member-session-token',
  Expiration: new Date(Date.now() + 3_600_000),
};

const configMock = mockClient(ConfigServiceClient);
const stsMock = mockClient(STSClient);
const sagemakerMock = mockClient(SageMakerClient);
const taggingMock = mockClient(ResourceGroupsTaggingAPIClient);
let ownConfig: ConfigServiceClient;

beforeEach(() => {
  configMock.reset();
  stsMock.reset();
  sagemakerMock.reset();
  taggingMock.reset();
  clearCrossAccountCache();
  configMock.on(PutEvaluationsCommand).resolves({ FailedEvaluations: [] });
  stsMock.on(AssumeRoleCommand).resolves({ Credentials: MEMBER_CREDENTIALS });
  ownConfig = new ConfigServiceClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAOWNACCOUNT000001', secretAccessKey: 'own' },
  });
  vi.spyOn(console, 'log').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env[MEMBER_ROLE_ENV];
});
afterAll(() => {
  configMock.restore();
  stsMock.restore();
  sagemakerMock.restore();
  taggingMock.restore();
});

const notebookHandler = () =>
  makeHandler(ruleById('sagemaker-notebook-no-direct-internet')!, { config: ownConfig, memberRoleName: ROLE });
const changeEvent = () => fixtureEvent('sagemaker-notebook-no-direct-internet', 'non-compliant.enabled.json');

describe('which account an event is for', () => {
  it('reads the own account from the function ARN and names the member account otherwise', () => {
    expect(arnParts(contextIn(ADMIN).invokedFunctionArn)).toEqual({
      partition: 'aws',
      region: 'us-east-1',
      accountId: ADMIN,
    });
    expect(memberAccountOf(MEMBER, contextIn(ADMIN).invokedFunctionArn)).toEqual({
      partition: 'aws',
      region: 'us-east-1',
      accountId: MEMBER,
    });
    expect(memberAccountOf(ADMIN, contextIn(ADMIN).invokedFunctionArn)).toBeUndefined();
    // Local runs and tests without a Lambda context never assume a role.
    expect(memberAccountOf(MEMBER, undefined)).toBeUndefined();
  });
});

describe('an event for a member account', () => {
  it('assumes the member role there and puts the evaluations with those credentials', async () => {
    const result = await notebookHandler()(changeEvent(), contextIn(ADMIN));
    // Each line of the run names the member account it was for.
    const lines = vi.mocked(console.log).mock.calls.map(([line]) => JSON.parse(String(line)));
    expect(lines.map((l) => [l.kind, l.accountId])).toEqual([
      ['verdict', MEMBER],
      ['summary', MEMBER],
    ]);
    expect(result).toEqual({ evaluations: 1, putEvaluationsCalls: 1 });

    const assumed = stsMock.commandCalls(AssumeRoleCommand);
    expect(assumed).toHaveLength(1);
    expect(assumed[0]!.args[0].input).toMatchObject({
      RoleArn: `arn:aws:iam::${MEMBER}:role/${ROLE}`,
      RoleSessionName: 'ml-config-rules',
    });

    const put = configMock.commandCalls(PutEvaluationsCommand);
    expect(put).toHaveLength(1);
    expect(put[0]!.args[0].input.Evaluations?.[0]).toMatchObject({
      ComplianceResourceId: 'churn-explore',
      ComplianceType: 'NON_COMPLIANT',
    });
    const client = put[0]!.thisValue as ConfigServiceClient;
    expect(client).not.toBe(ownConfig);
    const used = await client.config.credentials();
    expect(used).toMatchObject({
      accessKeyId: MEMBER_CREDENTIALS.AccessKeyId,
      sessionToken: MEMBER_CREDENTIALS.SessionToken,
    });
    // Resolving them again serves the cached credentials: still one AssumeRole.
    expect(stsMock.commandCalls(AssumeRoleCommand)).toHaveLength(1);
  });

  it('caches the member credentials across invocations of a warm function', async () => {
    const handler = notebookHandler();
    await handler(changeEvent(), contextIn(ADMIN));
    await handler(changeEvent(), contextIn(ADMIN));
    expect(stsMock.commandCalls(AssumeRoleCommand)).toHaveLength(1);
    const put = configMock.commandCalls(PutEvaluationsCommand);
    expect(put).toHaveLength(2);
    expect(put[1]!.thisValue).toBe(put[0]!.thisValue);
  });

  it('reads the role name from the environment the deploy sets', async () => {
    process.env[MEMBER_ROLE_ENV] = 'platform-config-evaluator';
    await makeHandler(ruleById('sagemaker-notebook-no-direct-internet')!, { config: ownConfig })(
      changeEvent(),
      contextIn(ADMIN),
    );
    expect(stsMock.commandCalls(AssumeRoleCommand)[0]!.args[0].input.RoleArn).toBe(
      `arn:aws:iam::${MEMBER}:role/platform-config-evaluator`,
    );
    expect(MEMBER_ROLE_ENV).toBe('ML_CONFIG_RULES_MEMBER_ROLE');
  });

  it("lists a periodic rule's inventory in the member account with the member credentials", async () => {
    const name = 'fraud-scoring-prod';
    const arn = `arn:aws:sagemaker:us-east-1:${MEMBER}:endpoint/${name}`;
    sagemakerMock.on(ListEndpointsCommand).resolves({
      Endpoints: [
        {
          EndpointName: name,
          EndpointArn: arn,
          CreationTime: new Date(),
          LastModifiedTime: new Date(),
          EndpointStatus: 'InService',
        },
      ],
    });
    sagemakerMock.on(DescribeEndpointCommand).resolves({
      EndpointName: name,
      EndpointArn: arn,
      EndpointConfigName: name,
      EndpointStatus: 'InService',
      CreationTime: new Date(),
      LastModifiedTime: new Date(),
    });
    taggingMock.on(GetResourcesCommand).resolves({
      ResourceTagMappingList: [{ ResourceARN: arn, Tags: [{ Key: 'ml-pipeline', Value: 'fraud-scoring' }] }],
    });
    const handler = makeHandler(ruleById('sagemaker-endpoint-tagged')!, {
      config: ownConfig,
      memberRoleName: ROLE,
      inventory: inventoryLoaders,
    });
    const event = { ...fixture('_events', 'scheduled.json'), resultToken: 'TESTMODE' };

    const result = await handler(event, contextIn(ADMIN));
    expect(result.evaluations).toBe(1);
    const listed = sagemakerMock.commandCalls(ListEndpointsCommand);
    expect(listed.length).toBeGreaterThan(0);
    const sagemaker = listed[0]!.thisValue as SageMakerClient;
    expect(await sagemaker.config.credentials()).toMatchObject({ accessKeyId: MEMBER_CREDENTIALS.AccessKeyId });
    // The tags of the member's endpoints come from the member account too.
    const tagging = taggingMock.commandCalls(GetResourcesCommand)[0]!.thisValue as ResourceGroupsTaggingAPIClient;
    expect(await tagging.config.credentials()).toMatchObject({ accessKeyId: MEMBER_CREDENTIALS.AccessKeyId });
    expect(configMock.commandCalls(PutEvaluationsCommand)[0]!.thisValue as ConfigServiceClient).not.toBe(ownConfig);
  });

  it('fails with a clear message when no member role is configured, and reports nothing', async () => {
    const handler = makeHandler(ruleById('sagemaker-notebook-no-direct-internet')!, { config: ownConfig });
    await expect(handler(changeEvent(), contextIn(ADMIN))).rejects.toThrow(CrossAccountError);
    await expect(handler(changeEvent(), contextIn(ADMIN))).rejects.toThrow(
      `the event is for account ${MEMBER}, but this function runs in another account and ML_CONFIG_RULES_MEMBER_ROLE ` +
        'is not set (deploy with organization: true to evaluate member accounts)',
    );
    expect(configMock.commandCalls(PutEvaluationsCommand)).toHaveLength(0);
  });

  it('fails naming the role and account when the role cannot be assumed', async () => {
    stsMock
      .on(AssumeRoleCommand)
      .rejects(Object.assign(new Error('User is not authorized to perform: sts:AssumeRole'), { name: 'AccessDenied' }));
    const run = notebookHandler()(changeEvent(), contextIn(ADMIN));
    await expect(run).rejects.toThrow(CrossAccountError);
    await expect(run).rejects.toThrow(
      `could not assume arn:aws:iam::${MEMBER}:role/${ROLE} to evaluate account ${MEMBER}: User is not authorized`,
    );
    expect(configMock.commandCalls(PutEvaluationsCommand)).toHaveLength(0);
  });
});

describe('the parts of an ARN', () => {
  it('are read only from an ARN with six parts or more and a twelve-digit account', () => {
    expect(arnParts('arn:aws-cn:lambda:cn-north-1:111122223333:function:ml-config-rules')).toEqual({
      partition: 'aws-cn',
      region: 'cn-north-1',
      accountId: '111122223333',
    });
    // Six parts, the least an ARN has: an IAM role's, with no Region.
    expect(arnParts('arn:aws:iam::111122223333:role/ml-config-rules-evaluator')).toEqual({
      partition: 'aws',
      region: '',
      accountId: '111122223333',
    });
    for (const refused of [
      undefined,
      '',
      'ml-config-rules',
      'arn:aws:lambda:us-east-1:111122223333', // five parts
      'urn:aws:lambda:us-east-1:111122223333:function:ml-config-rules',
      'arn:aws:lambda:us-east-1:11112222333:function:ml-config-rules', // eleven digits
      'arn:aws:lambda:us-east-1:1111222233334:function:ml-config-rules', // thirteen
      'arn:aws:lambda:us-east-1:11112222333a:function:ml-config-rules',
      'arn:aws:lambda:us-east-1::function:ml-config-rules',
    ]) {
      expect(arnParts(refused), String(refused)).toBeUndefined();
    }
  });

  it('give no member account for an event without one', () => {
    expect(memberAccountOf(undefined, contextIn(ADMIN).invokedFunctionArn)).toBeUndefined();
    expect(memberAccountOf('', contextIn(ADMIN).invokedFunctionArn)).toBeUndefined();
    expect(memberRoleArn('aws-us-gov', MEMBER, ROLE)).toBe(`arn:aws-us-gov:iam::${MEMBER}:role/${ROLE}`);
  });
});

describe("a member role's credentials", () => {
  const roleArn = memberRoleArn('aws', MEMBER, ROLE);
  const expiringIn = (ms: number) => ({ ...MEMBER_CREDENTIALS, Expiration: new Date(Date.now() + ms) });

  it("are assumed under the pack's session name and kept while more than five minutes remain", async () => {
    stsMock.on(AssumeRoleCommand).resolves({ Credentials: expiringIn(6 * 60_000) });
    const provider = assumedRoleCredentials(roleArn, 'eu-west-1');
    await provider();
    await provider();
    expect(assumedRoleCredentials(roleArn)).toBe(provider);
    const calls = stsMock.commandCalls(AssumeRoleCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toMatchObject({ RoleArn: roleArn, RoleSessionName: ROLE_SESSION_NAME });
    expect(ROLE_SESSION_NAME).toBe('ml-config-rules');
    // STS is called in the member's Region.
    expect(await stsMock.call(0).thisValue.config.region()).toBe('eu-west-1');
  });

  it('are assumed again when exactly five minutes remain', async () => {
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now);
    onTestFinished(() => clock.mockRestore());
    stsMock
      .on(AssumeRoleCommand)
      .resolves({ Credentials: { ...MEMBER_CREDENTIALS, Expiration: new Date(now + 5 * 60_000) } });
    const provider = assumedRoleCredentials(roleArn);
    await provider();
    await provider();
    expect(stsMock.commandCalls(AssumeRoleCommand)).toHaveLength(2);
    clock.mockReturnValue(now - 1);
    await provider();
    expect(stsMock.commandCalls(AssumeRoleCommand)).toHaveLength(2);
  });

  it('are assumed again when five minutes or less remain', async () => {
    stsMock.on(AssumeRoleCommand).resolves({ Credentials: expiringIn(4 * 60_000) });
    const provider = assumedRoleCredentials(roleArn);
    await provider();
    await provider();
    expect(stsMock.commandCalls(AssumeRoleCommand)).toHaveLength(2);
  });

  it('are assumed again after an assume failed, and the failure is not kept', async () => {
    stsMock
      .on(AssumeRoleCommand)
      .rejectsOnce(Object.assign(new Error('not authorized to perform: sts:AssumeRole'), { name: 'AccessDenied' }))
      .resolves({ Credentials: expiringIn(3_600_000) });
    const member = { partition: 'aws', region: 'us-east-1', accountId: MEMBER };
    const failure = await assumeMemberRole(member, ROLE).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CrossAccountError);
    expect(failure).toMatchObject({ name: 'CrossAccountError', kind: 'runtime' });
    expect((failure as Error).cause).toMatchObject({ name: 'AccessDenied' });
    const credentials = await assumeMemberRole(member, ROLE);
    expect(await credentials()).toMatchObject({ accessKeyId: MEMBER_CREDENTIALS.AccessKeyId });
    expect(stsMock.commandCalls(AssumeRoleCommand)).toHaveLength(2);
  });
});

describe("an event for the function's own account", () => {
  it("does not assume any role and reports with the function's own client", async () => {
    const result = await notebookHandler()(changeEvent(), contextIn(MEMBER));
    expect(result).toEqual({ evaluations: 1, putEvaluationsCalls: 1 });
    expect(stsMock.commandCalls(AssumeRoleCommand)).toHaveLength(0);
    expect(configMock.commandCalls(PutEvaluationsCommand)[0]!.thisValue).toBe(ownConfig);
  });

  it('does not assume a role when the Lambda context is absent (local runs)', async () => {
    await notebookHandler()(changeEvent());
    expect(stsMock.commandCalls(AssumeRoleCommand)).toHaveLength(0);
    expect(configMock.commandCalls(PutEvaluationsCommand)[0]!.thisValue).toBe(ownConfig);
  });
});

describe('the inventory clients a warm function keeps', () => {
  // An account no other test uses: what this one finds kept, it kept itself.
  const account = '444455556666';
  const first = { accessKeyId: 'ASIAFIRSTROLE0000001', secretAccessKey: 'first' };
  const second = { accessKeyId: 'ASIASECONDROLE000002', secretAccessKey: 'second' };
  const contextWith = (clientOptions?: ClientOptions) => ({ params: {}, accountId: account, clientOptions });

  it('reuses a client for the same account and credentials, and builds another for other credentials or a Region', async () => {
    const kept = sagemakerOf(contextWith({ credentials: first }));
    expect(sagemakerOf(contextWith({ credentials: first }))).toBe(kept);
    const other = sagemakerOf(contextWith({ credentials: second }));
    expect(other).not.toBe(kept);
    expect(await other.config.credentials()).toMatchObject({ accessKeyId: second.accessKeyId });
    expect(sagemakerOf(contextWith({ credentials: second }))).toBe(other);
    expect(sagemakerOf(contextWith({ credentials: second, region: 'eu-west-1' }))).not.toBe(other);
    expect(sagemakerOf({ ...contextWith({ credentials: second }), accountId: '555566667777' })).not.toBe(other);

    const tagging = taggingOf(contextWith({ credentials: first }));
    expect(taggingOf(contextWith({ credentials: first }))).toBe(tagging);
    const otherTagging = taggingOf(contextWith({ credentials: second }));
    expect(otherTagging).not.toBe(tagging);
    expect(await otherTagging.config.credentials()).toMatchObject({ accessKeyId: second.accessKeyId });
  });

  it('keeps a client per stream of calls (lane), each with its own adaptive rate limiter; a given client serves every lane', async () => {
    const options = { credentials: first, retryMode: 'adaptive' as const };
    const main = sagemakerOf(contextWith(options));
    const schedules = sagemakerOf(contextWith(options), 'schedules');
    expect(schedules).not.toBe(main);
    expect(sagemakerOf(contextWith(options), 'schedules')).toBe(schedules);
    expect(sagemakerOf(contextWith(options), 'main')).toBe(main);
    // Each client's strategy, and so its rate limiter, is its own: a throttle slows one lane.
    const [a, b] = await Promise.all([main.config.retryStrategy(), schedules.config.retryStrategy()]);
    expect((a as { mode?: string }).mode).toBe('adaptive');
    expect(a).not.toBe(b);
    const given = new SageMakerClient({ region: 'us-east-1' });
    expect(sagemakerOf({ ...contextWith(options), sagemaker: given }, 'search')).toBe(given);
  });

  it('compares options field by field, whichever side has a field the other lacks', () => {
    const kept = new Map<string, KeptClient<object>>();
    const make = () => ({});
    const none = keptClient(kept, 'k', undefined, make);
    expect(keptClient(kept, 'k', {}, make)).toBe(none);
    const three = keptClient(kept, 'k', { maxAttempts: 3 }, make);
    expect(three).not.toBe(none);
    expect(keptClient(kept, 'k', { maxAttempts: 3 }, make)).toBe(three);
    expect(keptClient(kept, 'k', undefined, make)).not.toBe(three);
    expect(keptClient(kept, 'other', undefined, make)).not.toBe(keptClient(kept, 'k', undefined, make));
  });
});
