// `ml-config-rules history` against the local emulator (moto). moto keeps no configuration
// history: its SelectResourceConfig answers with no rows (results can only be preset through
// its Python API, not in server mode), GetResourceConfigHistory knows no SageMaker resource and
// returns only the current item of the few types it models. So this checks that the command
// says so plainly; the history itself (7-day windows, pagination, the pipeline query, diffs and
// flips) is covered with client mocks in test/live-config-mocks.test.ts and offline on saved
// items in test/history.test.ts.
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

  it('says when Config has no history of a resource', async () => {
    const run = await runCli(['history', 'AWS::SageMaker::NotebookInstance', SEEDED.notebooks.good, '--since', '7d'], emulator().env);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(`ml-config-rules: AWS Config has no history of AWS::SageMaker::NotebookInstance ${SEEDED.notebooks.good}`);
    expect(run.stderr.split('\n')[1]).toMatch(/^ml-config-rules: no configuration items since \d{4}-\d\d-\d\dT.*\(try an earlier --since\)$/);
  });
});
