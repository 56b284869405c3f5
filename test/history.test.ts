// `ml-config-rules history` offline, on the saved history of one pipeline
// (fixtures/_history/churn-model: an endpoint config re-created without its KMS key, a notebook
// re-created with direct internet access, a bucket whose versioning was suspended and enabled
// again, and another pipeline's notebook that must be left out).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHistory, parseSince, type HistoryOptions } from '../cli/commands/history.js';
import { UsageError } from '../cli/output.js';
import { describeChange, diffValues } from '../cli/diff.js';
import { buildTimeline } from '../cli/timeline.js';
import { normaliseItem } from '../rules/_core/items.js';
import { fixturePath } from './support/fixtures.js';
import { cli as runCli } from './support/run-cli.js';

const DIR = fixturePath('_history', 'churn-model');
const pipeline = () =>
  loadHistory(undefined, undefined, { pipeline: 'churn-model', tagKey: 'ml-pipeline', from: DIR, format: 'json' });

describe('field-level diff', () => {
  it('names every added, removed and changed leaf by its path', () => {
    const before = {
      KmsKeyId: 'k1',
      ProductionVariants: [{ InstanceType: 'ml.m5.xlarge', InitialInstanceCount: 2 }],
      SecurityGroupIds: ['sg-1'],
      'aws:tag': 'x',
    };
    const after = {
      ProductionVariants: [{ InstanceType: 'ml.m5.large', InitialInstanceCount: 2 }, { InstanceType: 'ml.g5.xlarge' }],
      SecurityGroupIds: [],
      DataCaptureConfig: { EnableCapture: false },
      'aws:tag': 'x',
    };
    expect(diffValues(before, after, 'configuration')).toEqual([
      { op: 'added', path: 'configuration.DataCaptureConfig.EnableCapture', new: false },
      { op: 'removed', path: 'configuration.KmsKeyId', old: 'k1' },
      {
        op: 'changed',
        path: 'configuration.ProductionVariants[0].InstanceType',
        old: 'ml.m5.xlarge',
        new: 'ml.m5.large',
      },
      { op: 'added', path: 'configuration.ProductionVariants[1].InstanceType', new: 'ml.g5.xlarge' },
      { op: 'added', path: 'configuration.SecurityGroupIds', new: [] },
      { op: 'removed', path: 'configuration.SecurityGroupIds[0]', old: 'sg-1' },
    ]);
    expect(
      diffValues({ 'aws:cloudformation:stack-name': 'a' }, { 'aws:cloudformation:stack-name': 'b' }, 'tags')[0]!.path,
    ).toBe('tags["aws:cloudformation:stack-name"]');
    expect(diffValues({ a: { b: 1 } }, { a: { b: 1 } }, 'x')).toEqual([]);
  });

  it('describes a change on one line', () => {
    expect(
      describeChange({
        op: 'removed',
        path: 'configuration.KmsKeyId',
        old: 'arn:aws:kms:us-east-1:123456789012:key/1234',
      }),
    ).toBe('- configuration.KmsKeyId removed (was "arn:aws:kms:us-east-1:123456789012:key/1234")');
    expect(describeChange({ op: 'changed', path: 'configuration.VolumeSizeInGB', old: 20, new: 50 })).toBe(
      '~ configuration.VolumeSizeInGB: 20 → 50',
    );
    expect(describeChange({ op: 'added', path: 'tags.owner', new: 'x'.repeat(100) }, 20)).toBe(
      `+ tags.owner: "${'x'.repeat(18)}…`,
    );
  });
});

