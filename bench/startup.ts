// Start-up of the installed command: `npm pack`, install the tarball into an empty folder (as a
// user would, without a clone), then time `ml-config-rules list --format json` from there against
// a bare `node -e 0`, the two run alternately in one loop so both see the same machine. Budget:
// the command at most 4× the bare Node start. Also prints the installed size, which the README
// quotes.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PACKAGE_ROOT } from '../cli/paths.js';
import { table } from '../cli/output.js';

const RUNS = 15;
const BUDGET = 4;
const WORK = join(PACKAGE_ROOT, '.bench', 'startup');

function sizeOf(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

function install(): { bin: string; packages: number; bytes: number } {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(join(WORK, 'app'), { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const packed = execFileSync(npm, ['pack', '--silent', '--pack-destination', WORK], { cwd: PACKAGE_ROOT })
    .toString()
    .trim()
    .split('\n')
    .pop()!;
  writeFileSync(join(WORK, 'app', 'package.json'), '{"name":"startup-bench","private":true}\n');
  execFileSync(npm, ['install', '--silent', '--no-audit', '--no-fund', '--prefer-offline', join(WORK, packed)], {
    cwd: join(WORK, 'app'),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const modules = join(WORK, 'app', 'node_modules');
  const lock = JSON.parse(readFileSync(join(modules, '.package-lock.json'), 'utf8'));
  return {
    bin: join(modules, 'ml-config-rules', 'bin', 'ml-config-rules.js'),
    packages: Object.keys(lock.packages).length,
    bytes: sizeOf(modules),
  };
}

function timeOf(args: string[]): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${run.status}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const { bin, packages, bytes } = install();
const bare: number[] = [];
const command: number[] = [];
for (let i = 0; i < RUNS; i++) {
  bare.push(timeOf(['-e', '0']));
  command.push(timeOf([bin, 'list', '--format', 'json']));
}
const ratio = median(command) / median(bare);
console.log(
  table(
    ['what', `median of ${RUNS} (ms)`, 'ratio to node -e 0', 'budget'],
    [
      ['node -e 0', median(bare).toFixed(0), '1.00', ''],
      ['ml-config-rules list --format json (installed)', median(command).toFixed(0), ratio.toFixed(2), `≤ ${BUDGET}`],
    ],
  ),
);
console.log(`installed: ${packages} packages, ${(bytes / 1024 / 1024).toFixed(1)} MiB in node_modules`);
rmSync(WORK, { recursive: true, force: true });
if (ratio > BUDGET) {
  console.log(`over budget: ${ratio.toFixed(2)}× > ${BUDGET}×`);
  process.exitCode = 1;
}
