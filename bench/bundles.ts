// Lambda bundle budget: per rule, the size of its esbuild bundle and the cold-start time of
// loading it in a fresh Node process (require of index.js, as the Lambda runtime does, median of
// several runs), next to the floor of a bundle that only loads the Config client, built with the
// same options in the same run. Also says, from each bundle's esbuild metafile, whether the
// SageMaker client is in it: change-triggered rules must not load it at start-up (exit 1 if one does).
//
// A rule whose job is to find secrets (its bundle holds the secret detector, secretlint's preset
// among it) is set against a second floor built the same way: the Config client and the detector,
// with nothing else. The budget asks that the detector cost only the rules that use it;
// for those, it is part of what the rule cannot do without, as the Config client is for all.
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { table } from '../cli/output.js';
import { inventoryTypesOf } from '../rules/_core/recording.js';
import { isPeriodic, type Rule } from '../rules/_core/rule.js';
import { rules } from '../rules/index.js';
import { buildRule, NODE_TARGET, type BuiltRule } from '../scripts/build.js';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
const OUT = join(ROOT, '.bench', 'bundles');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 7));
const SAGEMAKER_CLIENT = /node_modules\/@aws-sdk\/client-sagemaker\//;
/** A change-triggered bundle's size against the floor's: at most this. */
const CHANGE_BUDGET = 1.15;