describe('timeline of a pipeline from saved items', () => {
  it('takes the resources carrying the pipeline tag, oldest change first', async () => {
    const t = await pipeline();
    expect(t.title).toBe('Pipeline churn-model (ml-pipeline=churn-model)');
    expect(t.resources).toEqual([
      {
        resourceType: 'AWS::S3::Bucket',
        resourceId: 'acme-churn-model-artifacts',
        resourceName: 'acme-churn-model-artifacts',
        items: 4,
      },
      {
        resourceType: 'AWS::SageMaker::EndpointConfig',
        resourceId: 'churn-model-ec',
        resourceName: 'churn-model-ec',
        items: 3,
      },
      {
        resourceType: 'AWS::SageMaker::NotebookInstance',
        resourceId: 'churn-model-dev',
        resourceName: 'churn-model-dev',
        items: 4,
      },
    ]);
    expect(t.entries.map((e) => `${e.time} ${e.resourceId} ${e.kind}`)).toEqual([
      '2026-11-01T07:12:45.000Z acme-churn-model-artifacts discovered',
      '2026-11-02T10:15:22.318Z churn-model-ec discovered',
      '2026-11-03T08:41:09.144Z churn-model-dev discovered',
      '2026-11-05T11:27:18.733Z acme-churn-model-artifacts changed',
      '2026-11-06T16:22:37.610Z churn-model-dev changed',
      '2026-11-09T14:03:51.902Z churn-model-ec deleted',
      '2026-11-09T14:05:10.477Z churn-model-ec recreated',
      '2026-11-12T09:30:00.251Z churn-model-dev deleted',
      '2026-11-12T09:48:44.035Z churn-model-dev recreated',
      '2026-11-14T17:45:02.190Z acme-churn-model-artifacts changed',
      '2026-11-18T10:02:33.871Z acme-churn-model-artifacts changed',
    ]);
  });

  it('names the rules each change flipped, comparing a re-created resource with its last configuration', async () => {
    const t = await pipeline();
    const flips = t.entries.flatMap((e) =>
      e.flips.map((f) => `${e.resourceId}: ${f.rule} ${f.from} → ${f.to}${f.annotation ? ` (${f.annotation})` : ''}`),
    );
    expect(flips).toEqual([
      'churn-model-ec: sagemaker-endpoint-config-kms-key COMPLIANT → NON_COMPLIANT (KmsKeyId is not set)',
      'churn-model-ec: sagemaker-endpoint-config-prod-instance-count COMPLIANT → NON_COMPLIANT (ProductionVariants with InitialInstanceCount below minInstanceCount 2: AllTraffic=1)',
      'churn-model-dev: sagemaker-notebook-no-direct-internet COMPLIANT → NON_COMPLIANT (DirectInternetAccess is Enabled)',
      'acme-churn-model-artifacts: s3-bucket-versioning-enabled COMPLIANT → NON_COMPLIANT (BucketVersioningConfiguration.status is Suspended)',
      'acme-churn-model-artifacts: s3-bucket-versioning-enabled NON_COMPLIANT → COMPLIANT',
    ]);
    const recreated = t.entries.find((e) => e.resourceId === 'churn-model-ec' && e.kind === 'recreated')!;
    expect(recreated.changes).toEqual([
      { op: 'changed', path: 'configurationItemStatus', old: 'ResourceDeleted', new: 'ResourceDiscovered' },
      {
        op: 'removed',
        path: 'configuration.KmsKeyId',
        old: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      },
      { op: 'changed', path: 'configuration.ProductionVariants[0].InitialInstanceCount', old: 2, new: 1 },
      {
        op: 'changed',
        path: 'configuration.ProductionVariants[0].InstanceType',
        old: 'ml.m5.xlarge',
        new: 'ml.m5.large',
      },
      {
        op: 'changed',
        path: 'configuration.ProductionVariants[0].ModelName',
        old: 'churn-model-xgb-v3',
        new: 'churn-model-xgb-v4',
      },
    ]);
    // A deletion flips nothing: no rule applies to a deleted resource.
    const deletion = t.entries.find((e) => e.resourceId === 'churn-model-ec' && e.kind === 'deleted')!;
    expect(deletion.flips).toEqual([]);
    expect(Object.values(deletion.verdicts).every((v) => v.complianceType === 'NOT_APPLICABLE')).toBe(true);
    // A change no rule cares about is listed with its diff and no flip.
    const resized = t.entries.find((e) => e.time === '2026-11-06T16:22:37.610Z')!;
    expect(resized.changes.map((c) => c.path)).toEqual(['configuration.InstanceType', 'configuration.VolumeSizeInGB']);
    expect(resized.flips).toEqual([]);
    // Every rule that checks the type ran on the first item.
    expect(Object.keys(t.entries[0]!.verdicts)).toContain('s3-bucket-versioning-enabled');
    expect(t.entries.every((e) => e.errors.length === 0)).toBe(true);
  });

  it('follows one resource, and filters by --since', async () => {
    const one = await loadHistory('AWS::S3::Bucket', 'acme-churn-model-artifacts', {
      tagKey: 'ml-pipeline',
      from: DIR,
      format: 'json',
      since: '2026-11-10',
    });
    expect(one.resources.map((r) => r.resourceId)).toEqual(['acme-churn-model-artifacts']);
    expect(one.entries.map((e) => e.time)).toEqual(['2026-11-14T17:45:02.190Z', '2026-11-18T10:02:33.871Z']);
    expect(parseSince('30d', new Date('2026-11-26T00:00:00Z'))?.toISOString()).toBe('2026-10-27T00:00:00.000Z');
  });

  it("serves a rule's lookups with the looked-up resource as it was at each change", () => {
    {
      const bucket = (time: string, status: string) => ({
        resourceType: 'AWS::S3::Bucket',
        resourceId: 'churn-artifacts',
        configurationItemCaptureTime: time,
        configurationItemStatus: 'OK',
        configuration: { name: 'churn-artifacts' },
        supplementaryConfiguration: { BucketVersioningConfiguration: { status } },
        tags: {},
      });
      const model = (time: string, tags: Record<string, string>) => ({
        resourceType: 'AWS::SageMaker::Model',
        resourceId: 'churn-v3',
        configurationItemCaptureTime: time,
        configurationItemStatus: 'OK',
        configuration: {
          ModelName: 'churn-v3',
          PrimaryContainer: { ModelDataUrl: 's3://churn-artifacts/v3/model.tar.gz' },
        },
        tags,
      });
      const items = [
        bucket('2026-11-01T00:00:00.000Z', 'Enabled'),
        model('2026-11-02T00:00:00.000Z', { 'ml-pipeline': 'churn' }),
        bucket('2026-11-03T00:00:00.000Z', 'Suspended'),
        model('2026-11-04T00:00:00.000Z', { 'ml-pipeline': 'churn', stage: 'prod' }),
      ].map(normaliseItem);
      const t = buildTimeline(
        items.filter((i) => i.resourceType === 'AWS::SageMaker::Model'),
        { title: 'model', lookupItems: items.filter((i) => i.resourceType === 'AWS::S3::Bucket') },
      );
      expect(t.entries[0]!.verdicts['sagemaker-model-artifact-versioned-bucket']!.complianceType).toBe('COMPLIANT');
      expect(t.entries[1]!.flips).toEqual([
        {
          rule: 'sagemaker-model-artifact-versioned-bucket',
          from: 'COMPLIANT',
          to: 'NON_COMPLIANT',
          annotation:
            'PrimaryContainer.ModelDataUrl bucket churn-artifacts has BucketVersioningConfiguration.status Suspended',
        },
      ]);
    }
  });

  it('drops an item that changes nothing a rule reads (a relationship-only change)', () => {
    const base = {
      resourceType: 'AWS::SageMaker::Model',
      resourceId: 'm',
      configurationItemStatus: 'OK',
      configuration: { ModelName: 'm' },
      tags: {},
    };
    const t = buildTimeline(
      [
        normaliseItem({ ...base, configurationItemCaptureTime: '2026-11-01T00:00:00Z' }),
        normaliseItem({ ...base, configurationItemCaptureTime: '2026-11-02T00:00:00Z' }),
      ],
      { title: 'm' },
    );
    expect(t.entries.map((e) => e.kind)).toEqual(['discovered']);
  });
});

