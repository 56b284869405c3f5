// The esbuild bundle of one rule, run in a fresh Node process as Lambda would run it: require the
// file, call `handler` with a real Config event, and see PutEvaluations arrive at a Config endpoint.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ruleById } from '../rules/index.js';
import { buildRule, DIST } from '../scripts/build.js';
import {
  fakeAwsEnv,
  refusingConfig,
  startFakeConfigEndpoint,
  type FakeConfigEndpoint,
} from './support/fake-config-endpoint.js';
import { fixtureEvent, fixturePath } from './support/fixtures.js';

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
  writeFileSync(
    eventFile,
    JSON.stringify(fixtureEvent('sagemaker-notebook-no-direct-internet', 'non-compliant.enabled.json')),
  );
  const { stdout } = await run(process.execPath, ['-e', script, built.file, eventFile], {
    env: {
      PATH: process.env.PATH,
      ...fakeAwsEnv(endpoint.url),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });
  const lines = stdout.trim().split('\n');
  expect(JSON.parse(lines.at(-1)!.replace(/^RESULT /, ''))).toEqual({ evaluations: 1, putEvaluationsCalls: 1 });
  // The structured log line Lambda users read in CloudWatch.
  expect(JSON.parse(lines[0]!)).toMatchObject({
    rule: 'sagemaker-notebook-no-direct-internet',
    resourceId: 'churn-explore',
    complianceType: 'NON_COMPLIANT',
  });
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
  expect(new Date(endpoint.calls[0]!.body.Evaluations[0].OrderingTimestamp * 1000).toISOString()).toBe(
    '2026-11-20T09:14:03.512Z',
  );
}, 60_000);

// SageMaker's answers for two endpoints, one tagged, as the JSON 1.1 protocol carries them.
const ENDPOINTS = ['fraud-scorer', 'churn-scorer'];
const arnOf = (name: string) => `arn:aws:sagemaker:us-east-1:123456789012:endpoint/${name}`;
const sagemakerAnswers = {
  ListEndpoints: () => ({
    Endpoints: ENDPOINTS.map((EndpointName) => ({
      EndpointName,
      EndpointArn: arnOf(EndpointName),
      CreationTime: 1_790_000_000,
      LastModifiedTime: 1_790_000_600,
      EndpointStatus: 'InService',
    })),
  }),
  ListMonitoringSchedules: () => ({ MonitoringScheduleSummaries: [] }),
  DescribeEndpoint: (body: any) => ({
    EndpointName: body.EndpointName,
    EndpointArn: arnOf(body.EndpointName),
    EndpointConfigName: `${body.EndpointName}-ec`,
    EndpointStatus: 'InService',
    CreationTime: 1_790_000_000,
    LastModifiedTime: 1_790_000_600,
  }),
  ListTags: (body: any) => ({
    Tags: String(body.ResourceArn).endsWith('churn-scorer') ? [{ Key: 'ml-pipeline', Value: 'churn' }] : [],
  }),
  // The Tagging API lists tagged resources only: the untagged endpoint is absent.
  GetResources: () => ({
    PaginationToken: '',
    ResourceTagMappingList: [{ ResourceARN: arnOf('churn-scorer'), Tags: [{ Key: 'ml-pipeline', Value: 'churn' }] }],
  }),
};

it('falls back to the account summary when Config refuses the type: the bundle in dist/, required in a fresh Node process', async () => {
  const refusing = await startFakeConfigEndpoint(
    refusingConfig({
      refusedType: 'AWS::SageMaker::Endpoint',
      previous: [{ resourceType: 'AWS::SageMaker::Endpoint', resourceId: 'retired-scorer' }],
      others: sagemakerAnswers,
    }),
  );
  try {
    // Built where `npm run build` and `pulumi up` put it: inside the repository, whose package.json says "type": "module".
    const built = await buildRule(ruleById('sagemaker-endpoint-tagged')!, { outDir: DIST });
    // Two invocations in one process, as two runs in one warm Lambda container.
    const script = `
      const { handler } = require(process.argv[1]);
      const event = JSON.parse(require('node:fs').readFileSync(process.argv[2], 'utf8'));
      const context = { invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:ml-config-sagemaker-endpoint-tagged' };
      (async () => {
        for (let run = 0; run < 2; run++) console.log('RESULT ' + JSON.stringify(await handler(event, context)));
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const { stdout } = await run(
      process.execPath,
      ['-e', script, built.file, fixturePath('_events', 'scheduled.json')],
      {
        cwd: join(DIST, '..'),
        env: {
          PATH: process.env.PATH,
          ...fakeAwsEnv(refusing.url),
          AWS_ENDPOINT_URL: '',
          AWS_ENDPOINT_URL_CONFIG_SERVICE: refusing.url,
          AWS_ENDPOINT_URL_SAGEMAKER: refusing.url,
          AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API: refusing.url,
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
      },
    );
    const lines = stdout.trim().split('\n');
    const results = lines.filter((l) => l.startsWith('RESULT ')).map((l) => JSON.parse(l.slice(7)));
    expect(results).toEqual([
      { evaluations: 1, putEvaluationsCalls: 1 },
      { evaluations: 1, putEvaluationsCalls: 1 },
    ]);
    const logs = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    // The refused type is logged once for the container; the untagged endpoint's verdict on every run.
    expect(logs.filter((l) => l.refusedType)).toEqual([
      expect.objectContaining({ level: 'warn', refusedType: 'AWS::SageMaker::Endpoint' }),
    ]);
    expect(logs.filter((l) => l.resourceId === 'fraud-scorer').map((l) => l.complianceType)).toEqual([
      'NON_COMPLIANT',
      'NON_COMPLIANT',
    ]);

    const puts = refusing.calls.filter((c) => c.operation === 'PutEvaluations').map((c) => c.body.Evaluations);
    // Run 1: the endpoints and the clean-up of retired-scorer, refused; then the summary. Run 2: the summary at once.
    expect(
      puts.map((batch: any[]) =>
        batch.map((e) => `${e.ComplianceResourceType} ${e.ComplianceResourceId} ${e.ComplianceType}`).sort(),
      ),
    ).toEqual([
      [
        'AWS::SageMaker::Endpoint churn-scorer COMPLIANT',
        'AWS::SageMaker::Endpoint fraud-scorer NON_COMPLIANT',
        'AWS::SageMaker::Endpoint retired-scorer NOT_APPLICABLE',
      ],
      ['AWS::::Account 123456789012 NON_COMPLIANT'],
      ['AWS::::Account 123456789012 NON_COMPLIANT'],
    ]);
    expect(puts[1][0].Annotation).toBe('1 of 2 endpoints: fraud-scorer');
    expect(new Date(puts[1][0].OrderingTimestamp * 1000).toISOString()).toBe('2026-11-21T00:05:11.842Z');
    expect(refusing.calls.filter((c) => c.service === 'SageMaker').length).toBeGreaterThan(0);
  } finally {
    await refusing.close();
  }
}, 60_000);