/** A floor bundle: a handler of these lines, built with the same options as scripts/build.ts. */
async function buildFloorOf(name: string, lines: string[]): Promise<{ file: string; bytes: number }> {
  const file = join(OUT, `_${name}`, 'index.js');
  mkdirSync(join(OUT, `_${name}`), { recursive: true });
  await build({
    stdin: { contents: lines.join('\n'), resolveDir: ROOT, sourcefile: `${name}.entry.ts`, loader: 'ts' },
    bundle: true,
    platform: 'node',
    target: NODE_TARGET,
    format: 'cjs',
    minify: true,
    mainFields: ['module', 'main'],
    outfile: file,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return { file, bytes: statSync(file).size };
}

const CONFIG_CLIENT = `import { ConfigServiceClient, PutEvaluationsCommand } from '@aws-sdk/client-config-service';`;

/** The floor: a handler that only loads the Config client (and would put evaluations with it). */
const buildFloor = () =>
  buildFloorOf('config-client-only', [
    CONFIG_CLIENT,
    `let client;`,
    `export const handler = async (event) => (client ??= new ConfigServiceClient({})).send(new PutEvaluationsCommand({ ResultToken: event.resultToken, Evaluations: [] }));`,
  ]);

/** What a rule that finds secrets must load besides the Config client: the detector, and its use. */
const DETECTOR = /(^|\/)rules\/_core\/secrets\.ts$/;

/** The detector's floor: a handler that loads the Config client and the secret detector, and uses both. */
const buildDetectorFloor = () =>
  buildFloorOf('config-client-and-secret-detector', [
    CONFIG_CLIENT,
    `import { findSecrets } from './rules/_core/secrets.ts';`,
    `let client;`,
    `export const handler = async (event) => (client ??= new ConfigServiceClient({})).send(new PutEvaluationsCommand({ ResultToken: event.resultToken, Evaluations: findSecrets(event.text).map(() => ({})) }));`,
  ]);

const findsSecrets = (b: BuiltRule): boolean => Object.keys(b.metafile.inputs).some((input) => DETECTOR.test(input));

/** Load a bundle in a fresh Node process; the child times its own require. */
function coldStart(file: string): { requireMs: number; processMs: number } {
  const script = `const t = process.hrtime.bigint(); const m = require(process.argv[1]); if (typeof m.handler !== 'function') process.exit(3); process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;
  const start = process.hrtime.bigint();
  const out = execFileSync(process.execPath, ['-e', script, file], {
    env: { PATH: process.env.PATH, AWS_REGION: 'us-east-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    encoding: 'utf8',
  });
  return { requireMs: Number(out), processMs: Number(process.hrtime.bigint() - start) / 1e6 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kib = (bytes: number) => (bytes / 1024).toFixed(1);
const ms = (x: number) => x.toFixed(1);

function sagemakerIn(b: BuiltRule): boolean {
  return Object.keys(b.metafile.inputs).some((input) => SAGEMAKER_CLIENT.test(input));
}

/**
 * A rule whose bundle carries inventory adapters: a periodic rule, or a change rule with types
 * Config does not record (a hybrid, listed on a schedule). Their SageMaker client is loaded on
 * first use, by the scheduled run; the size budget is for the change rules that carry none.
 */
const listsInventory = (rule: Rule) => isPeriodic(rule) || inventoryTypesOf(rule).length > 0;

function trigger(rule: Rule): string {
  if (isPeriodic(rule)) return `periodic${rule.source === 'inventory' ? ' (inventory)' : ''}`;
  return inventoryTypesOf(rule).length > 0 ? 'change + scheduled (hybrid)' : 'change';
}

mkdirSync(OUT, { recursive: true });
// As in a Lambda deployment package, the bundles are CommonJS: not under this package's "type": "module".
writeFileSync(join(OUT, 'package.json'), '{ "type": "commonjs" }\n');
const buildStart = Date.now();
const [floor, detectorFloor, built] = await Promise.all([
  buildFloor(),
  buildDetectorFloor(),
  Promise.all(rules.map((r) => buildRule(r, { outDir: OUT }))),
]);
console.log(
  `Built ${built.length} rule bundles and the floor in ${((Date.now() - buildStart) / 1000).toFixed(1)} s; ${RUNS} cold starts each (BENCH_RUNS), interleaved.`,
);

// Interleave the runs, so every bundle sees the same machine state.
const samples = new Map<string, { requireMs: number[]; processMs: number[] }>();
const files = [floor.file, detectorFloor.file, ...built.map((b) => b.file)];
for (const f of files) samples.set(f, { requireMs: [], processMs: [] });
for (let run = 0; run < RUNS; run++) {
  for (const f of files) {
    const s = coldStart(f);
    samples.get(f)!.requireMs.push(s.requireMs);
    samples.get(f)!.processMs.push(s.processMs);
  }
}
const stats = (file: string) => ({
  require: median(samples.get(file)!.requireMs),
  process: median(samples.get(file)!.processMs),
});
const floorStats = stats(floor.file);

const rows: (string | number)[][] = [
  [
    '(floor) Config client only',
    '—',
    kib(floor.bytes),
    '1.00',
    ms(floorStats.require),
    '+0.0',
    ms(floorStats.process),
    'no',
    '',
  ],
  [
    '(floor) Config client and the secret detector',
    '—',
    kib(detectorFloor.bytes),
    (detectorFloor.bytes / floor.bytes).toFixed(2),
    ms(stats(detectorFloor.file).require),
    `+${ms(stats(detectorFloor.file).require - floorStats.require)}`,
    ms(stats(detectorFloor.file).process),
    'no',
    '',
  ],
];
const overBudget: string[] = [];
const offenders: string[] = [];
for (const b of built) {
  const rule = rules.find((r) => r.id === b.id)!;
  const s = stats(b.file);
  const withSageMaker = sagemakerIn(b);
  if (withSageMaker && !listsInventory(rule)) offenders.push(rule.id);
  const ratio = b.bytes / floor.bytes;
  // A rule that finds secrets is set against the floor that holds the detector too (above).
  const secrets = findsSecrets(b);
  const budgetRatio = secrets ? b.bytes / detectorFloor.bytes : ratio;
  const against = secrets ? ' of the detector floor' : '';
  // Periodic bundles carry the SageMaker client and the inventory adapters, loaded on first use: no budget.
  const budget = listsInventory(rule)
    ? '—'
    : `${budgetRatio.toFixed(2)}${against} ≤ ${CHANGE_BUDGET}: ${budgetRatio <= CHANGE_BUDGET ? 'met' : 'NOT met'}`;
  if (!listsInventory(rule) && budgetRatio > CHANGE_BUDGET) overBudget.push(rule.id);
  rows.push([
    rule.id,
    trigger(rule),
    kib(b.bytes),
    ratio.toFixed(2),
    ms(s.require),
    `${s.require - floorStats.require >= 0 ? '+' : ''}${ms(s.require - floorStats.require)}`,
    ms(s.process),
    withSageMaker ? (listsInventory(rule) ? 'bundled, loaded on first use' : 'AT START-UP') : 'no',
    budget,
  ]);
}
console.log(
  table(
    [
      'bundle',
      'trigger',
      'KiB',
      'size vs floor',
      'require ms (median)',
      'vs floor',
      'process ms (median)',
      'SageMaker client',
      'size budget',
    ],
    rows,
    // Wide enough for a rule id on one line, in a terminal or a file.
    { width: 170 },
  ),
);
const change = built.filter((b) => !listsInventory(rules.find((r) => r.id === b.id)!));
console.log(
  offenders.length === 0
    ? `SageMaker client at start-up: none of the ${change.length} change-triggered bundles contains it.`
    : `SageMaker client at start-up: ${offenders.join(', ')} (change-triggered) bundle it. It must not.`,
);
if (offenders.length > 0) process.exitCode = 1;
console.log(
  overBudget.length === 0
    ? `Size budget (change-triggered, ≤ ${CHANGE_BUDGET}× the floor; a rule that finds secrets, × the floor with the detector): met by all ${change.length}.`
    : `Size budget (change-triggered, ≤ ${CHANGE_BUDGET}× the floor; a rule that finds secrets, × the floor with the detector): NOT met by ${overBudget.length} of ${change.length}: ${overBudget.join(', ')}.`,
);
