// `ml-config-rules scan` end to end against a real local AWS emulator (moto): one ML pipeline's
// resources are created through the SDK, then the command runs as a user runs it (its own
// process, AWS_ENDPOINT_URL, dummy credentials) and every verdict is checked, in table, JSON
// and JUnit output.
//
// What moto 5.2 cannot do, found by trying, and where this suite covers it instead:
// - It has no configuration recorder behaviour: ListDiscoveredResources/BatchGetResourceConfig
//   know S3 buckets only, their items lack BucketVersioningConfiguration, encryption and Object
//   Lock, and their timestamps are strings the JavaScript SDK cannot parse ("Expected real
//   number"). So here the account has no recorder and recorded types come from the direct
//   adapters (what `scan` does without a recorder); the recorder path is covered with client
//   mocks in test/live-config-mocks.test.ts.
// - CreateModel drops EnableNetworkIsolation (DescribeModel always says false), so both seeded
//   models are NON_COMPLIANT for sagemaker-model-network-isolation.
// - DescribeNotebookInstance has no PlatformIdentifier.
// - ListMonitoringSchedules, ListFeatureGroups, ListInferenceExperiments and
//   ListNotebookInstanceLifecycleConfigs are not implemented (HTTP 500): the rules that need them
//   are reported as failed runs, never as verdicts (checked below).
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { SEEDED as S, seededMoto } from '../support/seed.js';

const C = 'COMPLIANT';
const N = 'NON_COMPLIANT';
const NA = 'NOT_APPLICABLE';
const EC = 'AWS::SageMaker::EndpointConfig';
const MODEL = 'AWS::SageMaker::Model';
const NB = 'AWS::SageMaker::NotebookInstance';
const EP = 'AWS::SageMaker::Endpoint';
const TJ = 'AWS::SageMaker::TrainingJob';
const B = 'AWS::S3::Bucket';

/** rule → [type, id, verdict] for every seeded resource the rule checks. */
const EXPECTED: Record<string, [string, string, string][]> = {
  'sagemaker-endpoint-config-kms-key': [
    [EC, S.endpointConfigs.good, C],
    [EC, S.endpointConfigs.bad, N],
    [EC, S.endpointConfigs.serverless, NA],
  ],
  'sagemaker-endpoint-config-data-capture': [
    [EC, S.endpointConfigs.good, C],
    [EC, S.endpointConfigs.bad, N],
    [EC, S.endpointConfigs.serverless, NA],
  ],
  'sagemaker-endpoint-config-prod-instance-count': [
    [EC, S.endpointConfigs.good, C],
    [EC, S.endpointConfigs.bad, N],
    [EC, S.endpointConfigs.serverless, NA],
  ],
  'sagemaker-model-in-vpc': [
    [MODEL, S.models.good, C],
    [MODEL, S.models.bad, N],
  ],
  // A lookup: each model's artifact bucket, read through the S3 API.
  'sagemaker-model-artifact-versioned-bucket': [
    [MODEL, S.models.good, C],
    [MODEL, S.models.bad, N],
  ],
  'sagemaker-model-private-registry': [
    [MODEL, S.models.good, C],
    [MODEL, S.models.bad, N],
  ],
  // moto drops EnableNetworkIsolation: see the header.
  'sagemaker-model-network-isolation': [
    [MODEL, S.models.good, N],
    [MODEL, S.models.bad, N],
  ],
  'sagemaker-notebook-no-direct-internet': [
    [NB, S.notebooks.good, C],
    [NB, S.notebooks.bad, N],
  ],
  'sagemaker-notebook-kms-key': [
    [NB, S.notebooks.good, C],
    [NB, S.notebooks.bad, N],
  ],
  'sagemaker-notebook-root-access-disabled': [
    [NB, S.notebooks.good, C],
    [NB, S.notebooks.bad, N],
  ],
  'sagemaker-training-job-volume-kms': [
    [TJ, S.trainingJobs.good, C],
    [TJ, S.trainingJobs.bad, N],
  ],
  'sagemaker-training-job-output-kms': [
    [TJ, S.trainingJobs.good, C],
    [TJ, S.trainingJobs.bad, N],
  ],
  'sagemaker-pipeline-tagged': [],
  's3-bucket-versioning-enabled': [
    [B, S.buckets.good, C],
    [B, S.buckets.bad, N],
  ],
  's3-bucket-kms-encryption': [
    [B, S.buckets.good, C],
    [B, S.buckets.bad, N],
  ],
  's3-bucket-public-access-blocked': [
    [B, S.buckets.good, C],
    [B, S.buckets.bad, N],
  ],
  's3-bucket-ssl-requests-only': [
    [B, S.buckets.good, C],
    [B, S.buckets.bad, N],
  ],
  's3-bucket-object-lock': [
    [B, S.buckets.good, C],
    [B, S.buckets.bad, N],
  ],
};
const RULES = Object.keys(EXPECTED);
const ruleArgs = RULES.flatMap((r) => ['--rule', r]);
const expectedRows = Object.entries(EXPECTED).flatMap(([rule, rows]) => rows.map(([type, id, verdict]) => ({ rule, type, id, verdict })));

const emulator = seededMoto();

