// What every inventory adapter test sets up: a SageMaker client whose `send` is mocked, a Tagging
// API client serving the test's tagged resources (and ListTags serving them too, with
// `serveTags`), a fixed clock, and the adapter context built from them (the same shape the periodic
// Lambda run and `scan` pass). The mocks are reset before each test. Beside them: the IAM actions
// the calls made amount to (`calledActions`, against an adapter's declared `actions`), and a
// rule's scheduled run through Config's sources with these clients (`runScheduled`).
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { ListTagsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach } from 'vitest';
import { configSources } from '../../rules/_core/config-sources.js';
import { evaluateEvent } from '../../rules/_core/engine.js';
import { parseEvent } from '../../rules/_core/event.js';
import type { Rule } from '../../rules/_core/rule.js';
import { inventoryLoaders } from '../../rules/_inventory/index.js';
import { listTagsFrom, mockTagging, type ServeOptions, type TaggedResource } from './tagging.js';

export const ACCOUNT = '123456789012';
export const NOW = new Date('2026-11-20T06:00:12.904Z');

export function inventoryTestbed(options: { now?: Date } = {}) {
  const now = options.now ?? NOW;
  const client = new SageMakerClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const sagemaker = mockClient(client);
  const tagging = mockTagging();
  /** The adapter context: no parameters, this account, the mocked clients and the fixed clock. */
  const context = (extra: Record<string, unknown> = {}) => ({
    params: {},
    accountId: ACCOUNT,
    sagemaker: client,
    tagging: tagging.client,
    now,
    ...extra,
  });
  /** Serve these resources' tags both ways: GetResources (with the options' gaps) and ListTags (all). */
  const serveTags = (resources: () => TaggedResource[], options: ServeOptions = {}) => {
    tagging.serve(resources, options);
    sagemaker.on(ListTagsCommand).callsFake(listTagsFrom(resources));
  };
  // Every test starts from mocks with no answers and no recorded calls.
  beforeEach(() => {
    sagemaker.reset();
    tagging.mock.reset();
    tagging.inputs.length = 0;
  });
  /** The calls made so far, as the IAM actions they need (`sagemaker:ListTags`, `tag:GetResources`), sorted. */
  const calledActions = (): string[] => {
    const action = (service: string, call: { args: readonly unknown[] }) =>
      `${service}:${(call.args[0] as object).constructor.name.replace(/Command$/, '')}`;
    const called = new Set(sagemaker.calls().map((c) => action('sagemaker', c)));
    for (const c of tagging.mock.calls()) called.add(action('tag', c));
    return [...called].sort();
  };
  /**
   * A rule's scheduled run, as Lambda does it: Config's ScheduledNotification, items listed by the
   * inventory adapter with these clients. Config itself is a mock that answers nothing:
   * `configCalls` says whether the run asked it anything.
   */
  const runScheduled = async (rule: Rule, ruleParameters: Record<string, string> = {}) => {
    const config = new ConfigServiceClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const configMock = mockClient(config);
    const event = parseEvent({
      invokingEvent: JSON.stringify({
        awsAccountId: ACCOUNT,
        notificationCreationTime: '2026-11-20T06:00:00.412Z',
        messageType: 'ScheduledNotification',
        recordVersion: '1.0',
      }),
      ruleParameters: JSON.stringify(ruleParameters),
      resultToken: 'TESTMODE',
      configRuleName: `ml-${rule.id}`,
      accountId: ACCOUNT,
    });
    const sources = configSources({
      config,
      inventory: inventoryLoaders,
      inventoryContext: { sagemaker: client, tagging: tagging.client, now },
    });
    const { evaluations } = await evaluateEvent(rule, event, sources);
    return { evaluations, configCalls: configMock.calls().length };
  };
  return { client, sagemaker, tagging, context, serveTags, calledActions, runScheduled };
}
