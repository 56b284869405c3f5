// `ml-config-rules history` against the local emulator (moto). moto keeps no configuration
// history: its SelectResourceConfig answers with no rows (results can only be preset through
// its Python API, not in server mode), GetResourceConfigHistory knows no SageMaker resource and
// returns only the current item of the few types it models. So this checks that the command
// says so plainly; the history itself (7-day windows, pagination, the pipeline query, diffs and
// flips) is covered with client mocks in test/live-config-mocks.test.ts and
// test/history-tracked.test.ts, and offline on saved items in test/history.test.ts. moto keeps
// the items PutResourceConfig sends but lists none of them, so a tracked type has no history here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { SEEDED, seededMoto } from '../support/seed.js';

const emulator = seededMoto();

describe('history against the local emulator', () => {
  it('says when the advanced query finds no resource of the pipeline', async () => {
    const run = await runCli(['history', '--pipeline', 'churn'], emulator().env);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('ml-config-rules: AWS Config knows no resource tagged ml-pipeline=churn\n');
  });

  it('says in one line that Config has no history of a resource, and why, without suggesting an earlier --since', async () => {
    const run = await runCli(
      ['history', 'AWS::SageMaker::NotebookInstance', SEEDED.notebooks.good, '--since', '7d'],
      emulator().env,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `ml-config-rules: AWS Config has no history of AWS::SageMaker::NotebookInstance ${SEEDED.notebooks.good}: no configuration recorder is on in this Region\n`,
    );
  });

  it('reads a training job under the type the pack records it as, and says in one line that Config has none', async () => {
    const run = await runCli(
      ['history', 'AWS::SageMaker::TrainingJob', SEEDED.trainingJobs.good, '--since', '7d'],
      emulator().env,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `ml-config-rules: AWS Config has no history of MLConfigRules::SageMaker::TrainingJob ${SEEDED.trainingJobs.good}: no configuration recorder is on in this Region\n`,
    );
  });

  it("says why when the emulator's Config items cannot be read (S3 items with string timestamps)", async () => {
    const run = await runCli(['history', 'AWS::S3::Bucket', SEEDED.buckets.bad], emulator().env);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^ml-config-rules: AWS Config has no history of AWS::S3::Bucket ${SEEDED.buckets.bad}: its items could not be read \\(.*the local emulator`,
        ),
      ),
    ]);
    expect(run.stderr).not.toContain('--since');
  });

  it("records the current state through the S3 API when Config's item cannot be read", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'record-s3-'));
    try {
      const args = [
        'record',
        'AWS::S3::Bucket',
        SEEDED.buckets.bad,
        '--rule',
        's3-bucket-versioning-enabled',
        '--as',
        'non-compliant.scratch',
        '--dir',
        dir,
      ];
      const run = await runCli(args, emulator().env);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('(NON_COMPLIANT: BucketVersioningConfiguration.status is Off)');
      expect(run.stdout).toMatch(/item from S3 API \(Config's item could not be read: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