describe('scan against the local emulator', () => {
  it('gives the expected verdict for every seeded resource (JSON)', async () => {
    const run = await runCli(['scan', ...ruleArgs, '--format', 'json'], emulator().env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const results = JSON.parse(run.stdout) as Record<string, string>[];
    for (const r of results) {
      expect(Object.keys(r).sort()).toEqual(expect.arrayContaining(['rule', 'ComplianceResourceType', 'ComplianceResourceId', 'ComplianceType']));
      expect(Object.keys(r).every((k) => ['rule', 'ComplianceResourceType', 'ComplianceResourceId', 'ComplianceType', 'Annotation'].includes(k))).toBe(true);
    }
    const got = results.map((r) => `${r.rule} ${r.ComplianceResourceType} ${r.ComplianceResourceId} ${r.ComplianceType}`).sort();
    const want = expectedRows.map((e) => `${e.rule} ${e.type} ${e.id} ${e.verdict}`).sort();
    expect(got).toEqual(want);
    // Every NON_COMPLIANT names the field and the value it found.
    const notVersioned = results.find((r) => r.rule === 'sagemaker-model-artifact-versioned-bucket' && r.ComplianceType === N);
    expect(notVersioned?.Annotation).toBe(`PrimaryContainer.ModelDataUrl bucket ${S.buckets.bad} has BucketVersioningConfiguration.status Off`);
    expect(results.find((r) => r.rule === 'sagemaker-endpoint-config-kms-key' && r.ComplianceType === N)?.Annotation).toBe('KmsKeyId is not set');
  });

  it('prints a table of verdicts and a summary per rule, with no progress bar off a terminal', async () => {
    // Wide enough for one line per row (at the default 80 columns the cells wrap).
    const run = await runCli(['scan', ...ruleArgs], { ...emulator().env, COLUMNS: '300' });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    for (const e of expectedRows) {
      expect(lines.some((l) => l.includes(` ${e.rule} `) && l.includes(` ${e.id} `) && l.includes(` ${e.verdict} `))).toBe(true);
    }
    // Summary: source, resources, compliant, non-compliant, not applicable.
    expect(lines.find((l) => /│ sagemaker-endpoint-config-kms-key\s+│ SageMaker API/.test(l))).toMatch(/│ 3\s+│ 1\s+│ 1\s+│ 1\s+│/);
    expect(lines.find((l) => /│ s3-bucket-versioning-enabled\s+│ S3 API/.test(l))).toMatch(/│ 2\s+│ 1\s+│ 1\s+│ 0\s+│/);
    expect(lines.find((l) => /│ sagemaker-pipeline-tagged\s+│/.test(l))).toMatch(/│ 0\s+│ 0\s+│ 0\s+│ 0\s+│/);
    const total = expectedRows.length;
    const nc = expectedRows.filter((e) => e.verdict === N).length;
    expect(run.stdout).toContain(`${total} evaluations by ${RULES.length} rules in account 123456789012, us-east-1: ${nc} non-compliant`);
  });

  it('writes JUnit XML: a test case per rule × resource, NON_COMPLIANT as failure, NOT_APPLICABLE as skipped', async () => {
    const run = await runCli(['scan', ...ruleArgs, '--format', 'junit'], emulator().env);
    expect(run.code).toBe(0);
    const xml = run.stdout;
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    const root = /<testsuites ([^>]*)>/.exec(xml)![1]!;
    const attr = (s: string, name: string) => Number(new RegExp(`${name}="(\\d+)"`).exec(s)![1]);
    expect(attr(root, 'tests')).toBe(expectedRows.length);
    expect(attr(root, 'failures')).toBe(expectedRows.filter((e) => e.verdict === N).length);
    expect(attr(root, 'skipped')).toBe(expectedRows.filter((e) => e.verdict === NA).length);
    expect(attr(root, 'errors')).toBe(0);
    expect((xml.match(/<testsuite /g) ?? []).length).toBe(RULES.length);
    expect((xml.match(/<testcase /g) ?? []).length).toBe(expectedRows.length);
    expect(xml).toContain(
      `<testcase classname="sagemaker-endpoint-config-kms-key" name="${EC} ${S.endpointConfigs.bad}" time="0">\n      <failure type="NON_COMPLIANT" message="KmsKeyId is not set">KmsKeyId is not set</failure>`,
    );
    expect(xml).toContain(`name="${EC} ${S.endpointConfigs.serverless}" time="0">\n      <skipped message="every production variant is serverless"/>`);
    expect(xml).toContain(`<testcase classname="s3-bucket-versioning-enabled" name="${B} ${S.buckets.good}" time="0"/>`);
  });

  it('exits 1 with --fail-on non-compliant when a resource is NON_COMPLIANT, 0 when none is', async () => {
    const failing = await runCli(['scan', '--rule', 's3-bucket-versioning-enabled', '--fail-on', 'non-compliant', '--format', 'json'], emulator().env);
    expect(failing.code).toBe(1);
    expect(JSON.parse(failing.stdout)).toHaveLength(2);
    const passing = await runCli(['scan', '--rule', 'sagemaker-pipeline-tagged', '--fail-on', 'non-compliant'], emulator().env);
    expect(passing.code).toBe(0);
  });

  it('reports a rule whose API the endpoint lacks as a failed run on stderr, never as a verdict', async () => {
    // The endpoint adapter attaches ListMonitoringSchedules, which moto does not implement.
    const run = await runCli(['scan', '--rule', 'sagemaker-endpoint-monitoring-scheduled', '--rule', 'sagemaker-endpoint-config-kms-key', '--format', 'json'], emulator().env);
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout) as Record<string, string>[];
    expect(results.every((r) => r.rule === 'sagemaker-endpoint-config-kms-key')).toBe(true);
    expect(results).toHaveLength(3);
    expect(run.stderr).toMatch(/^ml-config-rules: rule sagemaker-endpoint-monitoring-scheduled \(us-east-1\) failed: .*ListMonitoringSchedules/m);
    expect(results.some((r) => r.ComplianceResourceType === EP)).toBe(false);
  });

  it('refuses an unknown rule id with one line and exit 2', async () => {
    const run = await runCli(['scan', '--rule', 'no-such-rule'], emulator().env);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^ml-config-rules: unknown rule "no-such-rule"/)]);
  });
});
