// What every inventory adapter test sets up: a SageMaker client whose `send` is mocked, a Tagging
// API client serving the test's tagged resources (and ListTags serving them too, with
// `serveTags`), a fixed clock, and the adapter context built from them (the same shape the periodic Lambda run and `scan` pass). The mocks are reset before each test.
import { ListTagsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach } from 'vitest';
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
  return { client, sagemaker, tagging, context, serveTags };
}
