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
//   ListNotebookInstanceLifecycleConfigs are not implemented (an HTML page with HTTP 500): the
//   rules that need them are reported as failed runs, one line each, never as verdicts; every
//   other rule's results stand (checked below).
// - Its Tagging API fails (HTTP 500) for endpoint configurations: their tags are read with
//   ListTags instead, as for any endpoint that does not offer the Tagging API for a type.
import { describe, expect, it } from 'vitest';
import { regionClients } from '../../cli/live-sources.js';
import { runScan } from '../../cli/scan/run.js';
import { ruleById } from '../../rules/index.js';
import { runCli } from '../support/run-cli.js';
import { SEEDED as S, seededMoto } from '../support/seed.js';

const C = 'COMPLIANT';
const N = 'NON_COMPLIANT';
const NA = 'NOT_APPLICABLE';
const EC = 'AWS::SageMaker::EndpointConfig';
const MODEL = 'AWS::SageMaker::Model';
const NB = 'AWS::SageMaker::NotebookInstance';
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
const expectedRows = Object.entries(EXPECTED).flatMap(([rule, rows]) =>
  rows.map(([type, id, verdict]) => ({ rule, type, id, verdict })),
);

const emulator = seededMoto();

describe('scan against the local emulator', () => {
  it('gives the expected verdict for every seeded resource (JSON)', async () => {
    const run = await runCli(['scan', ...ruleArgs, '--format', 'json'], emulator().env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const results = JSON.parse(run.stdout) as Record<string, string>[];
    for (const r of results) {
      expect(Object.keys(r).sort()).toEqual(
        expect.arrayContaining(['rule', 'ComplianceResourceType', 'ComplianceResourceId', 'ComplianceType']),
      );
      expect(
        Object.keys(r).every((k) =>
          [
            'rule',
            'account',
            'ComplianceResourceType',
            'ComplianceResourceId',
            'ComplianceType',
            'Annotation',
          ].includes(k),
        ),
      ).toBe(true);
      expect(r.account).toBe('123456789012');
    }
    const got = results
      .map((r) => `${r.rule} ${r.ComplianceResourceType} ${r.ComplianceResourceId} ${r.ComplianceType}`)
      .sort();
    const want = expectedRows.map((e) => `${e.rule} ${e.type} ${e.id} ${e.verdict}`).sort();
    expect(got).toEqual(want);
    // Every NON_COMPLIANT names the field and the value it found.
    const notVersioned = results.find(
      (r) => r.rule === 'sagemaker-model-artifact-versioned-bucket' && r.ComplianceType === N,
    );
    expect(notVersioned?.Annotation).toBe(
      `PrimaryContainer.ModelDataUrl bucket ${S.buckets.bad} has BucketVersioningConfiguration.status Off`,
    );
    expect(
      results.find((r) => r.rule === 'sagemaker-endpoint-config-kms-key' && r.ComplianceType === N)?.Annotation,
    ).toBe('KmsKeyId is not set');
  });

  it('prints a table of verdicts and a summary per rule, with no progress bar off a terminal', async () => {
    // Wide enough for one line per row (at the default 80 columns the cells wrap).
    const run = await runCli(['scan', ...ruleArgs, '--format', 'table'], { ...emulator().env, COLUMNS: '300' });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    for (const e of expectedRows) {
      expect(
        lines.some((l) => l.includes(` ${e.rule} `) && l.includes(` ${e.id} `) && l.includes(` ${e.verdict} `)),
      ).toBe(true);
    }
    // Summary: source, resources, compliant, non-compliant, not applicable.
    expect(lines.find((l) => /│ sagemaker-endpoint-config-kms-key\s+│ SageMaker API/.test(l))).toMatch(
      /│ 3\s+│ 1\s+│ 1\s+│ 1\s+│/,
    );
    expect(lines.find((l) => /│ s3-bucket-versioning-enabled\s+│ S3 API/.test(l))).toMatch(/│ 2\s+│ 1\s+│ 1\s+│ 0\s+│/);
    expect(lines.find((l) => /│ sagemaker-pipeline-tagged\s+│/.test(l))).toMatch(/│ 0\s+│ 0\s+│ 0\s+│ 0\s+│/);
    const total = expectedRows.length;
    const nc = expectedRows.filter((e) => e.verdict === N).length;
    expect(run.stdout).toContain(
      `${total} evaluations by ${RULES.length} rules in account 123456789012, us-east-1: ${nc} non-compliant`,
    );
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
    expect(xml).toContain(
      `name="${EC} ${S.endpointConfigs.serverless}" time="0">\n      <skipped message="every production variant is serverless"/>`,
    );
    expect(xml).toContain(
      `<testcase classname="s3-bucket-versioning-enabled" name="${B} ${S.buckets.good}" time="0"/>`,
    );
  });

  it('exits 1 with --fail-on non-compliant when a resource is NON_COMPLIANT, 0 when none is', async () => {
    const failing = await runCli(
      ['scan', '--rule', 's3-bucket-versioning-enabled', '--fail-on', 'non-compliant', '--format', 'json'],
      emulator().env,
    );
    expect(failing.code).toBe(1);
    expect(JSON.parse(failing.stdout)).toHaveLength(2);
    const passing = await runCli(
      ['scan', '--rule', 'sagemaker-pipeline-tagged', '--fail-on', 'non-compliant'],
      emulator().env,
    );
    expect(passing.code).toBe(0);
  });

  it('reports a rule whose API the endpoint lacks as a failed run on stderr, one line, never as a verdict', async () => {
    // The monitoring rule reads ListMonitoringSchedules, which moto does not implement; the tag
    // rule on the same endpoints does not, and its verdicts stand.
    const rules = [
      'sagemaker-endpoint-monitoring-scheduled',
      'sagemaker-endpoint-tagged',
      'sagemaker-endpoint-config-kms-key',
    ];
    const run = await runCli(['scan', ...rules.flatMap((r) => ['--rule', r]), '--format', 'json'], {
      ...emulator().env,
      AWS_MAX_ATTEMPTS: '8',
    });
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout) as Record<string, string>[];
    expect(results.filter((r) => r.rule === 'sagemaker-endpoint-monitoring-scheduled')).toEqual([]);
    expect(
      results
        .filter((r) => r.rule === 'sagemaker-endpoint-tagged')
        .map((r) => `${r.ComplianceResourceId} ${r.ComplianceType}`)
        .sort(),
    ).toEqual([`${S.endpoints.bad} ${N}`, `${S.endpoints.good} ${C}`]);
    expect(results.filter((r) => r.rule === 'sagemaker-endpoint-config-kms-key')).toHaveLength(3);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      'ml-config-rules: rule sagemaker-endpoint-monitoring-scheduled (us-east-1) failed: AWS::SageMaker::Endpoint monitoring schedules: ' +
        'ListMonitoringSchedules in us-east-1: not offered by this endpoint (HTTP 500, an HTML page)',
    ]);
  });

  it('scans the endpoint tag rule on its own: the listing and the tag pages, which the emulator serves', async () => {
    const run = await runCli(['scan', '--rule', 'sagemaker-endpoint-tagged', '--format', 'table'], {
      ...emulator().env,
      AWS_MAX_ATTEMPTS: '8',
      COLUMNS: '300',
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '2 evaluations by 1 rule in account 123456789012, us-east-1: 1 non-compliant, 1 compliant',
    );
  });

  it("takes the Describe output of training jobs and endpoints from the emulator's Search answer: no Describe call", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, emulator().env);
    try {
      const clients = regionClients('us-east-1');
      const calls = new Map<string, number>();
      clients.sagemaker.middlewareStack.add(
        (next, context) => (args) => {
          calls.set(context.commandName!, (calls.get(context.commandName!) ?? 0) + 1);
          return next(args);
        },
        { step: 'initialize', name: 'countCalls' },
      );
      const run = await runScan({
        rules: ['sagemaker-training-job-volume-kms', 'sagemaker-endpoint-monitoring-scheduled'].map(
          (id) => ruleById(id)!,
        ),
        regions: ['us-east-1'],
        clientsFor: () => clients,
      });
      const jobs = run.results.find((r) => r.rule === 'sagemaker-training-job-volume-kms')!;
      expect(jobs.evaluations.map((e) => [e.ComplianceResourceId, e.ComplianceType]).sort()).toEqual(
        [
          [S.trainingJobs.good, C],
          [S.trainingJobs.bad, N],
        ].sort(),
      );
      // The emulator answers Search in one page per type; the schedules' listing is what it lacks.
      expect(calls.get('SearchCommand')).toBe(2);
      expect(calls.get('DescribeTrainingJobCommand') ?? 0).toBe(0);
      expect(calls.get('DescribeEndpointCommand') ?? 0).toBe(0);
      expect(run.results.find((r) => r.rule === 'sagemaker-endpoint-monitoring-scheduled')!.error).toContain(
        'ListMonitoringSchedules',
      );
    } finally {
      process.env = saved;
    }
  });

  it('a plain scan of every rule fails only the rules whose data the emulator cannot serve, one line each', async () => {
    const run = await runCli(['scan', '--format', 'json'], { ...emulator().env, AWS_MAX_ATTEMPTS: '8' });
    expect(run.code).toBe(1);
    const failed = run.stderr.split('\n').filter((l) => l.includes(' failed: '));
    const failedRules = failed.map((l) => /rule (\S+) /.exec(l)![1]).sort();
    expect(failedRules).toEqual([
      'sagemaker-endpoint-monitoring-scheduled',
      'sagemaker-feature-group-offline-kms',
      'sagemaker-feature-group-online-kms',
      'sagemaker-inference-experiment-kms-key',
      'sagemaker-notebook-lifecycle-no-secrets',
      'sagemaker-resource-tagged',
    ]);
    // Each names an API the emulator lacks; none is a retry exhaustion or a parse error.
    for (const line of failed)
      expect(line).toMatch(
        /: (ListMonitoringSchedules|ListFeatureGroups|ListInferenceExperiments|ListNotebookInstanceLifecycleConfigs) in us-east-1: not offered by this endpoint/,
      );
    const results = JSON.parse(run.stdout) as Record<string, string>[];
    for (const e of expectedRows)
      expect(results).toContainEqual(
        expect.objectContaining({ rule: e.rule, ComplianceResourceId: e.id, ComplianceType: e.verdict }),
      );
  });

  it("applies --tag as the scope tag, and --params as the deploy's parameters", async () => {
    const scoped = await runCli(
      ['scan', '--rule', 'sagemaker-notebook-kms-key', '--tag', 'ml-pipeline=churn', '--format', 'json'],
      emulator().env,
    );
    expect(scoped.code).toBe(0);
    // The neglected notebook carries no ml-pipeline tag: out of scope, not evaluated.
    expect((JSON.parse(scoped.stdout) as Record<string, string>[]).map((r) => r.ComplianceResourceId)).toEqual([
      S.notebooks.good,
    ]);
    const params = JSON.stringify({ 'sagemaker-endpoint-tagged': { requiredTagKeys: ['ml-pipeline', 'cost-center'] } });
    const run = await runCli(
      ['scan', '--rule', 'sagemaker-endpoint-tagged', '--params', params, '--format', 'json'],
      emulator().env,
    );
    expect(run.code).toBe(0);
    const good = (JSON.parse(run.stdout) as Record<string, string>[]).find(
      (r) => r.ComplianceResourceId === S.endpoints.good,
    )!;
    expect(good.ComplianceType).toBe(N);
    expect(good.Annotation).toMatch(/cost-center/);
  });

  it('refuses an unknown rule id with one line and exit 2', async () => {
    const run = await runCli(['scan', '--rule', 'no-such-rule'], emulator().env);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^ml-config-rules: unknown rule "no-such-rule"/),
    ]);
  });
});
