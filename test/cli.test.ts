// The command as a user runs it: exit codes, stdout and stderr, from the program run in this
// process (test/support/run-cli.ts); what only a process of its own shows is in
// test/integration/command.test.ts.
import { cpSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { fixtureEvent, fixturePath } from './support/fixtures.js';
import { cli as runInProcess, type CliRun } from './support/run-cli.js';

type Run = CliRun;
const cli = (...args: string[]): Promise<Run> => runInProcess(args);

const NOTEBOOK = 'sagemaker-notebook-no-direct-internet';

/** One line on stderr, exit 2, and no stack trace. */
function expectUserError(run: Run, message: RegExp) {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('list', () => {
  it('prints every rule with types, trigger and parameters as JSON', async () => {
    const run = await cli('list', '--format', 'json');
    expect(run.code).toBe(0);
    const listed = JSON.parse(run.stdout);
    expect(listed.map((r: { id: string }) => r.id)).toEqual(rules.map((r) => r.id));
    expect(listed.find((r: { id: string }) => r.id === 'sagemaker-training-job-volume-kms')).toMatchObject({
      resourceTypes: ['AWS::SageMaker::TrainingJob'],
      trigger: 'periodic (TwentyFour_Hours)',
      parameters: [
        expect.objectContaining({ name: 'kmsKeyArns' }),
        expect.objectContaining({ name: 'lookbackDays', default: '30' }),
      ],
    });
  });
});

describe('evaluate', () => {
  it('prints evaluations exactly as PutEvaluations takes them', async () => {
    const run = await cli(
      'evaluate',
      fixturePath(NOTEBOOK, 'non-compliant.enabled.json'),
      '--rule',
      NOTEBOOK,
      '--format',
      'json',
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      {
        ComplianceResourceType: 'AWS::SageMaker::NotebookInstance',
        ComplianceResourceId: 'churn-explore',
        ComplianceType: 'NON_COMPLIANT',
        Annotation: 'DirectInternetAccess is Enabled',
        OrderingTimestamp: '2026-11-20T09:14:03.512Z',
      },
    ]);
  });

  it('evaluates a bare API-form item', async () => {
    const run = await cli(
      'evaluate',
      fixturePath(NOTEBOOK, 'compliant.api-form.json'),
      '--rule',
      NOTEBOOK,
      '--format',
      'json',
    );
    expect(JSON.parse(run.stdout)[0]).toMatchObject({
      ComplianceResourceId: 'fraud-detection-dev',
      ComplianceType: 'COMPLIANT',
    });
    expect(JSON.parse(run.stdout)[0].Annotation).toBeUndefined();
  });

  it.each([
    ['not-applicable.deleted.json', [], /ResourceDeleted/],
    ['not-applicable.event-left-scope.json', [], /left the rule scope/],
    ['non-compliant.enabled.json', ['--params', '{"scopeTagKey":"cost-center"}'], /no tag cost-center/],
  ])('gives NOT_APPLICABLE for %s %j', async (file, extra, annotation) => {
    const run = await cli('evaluate', fixturePath(NOTEBOOK, file), '--rule', NOTEBOOK, '--format', 'json', ...extra);
    expect(run.code).toBe(0);
    const [evaluation] = JSON.parse(run.stdout);
    expect(evaluation.ComplianceType).toBe('NOT_APPLICABLE');
    expect(evaluation.Annotation).toMatch(annotation);
  });

  it('merges --params over the event ruleParameters', async () => {
    // The fixture's scope (ml-pipeline=fraud-detection) travels in the event; --params changes only the value.
    const file = join(mkdtempSync(join(tmpdir(), 'ml-config-rules-event-')), 'event.json');
    writeFileSync(file, JSON.stringify(fixtureEvent(NOTEBOOK, 'not-applicable.outside-tag-scope.json')));
    const run = await cli(
      'evaluate',
      file,
      '--rule',
      NOTEBOOK,
      '--format',
      'json',
      '--params',
      '{"scopeTagValue":"recsys"}',
    );
    expect(JSON.parse(run.stdout)[0].ComplianceType).toBe('NON_COMPLIANT');
  });

  it('serves an oversized event from --lookup files', async () => {
    const run = await cli(
      'evaluate',
      fixturePath(NOTEBOOK, 'non-compliant.oversized.json'),
      '--rule',
      NOTEBOOK,
      '--format',
      'json',
      '--lookup',
      fixturePath(NOTEBOOK, '_lookup', 'fraud-detection-large.history.json'),
    );
    expect(JSON.parse(run.stdout)[0]).toMatchObject({
      ComplianceResourceId: 'fraud-detection-large',
      ComplianceType: 'NON_COMPLIANT',
    });
  });

  it('prints [] for the snapshot-delivery event', async () => {
    const run = await cli(
      'evaluate',
      fixturePath('_events', 'snapshot-delivery.json'),
      '--rule',
      NOTEBOOK,
      '--format',
      'json',
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([]);
  });

  it('prints a table for people (--format table boxes it even in a pipe)', async () => {
    const wide = await runInProcess(
      ['evaluate', fixturePath(NOTEBOOK, 'non-compliant.enabled.json'), '--rule', NOTEBOOK, '--format', 'table'],
      {
        COLUMNS: '200',
      },
    );
    expect(wide.stdout).toMatch(/churn-explore.*NON_COMPLIANT.*DirectInternetAccess is Enabled/);
    const narrow = await cli(
      'evaluate',
      fixturePath(NOTEBOOK, 'non-compliant.enabled.json'),
      '--rule',
      NOTEBOOK,
      '--format',
      'table',
    );
    expect(narrow.stdout).toMatch(/^┌/);
    for (const line of narrow.stdout.trimEnd().split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
  });

  describe('bad input exits 2 with one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-config-rules-cli-'));
    writeFileSync(join(dir, 'broken.json'), '{"invokingEvent": ');
    writeFileSync(join(dir, 'list.json'), '[1, 2]');

    it.each([
      [['evaluate', join(dir, 'missing.json'), '--rule', NOTEBOOK], /cannot read .*missing\.json: ENOENT/],
      [['evaluate', join(dir, 'broken.json'), '--rule', NOTEBOOK], /broken\.json is not valid JSON/],
      [['evaluate', join(dir, 'list.json'), '--rule', NOTEBOOK], /input must be a JSON object/],
      [
        ['evaluate', fixturePath(NOTEBOOK, 'compliant.disabled.json'), '--rule', 'sagemaker-notebook-internet'],
        /unknown rule "sagemaker-notebook-internet"/,
      ],
      [
        ['evaluate', fixturePath(NOTEBOOK, 'compliant.disabled.json'), '--rule', NOTEBOOK, '--params', '{bad'],
        /--params is not valid JSON/,
      ],
      [
        [
          'evaluate',
          fixturePath(NOTEBOOK, 'compliant.disabled.json'),
          '--rule',
          NOTEBOOK,
          '--params',
          '{"kmsKeyArns":"x"}',
        ],
        /unknown parameter "kmsKeyArns"/,
      ],
      [
        ['evaluate', fixturePath('_events', 'unsupported-message-type.json'), '--rule', NOTEBOOK],
        /messageType "ComplianceChangeNotification" is not supported/,
      ],
      [['evaluate', fixturePath(NOTEBOOK, 'compliant.disabled.json')], /required option '--rule <id>'/],
      [
        ['evaluate', fixturePath(NOTEBOOK, 'compliant.disabled.json'), '--rule', NOTEBOOK, '--format', 'xml'],
        /--format.*xml.*invalid/,
      ],
      [['sample', 'AWS::SageMaker::Cluster'], /no sample for "AWS::SageMaker::Cluster"/],
    ])('%j', async (args, message) => {
      expectUserError(await cli(...args), message);
    });
  });
});

