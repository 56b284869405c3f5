// check-template on large generated templates (bench/template-generator.ts), 1 to 20 MB of JSON:
// read and parse (with the duplicate-key and depth scan), then every rule on every resource. Time
// per MB should stay flat: the check is linear in the template's size. Each size runs in this one
// process, largest last, after a warm-up on the smallest.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { table } from '../cli/output.js';
import { checkTemplate } from '../cli/template/check.js';
import { readTemplate } from '../cli/template/parse.js';
import { rules } from '../rules/index.js';
import { largeTemplate } from './template-generator.js';

const SIZES_MB = (process.env.BENCH_TEMPLATE_MB ?? '1,2,5,10,20').split(',').map(Number);
const dir = mkdtempSync(join(tmpdir(), 'bench-templates-'));
const seconds = (since: number) => (performance.now() - since) / 1000;

function run(mb: number) {
  const { text, resources } = largeTemplate(mb * 1_000_000);
  const file = join(dir, `t-${mb}.json`);
  writeFileSync(file, text);
  let start = performance.now();
  const template = readTemplate(file);
  const parse = seconds(start);
  start = performance.now();
  const findings = checkTemplate(file, template, rules);
  const check = seconds(start);
  return { mb: text.length / 1_000_000, resources, findings: findings.length, parse, check };
}

try {
  run(SIZES_MB[0]!); // warm-up: the first run compiles the code paths
  const rows = SIZES_MB.map(run).map((r) => [
    r.mb.toFixed(1),
    r.resources.toLocaleString('en-US'),
    r.findings.toLocaleString('en-US'),
    r.parse.toFixed(2),
    r.check.toFixed(2),
    (r.parse + r.check).toFixed(2),
    ((r.parse + r.check) / r.mb).toFixed(2),
  ]);
  console.log(table(['MB', 'resources', 'evaluations', 'read + parse s', 'check s', 'total s', 's per MB'], rows));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
