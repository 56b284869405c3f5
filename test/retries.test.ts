// Throttling goes through the real SDK retry stack, so it is tested against a loopback endpoint.
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { afterEach, expect, it, vi } from 'vitest';
import { clientConfig } from '../rules/_core/clients.js';
import { makeHandler } from '../rules/_core/handler.js';
import { ruleById } from '../rules/index.js';
import { fakeAwsEnv, startFakeConfigEndpoint, type FakeConfigEndpoint } from './support/fake-config-endpoint.js';
import { fixtureEvent } from './support/fixtures.js';

let endpoint: FakeConfigEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  vi.restoreAllMocks();
});

const throttled = { status: 400, body: { __type: 'ThrottlingException', message: 'Rate exceeded' } };

it('retries a throttled PutEvaluations and then succeeds', async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  endpoint = await startFakeConfigEndpoint((_op, _body, i) =>
    i < 2 ? throttled : { status: 200, body: { FailedEvaluations: [] } },
  );
  const env = fakeAwsEnv(endpoint.url);
  const config = new ConfigServiceClient({
    ...clientConfig({ region: env.AWS_REGION }),
    endpoint: endpoint.url,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
  });
  const handler = makeHandler(ruleById('sagemaker-notebook-no-direct-internet')!, { config });
  const result = await handler(fixtureEvent('sagemaker-notebook-no-direct-internet', 'non-compliant.enabled.json'));
  expect(result.putEvaluationsCalls).toBe(1);
  expect(endpoint.calls.map((c) => c.operation)).toEqual(['PutEvaluations', 'PutEvaluations', 'PutEvaluations']);
  // The retried request carries the same evaluation.
  expect(endpoint.calls[2]!.body.Evaluations[0]).toMatchObject({
    ComplianceResourceId: 'churn-explore',
    ComplianceType: 'NON_COMPLIANT',
  });
});

it('gives up after maxAttempts and fails the invocation', async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  endpoint = await startFakeConfigEndpoint(() => throttled);
  const env = fakeAwsEnv(endpoint.url);
  const config = new ConfigServiceClient({
    ...clientConfig({ region: env.AWS_REGION, maxAttempts: 2 }),
    endpoint: endpoint.url,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
  });
  const handler = makeHandler(ruleById('sagemaker-notebook-no-direct-internet')!, { config });
  await expect(
    handler(fixtureEvent('sagemaker-notebook-no-direct-internet', 'non-compliant.enabled.json')),
  ).rejects.toThrow(/Rate exceeded/);
  expect(endpoint.calls).toHaveLength(2);
});

it('raises maxAttempts above the SDK default of 3', () => {
  expect(clientConfig().maxAttempts).toBeGreaterThan(3);
  expect(clientConfig().retryMode).toBe('standard');
});