describe('the history command on saved items', () => {
  it('prints the diff timeline with the flipped rules named', async () => {
    // Wide enough that each diff line stays on one line (the table fits 80 columns by default).
    const run = await runCli(['history', '--pipeline', 'churn-model', '--from', DIR, '--format', 'table'], {
      COLUMNS: '220',
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')[0]).toBe('Pipeline churn-model (ml-pipeline=churn-model)');
    expect(run.stdout).toContain(
      '- configuration.KmsKeyId removed (was "arn:aws:kms:us-east-1:123456789012:key/1234abc…)',
    );
    // The flips column wraps: read it back as one text.
    const flipsColumn = run.stdout
      .split('\n')
      .filter((l) => l.startsWith('│'))
      .map((l) => l.split('│')[4]!.trim())
      .join(' ');
    expect(flipsColumn).toContain(
      'sagemaker-endpoint-config-kms-key became NON_COMPLIANT (was COMPLIANT): KmsKeyId is not set',
    );
    expect(flipsColumn).toContain(
      's3-bucket-versioning-enabled became NON_COMPLIANT (was COMPLIANT): BucketVersioningConfiguration.status is Suspended',
    );
    expect(run.stdout).toContain(
      '~ supplementaryConfiguration.BucketVersioningConfiguration.status: "Enabled" → "Suspended"',
    );
    expect(run.stdout).toContain('deleted: no rule applies');
    expect(run.stdout).not.toContain('fraud-detection-dev');
    expect(run.stdout.trimEnd().split('\n').pop()).toBe('3 resources, 11 entries, 5 verdict flips');
  });

  it('prints the timeline as JSON', async () => {
    const run = await runCli([
      'history',
      'AWS::SageMaker::NotebookInstance',
      'churn-model-dev',
      '--from',
      DIR,
      '--format',
      'json',
    ]);
    expect(run.code).toBe(0);
    const t = JSON.parse(run.stdout);
    expect(t.entries.find((e: any) => e.kind === 'recreated').flips).toEqual([
      {
        rule: 'sagemaker-notebook-no-direct-internet',
        from: 'COMPLIANT',
        to: 'NON_COMPLIANT',
        annotation: 'DirectInternetAccess is Enabled',
      },
    ]);
  });

  it('answers usage mistakes with one line and exit 2', async () => {
    for (const [args, message] of [
      [['history', '--from', DIR], /^ml-config-rules: give either --pipeline NAME or RESOURCE_TYPE RESOURCE_ID$/],
      [
        ['history', '--pipeline', 'churn-model', '--from', DIR, '--format', 'html'],
        /^ml-config-rules: --format html needs --out FILE$/,
      ],
    ] as const) {
      const run = await runCli([...args]);
      expect(run.code).toBe(2);
      expect(run.stderr.trimEnd()).toMatch(message);
    }
  });

  it('says what is wrong with the input as a usage error', async () => {
    const load = (type: string | undefined, id: string | undefined, options: Partial<HistoryOptions>) =>
      loadHistory(type, id, { tagKey: 'ml-pipeline', format: 'table', from: DIR, ...options });
    const cases: [Promise<unknown>, RegExp][] = [
      [
        load(undefined, undefined, { pipeline: 'churn-model', since: 'last week' }),
        /--since last week: expected a date/,
      ],
      [
        load('AWS::S3::Bucket', 'x', { pipeline: 'churn-model' }),
        /give either --pipeline NAME or RESOURCE_TYPE RESOURCE_ID/,
      ],
      [load('AWS::S3::Bucket', undefined, {}), /RESOURCE_TYPE needs a RESOURCE_ID/],
      [
        load(undefined, undefined, { pipeline: 'no-such-pipeline' }),
        /no saved items in .* for ml-pipeline=no-such-pipeline/,
      ],
      [
        load(undefined, undefined, { pipeline: 'churn-model', from: join(DIR, 'missing') }),
        /--from .*missing: no such folder/,
      ],
    ];
    for (const [promise, message] of cases) {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toMatch(message);
    }
  });
});
