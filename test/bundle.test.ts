// The esbuild bundle of one rule, run in a fresh Node process as Lambda would run it: require the
// file, call `handler` with a real Config event, and see PutEvaluations arrive at a Config endpoint.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ruleById } from '../rules/index.js';
import { buildRule } from '../scripts/build.js';
import { fakeAwsEnv, startFakeConfigEndpoint, type FakeConfigEndpoint } from './support/fake-config-endpoint.js';
import { fixtureEvent } from './support/fixtures.js';

const run = promisify(execFile);
let outDir: string;
let endpoint: FakeConfigEndpoint;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'ml-config-rules-bundle-'));
  endpoint = await startFakeConfigEndpoint(() => ({ status: 200, body: { FailedEvaluations: [] } }));
});
afterAll(async () => {
  await endpoint.close();
  rmSync(outDir, { recursive: true, force: true });
});

it('runs the bundled handler of a rule in a fresh Node process', async () => {
  const built = await buildRule(ruleById('sagemaker-notebook-no-direct-internet')!, { outDir });
  // The Lambda runtime loads index.js and calls exports.handler(event, context).
  const script = `
    const { handler } = require(process.argv[1]);
    const event = JSON.parse(require('node:fs').readFileSync(process.argv[2], 'utf8'));
    handler(event, { invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:ml-sagemaker-notebook-no-direct-internet' })
      .then((r) => console.log('RESULT ' + JSON.stringify(r)))
      .catch((e) => { console.error(e); process.exit(1); });`;
  const eventFile = join(outDir, 'event.json');
  writeFileSync(eventFile, JSON.stringify(fixtureEvent('sagemaker-notebook-no-direct-internet', 'non-compliant.enabled.json')));
  const { stdout } = await run(process.execPath, ['-e', script, built.file, eventFile], {
    env: { PATH: process.env.PATH, ...fakeAwsEnv(endpoint.url), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  const lines = stdout.trim().split('\n');
  expect(JSON.parse(lines.at(-1)!.replace(/^RESULT /, ''))).toEqual({ evaluations: 1, putEvaluationsCalls: 1 });
  // The structured log line Lambda users read in CloudWatch.
  expect(JSON.parse(lines[0]!)).toMatchObject({ rule: 'sagemaker-notebook-no-direct-internet', resourceId: 'churn-explore', complianceType: 'NON_COMPLIANT' });
  expect(endpoint.calls).toHaveLength(1);
  expect(endpoint.calls[0]!.operation).toBe('PutEvaluations');
  expect(endpoint.calls[0]!.body).toMatchObject({
    TestMode: false,
    Evaluations: [
      {
        ComplianceResourceType: 'AWS::SageMaker::NotebookInstance',
        ComplianceResourceId: 'churn-explore',
        ComplianceType: 'NON_COMPLIANT',
        Annotation: 'DirectInternetAccess is Enabled',
      },
    ],
  });
  expect(new Date(endpoint.calls[0]!.body.Evaluations[0].OrderingTimestamp * 1000).toISOString()).toBe('2026-11-20T09:14:03.512Z');
}, 60_000);
