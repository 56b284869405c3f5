// npm run bench: every benchmark, each in a fresh process so none warms or loads the other.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../cli/paths.js';

const BENCHES = [
  ['pipeline.ts', 'Local pipeline throughput against JSON.parse'],
  ['bundles.ts', 'Lambda bundle size and cold start against a Config-client-only floor'],
  ['secrets.ts', 'Secret detector: detection and false positives on its corpus'],
  ['templates.ts', 'check-template on 1 to 20 MB templates: time per MB'],
  ['scan.ts', 'Scan of a local emulator account against a serial baseline'],
  ['tables.ts', 'Tables for people (boxes) against tab-separated values'],
  ['startup.ts', 'Start-up of the installed command against a bare node -e 0'],
] as const;

let failed = 0;
for (const [file, title] of BENCHES) {
  const path = join(PACKAGE_ROOT, 'bench', file);
  if (!existsSync(path)) continue;
  console.log(`\n== ${title} (bench/${file}) ==`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', path], { stdio: 'inherit', cwd: PACKAGE_ROOT });
  if (run.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
