// The command in a process of its own, for what only a process shows: bin/ starting the TypeScript
// sources, the exit code the process ends with, messages without a stack trace, and memory bounded
// by a small heap. Everything else about the commands runs in process (test/cli.test.ts and the
// tests of each command), which is the same program without a launch.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '../support/fixtures.js';
import { PACKAGE_ROOT } from '../../cli/paths.js';
import { runCli } from '../support/run-cli.js';

const NOTEBOOK = 'sagemaker-notebook-no-direct-internet';
const scratch = mkdtempSync(join(tmpdir(), 'ml-config-rules-command-'));

describe('ml-config-rules, as a process', () => {
  it('evaluates a fixture through bin/ and exits 0', async () => {
    const run = await runCli([
      'evaluate',
      fixturePath(NOTEBOOK, 'non-compliant.enabled.json'),
      '--rule',
      NOTEBOOK,
      '--format',
      'json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)[0]).toMatchObject({
      ComplianceType: 'NON_COMPLIANT',
      Annotation: 'DirectInternetAccess is Enabled',
    });
  });

  it('ends with exit 1 when a fixture fails, after printing the rows', async () => {
    const root = join(scratch, 'fixtures');
    mkdirSync(join(root, NOTEBOOK), { recursive: true });
    cpSync(fixturePath(NOTEBOOK, 'non-compliant.enabled.json'), join(root, NOTEBOOK, 'compliant.mislabelled.json'));
    const run = await runCli(['test', '--rule', NOTEBOOK, '--fixtures', root]);
    expect(run.code).toBe(1);
    // In a pipe the rows are on stdout, the summary on stderr.
    expect(run.stdout).toMatch(/compliant\.mislabelled\.json\tFAIL/);
    expect(run.stderr).toMatch(/0 passed, 1 failed \(1 fixture of 1 rule\)/);
  });

  it('answers a usage mistake with one line, exit 2 and no stack trace', async () => {
    const run = await runCli(['evaluate', fixturePath(NOTEBOOK, 'compliant.disabled.json'), '--rule', 'no-such-rule']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints help and exits 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: ml-config-rules/);
  });

  it('check-template: 40 Mappings that each expand to two FindInMaps stop at the expansion limit within 256 MB of heap', async () => {
    const notebook = { 'Fn::FindInMap': ['M0', 'k', 'v'] };
    const Mappings: Record<string, unknown> = { M40: { k: { v: 'Disabled' } } };
    for (let i = 0; i < 40; i++) {
      const next = { 'Fn::FindInMap': [`M${i + 1}`, 'k', 'v'] };
      Mappings[`M${i}`] = { k: { v: { 'Fn::Join': ['', [next, next]] } } };
    }
    const Resources = {
      N: {
        Type: 'AWS::SageMaker::NotebookInstance',
        Properties: {
          InstanceType: 'ml.t3.medium',
          RoleArn: 'arn:aws:iam::123456789012:role/nb',
          DirectInternetAccess: notebook,
        },
      },
    };
    const file = join(scratch, 'doubling.json');
    writeFileSync(file, JSON.stringify({ Mappings, Resources }));
    // The 2^40 expansion would need far more than 256 MB before it stopped.
    const run = await runCli(['check-template', file, '--rule', NOTEBOOK], {
      NODE_OPTIONS: '--max-old-space-size=256',
    });
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/over the intrinsic (expansion limit of 1,000,000 functions|depth limit of 32 levels)/);
    expect(run.code).toBe(2);
  });

  it('list | grep and check-template | grep find whole ids and verdicts: a pipe gets one row per line', async () => {
    const list = await runCli(['list']);
    expect(list.stdout.split('\n').filter((l) => /(^|\t)s3-bucket-kms-encryption\t/.test(l))).toHaveLength(1);
    const check = await runCli(['check-template', fixturePath('_templates', 'ml-platform.yaml')]);
    expect(check.stdout.split('\n').filter((l) => l.split('\t')[4] === 'NON_COMPLIANT').length).toBeGreaterThanOrEqual(
      1,
    );
    expect(check.stdout).not.toMatch(/[┌│└]/);
  });

  /** `ml-config-rules ARGS | head -c 1`: the reader takes one byte and leaves. The command's own exit code and stderr. */
  function headOf(args: string[]): Promise<{ code: number; stderr: string }> {
    const command = [process.execPath, join(PACKAGE_ROOT, 'bin', 'ml-config-rules.js'), ...args]
      .map((w) => `'${w}'`)
      .join(' ');
    return new Promise((resolve) => {
      execFile(
        'bash',
        ['-c', `${command} | head -c 1 > /dev/null; echo "exit \${PIPESTATUS[0]}" >&2`],
        { cwd: PACKAGE_ROOT },
        (_error, _stdout, stderr) => {
          const code = Number(/exit (\d+)\n$/.exec(stderr)?.[1]);
          resolve({ code, stderr: stderr.replace(/exit \d+\n$/, '') });
        },
      );
    });
  }

  it('test | head -c 1: the closed pipe ends the command quietly, with the exit code it would have had', async () => {
    // JSON: more than a pipe holds (64 KiB), so the command is still writing when the reader leaves.
    const passing = await headOf(['test', '--format', 'json']);
    expect(passing.stderr).toBe('');
    expect(passing.code).toBe(0);
    // A failing fixture still fails the command when nobody reads its output.
    const root = join(scratch, 'fixtures-epipe');
    mkdirSync(join(root, NOTEBOOK), { recursive: true });
    cpSync(fixturePath(NOTEBOOK, 'non-compliant.enabled.json'), join(root, NOTEBOOK, 'compliant.mislabelled.json'));
    for (let i = 0; i < 400; i++)
      cpSync(fixturePath(NOTEBOOK, 'compliant.disabled.json'), join(root, NOTEBOOK, `compliant.copy-${i}.json`));
    const failing = await headOf(['test', '--rule', NOTEBOOK, '--fixtures', root, '--format', 'json']);
    expect(failing.stderr).toBe('');
    expect(failing.code).toBe(1);
  });
});
