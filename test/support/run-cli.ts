// Run the command as a user does. `runCli`: a separate process, its exit code, stdout and stderr (the
// integration tier: what only a process shows, as bin/ and a real exit). `cli`: the same program in
// this process (cli/program.ts), with its output captured and its exit code as the process would end
// with: the same parsing, output and exit codes, without a launch.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { vi } from 'vitest';
import { PACKAGE_ROOT } from '../../cli/paths.js';
import { runProgram } from '../../cli/program.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(PACKAGE_ROOT, 'bin', 'ml-config-rules.js'), ...args],
      { cwd: PACKAGE_ROOT, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The environment the command sees in a process of its own: no terminal width unless given. */
const CLEARED_ENV = ['COLUMNS', 'ML_CONFIG_RULES_DEBUG'];

export async function cli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  // --profile sets AWS_PROFILE for the run, as it does in a process of its own: restored after.
  const saved = Object.fromEntries(
    [...CLEARED_ENV, 'AWS_PROFILE', ...Object.keys(env)].map((k) => [k, process.env[k]]),
  );
  for (const k of CLEARED_ENV) delete process.env[k];
  Object.assign(process.env, env);
  // A pipe, as under execFile: no terminal, so tables are tab-separated (boxes fit COLUMNS, or 80,
  // with --format table) and no progress bar is drawn.
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => {
    stderr += String(chunk);
    return true;
  });
  const tty = [process.stdout.isTTY, process.stderr.isTTY];
  process.stdout.isTTY = false;
  process.stderr.isTTY = false;
  process.exitCode = undefined;
  try {
    const code = await runProgram(['node', 'ml-config-rules', ...args]);
    return { code: code ?? Number(process.exitCode ?? 0), stdout, stderr };
  } finally {
    process.exitCode = undefined;
    out.mockRestore();
    err.mockRestore();
    [process.stdout.isTTY, process.stderr.isTTY] = tty as [boolean, boolean];
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
