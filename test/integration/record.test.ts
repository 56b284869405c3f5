// `ml-config-rules record` against the local emulator (moto), in an account whose id is not the
// documentation one, so the scrub shows: the written fixture names account 123456789012 only,
// no e-mail address survives, and `ml-config-rules test` passes on it.
//
// moto keeps no Config items of SageMaker resources (GetResourceConfigHistory answers
// ResourceNotDiscoveredException), so recorded types come through the direct adapters here, as
// they do in an account without a recorder. Recording from Config itself (API form) and a
// rule's lookups are covered with client mocks in test/live-config-mocks.test.ts: moto's own
// Config items have timestamps the JavaScript SDK cannot parse.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { motoInstalled, startMoto, type Moto } from '../support/moto.js';
import { runCli } from '../support/run-cli.js';
import { KMS_KEY, SEEDED, seedChurnPipeline } from '../support/seed.js';

const ACCOUNT = '210987654321';
let moto: Moto;
let dir: string;

beforeAll(async () => {
  if (!motoInstalled()) throw new Error('moto_server is not installed (pip install "moto[server]")');
  moto = await startMoto({ accountId: ACCOUNT });
  await seedChurnPipeline(moto.env, ACCOUNT);
  dir = mkdtempSync(join(tmpdir(), 'record-'));
});

afterAll(async () => {
  await moto?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const record = (...args: string[]) => runCli(['record', ...args, '--dir', dir], moto.env);
const testFixtures = (rule: string) => runCli(['test', '--rule', rule, '--fixtures', dir, '--format', 'json']);

describe('record against the local emulator', () => {
  it('writes a scrubbed fixture that `ml-config-rules test` passes', async () => {
    const rule = 'sagemaker-notebook-no-direct-internet';
    const run = await record(
      'AWS::SageMaker::NotebookInstance',
      SEEDED.notebooks.bad,
      '--rule',
      rule,
      '--as',
      'non-compliant.direct-internet',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^wrote .*non-compliant\.direct-internet\.json \(NON_COMPLIANT: DirectInternetAccess is Enabled\)/,
    );
    expect(run.stdout).toContain('scrubbed 1 account id and 1 e-mail address');

    const text = readFileSync(join(dir, rule, 'non-compliant.direct-internet.json'), 'utf8');
    expect(text).not.toContain(ACCOUNT);
    expect(text).not.toMatch(/example\.org/);
    const item = JSON.parse(text);
    expect(item.awsAccountId).toBe('123456789012');
    expect(item.ARN).toBe(`arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/${SEEDED.notebooks.bad}`);
    expect(item.configuration.RoleArn).toMatch(/^arn:aws:iam::123456789012:role\//);
    expect(item.tags.owner).toBe('user1@example.com');
    expect(item.configuration.Tags).toEqual([{ Key: 'owner', Value: 'user1@example.com' }]);

    const tested = await testFixtures(rule);
    expect(tested.code).toBe(0);
    expect(JSON.parse(tested.stdout)).toEqual([
      expect.objectContaining({ fixture: 'non-compliant.direct-internet.json', expected: 'NON_COMPLIANT', ok: true }),
    ]);
  });

  it('scrubs the parameters with the item and keeps them in _params.json', async () => {
    const rule = 'sagemaker-endpoint-config-kms-key';
    const params = JSON.stringify({ kmsKeyArns: KMS_KEY(ACCOUNT) });
    const run = await record(
      'AWS::SageMaker::EndpointConfig',
      SEEDED.endpointConfigs.good,
      '--rule',
      rule,
      '--as',
      'compliant.allowed-key',
      '--params',
      params,
    );
    expect(run.code).toBe(0);
    const saved = JSON.parse(readFileSync(join(dir, rule, '_params.json'), 'utf8'));
    expect(saved).toEqual({ 'compliant.allowed-key.json': { kmsKeyArns: KMS_KEY('123456789012') } });
    expect(JSON.parse(readFileSync(join(dir, rule, 'compliant.allowed-key.json'), 'utf8')).configuration.KmsKeyId).toBe(
      KMS_KEY('123456789012'),
    );
    const tested = await testFixtures(rule);
    expect(JSON.parse(tested.stdout)).toEqual([expect.objectContaining({ ok: true, actual: 'COMPLIANT' })]);
  });

  it("records an inventory rule's item as its adapter lists it", async () => {
    const rule = 'sagemaker-training-job-output-kms';
    const run = await record(
      'AWS::SageMaker::TrainingJob',
      SEEDED.trainingJobs.bad,
      '--rule',
      rule,
      '--as',
      'non-compliant.no-output-key',
    );
    expect(run.code).toBe(0);
    const item = JSON.parse(readFileSync(join(dir, rule, 'non-compliant.no-output-key.json'), 'utf8'));
    // The DescribeTrainingJob output, as the inventory adapter gives it to the rule.
    expect(item.configuration.TrainingJobArn).toBe(
      `arn:aws:sagemaker:us-east-1:123456789012:training-job/${SEEDED.trainingJobs.bad}`,
    );
    expect(item.configuration.OutputDataConfig).toEqual({
      S3OutputPath: `s3://${SEEDED.buckets.good}/training-output`,
    });
    expect((await testFixtures(rule)).code).toBe(0);
  });

  it('refuses a name whose verdict the rule does not give, and says which one it gives', async () => {
    const run = await record(
      'AWS::SageMaker::NotebookInstance',
      SEEDED.notebooks.good,
      '--rule',
      'sagemaker-notebook-kms-key',
      '--as',
      'non-compliant.no-key',
    );
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      `ml-config-rules: rule sagemaker-notebook-kms-key gives COMPLIANT for AWS::SageMaker::NotebookInstance ${SEEDED.notebooks.good}, not NON_COMPLIANT: record it --as compliant.no-key`,
    );
    expect(existsSync(join(dir, 'sagemaker-notebook-kms-key', 'non-compliant.no-key.json'))).toBe(false);
  });

  it('refuses to overwrite a fixture without --force, a bad --as and an unknown resource', async () => {
    const args = [
      'AWS::SageMaker::NotebookInstance',
      SEEDED.notebooks.bad,
      '--rule',
      'sagemaker-notebook-no-direct-internet',
    ];
    const again = await record(...args, '--as', 'non-compliant.direct-internet');
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/non-compliant\.direct-internet\.json exists \(pass --force to replace it\)/);
    expect((await record(...args, '--as', 'non-compliant.direct-internet', '--force')).code).toBe(0);
    const badName = await record(...args, '--as', 'failing.Direct Internet');
    expect(badName.code).toBe(2);
    expect(badName.stderr).toMatch(/--as failing\.Direct Internet: expected VERDICT\.CASE/);
    const missing = await record(
      'AWS::SageMaker::NotebookInstance',
      'no-such-notebook',
      '--rule',
      'sagemaker-notebook-no-direct-internet',
      '--as',
      'compliant.x',
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe(
      'ml-config-rules: AWS::SageMaker::NotebookInstance no-such-notebook not found in us-east-1 (neither AWS Config nor the service API knows it)',
    );
    // Four runs of the command, one after another: more than the default 30 s on a loaded machine.
  }, 90_000);
});