describe('test', () => {
  it('passes over the shipped fixtures of a rule and prints JSON', async () => {
    const run = await cli('test', '--rule', NOTEBOOK, '--format', 'json');
    expect(run.code).toBe(0);
    const results = JSON.parse(run.stdout);
    expect(results.length).toBeGreaterThan(5);
    expect(results.every((r: { ok: boolean }) => r.ok)).toBe(true);
  });

  it('exits non-zero when a fixture does not give its expected verdict', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ml-config-rules-fixtures-'));
    mkdirSync(join(root, NOTEBOOK));
    cpSync(fixturePath(NOTEBOOK, 'non-compliant.enabled.json'), join(root, NOTEBOOK, 'compliant.mislabelled.json'));
    const run = await runInProcess(['test', '--rule', NOTEBOOK, '--fixtures', root], { COLUMNS: '200' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/compliant\.mislabelled\.json\tFAIL: expected COMPLIANT, got NON_COMPLIANT/);
    // In a pipe the summary is said on stderr: stdout holds the rows alone.
    expect(run.stderr).toMatch(/0 passed, 1 failed \(1 fixture of 1 rule\)/);
  });
});

describe('sample', () => {
  it('prints a starting configuration item in event form', async () => {
    const run = await cli('sample', 'AWS::SageMaker::NotebookInstance');
    expect(run.code).toBe(0);
    const item = JSON.parse(run.stdout);
    expect(item).toMatchObject({
      resourceType: 'AWS::SageMaker::NotebookInstance',
      configurationItemStatus: 'OK',
      awsAccountId: '123456789012',
    });
    expect(item.configuration.NotebookInstanceName).toBeTruthy();
  });
});
