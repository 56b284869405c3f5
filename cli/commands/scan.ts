// `ml-config-rules scan`: the options, checked before the first AWS call, the progress bar, and
// the exit code. The scan itself is ../scan/run.ts, its outputs ../scan/output.ts.
import cliProgress from 'cli-progress';
import { paramsFor } from '../../rules/_core/engine.js';
import { rules as registry } from '../../rules/index.js';
import { defaultRegion } from '../live-sources.js';
import type { FailOn } from '../options.js';
import { printJson, printReport, tableStyle, UsageError } from '../output.js';
import { parseScopeTag, ruleParamsFromOptions, type RuleParams } from '../rule-params.js';
import { accountTargets, checkAccountOptions } from '../scan-accounts.js';
import { scanFailedJunit, scanJson, scanJunit, scanReport, scanSarif, severalAccounts } from '../scan/output.js';
import { readSuppressionsFile } from '../suppressions.js';
import { runScan, type ScanRun } from '../scan/run.js';
import { requireRule } from './evaluate.js';

export interface ScanCommandOptions {
  rule: string[];
  region: string[];
  format: 'table' | 'tsv' | 'json' | 'junit' | 'sarif';
  suppressions?: string;
  failOn?: FailOn;
  concurrency: string;
  params?: string;
  paramsFile?: string;
  tag?: string;
  roleName?: string;
  accounts?: string;
  organization?: boolean;
}

/** Every input is checked before the first AWS call: a mistake is one line and exit 2. */
function parseInputs(options: ScanCommandOptions) {
  const selected = options.rule.length > 0 ? [...new Set(options.rule)].map(requireRule) : registry;
  const concurrency = Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new UsageError(`--concurrency must be a whole number from 1 to 64, got ${options.concurrency}`);
  }
  const params: RuleParams = ruleParamsFromOptions(options);
  const scope = options.tag !== undefined ? parseScopeTag(options.tag) : undefined;
  checkAccountOptions(options);
  // The scope tag and each rule's own parameters together, as the deploy merges them.
  for (const rule of selected) paramsFor(rule, { ...scope, ...params[rule.id] });
  const suppressions = readSuppressionsFile(options.suppressions);
  return { selected, concurrency, params, scope, suppressions };
}

export async function scanCommand(options: ScanCommandOptions) {
  const { selected, concurrency, params, scope, suppressions } = parseInputs(options);
  const regions = options.region.length > 0 ? [...new Set(options.region)] : [await defaultRegion()];
  const accounts = await accountTargets(options, regions[0]!);

  // The bar goes to a terminal only, and never next to machine output.
  const showBar = options.format === 'table' && process.stderr.isTTY === true;
  const bar = showBar
    ? new cliProgress.SingleBar(
        {
          stream: process.stderr,
          format: 'scanning {bar} {value}/{total} rule runs | {rule}',
          hideCursor: true,
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  bar?.start(selected.length * regions.length * accounts.length, 0, { rule: '' });
  let run: ScanRun;
  try {
    run = await runScan({
      rules: selected,
      regions,
      accounts,
      params,
      ...(scope ? { scope } : {}),
      concurrency,
      suppressions,
      onRuleDone: (rule) => bar?.increment(1, { rule }),
    });
  } catch (error) {
    // CI reads the report file the output is redirected to: a valid report that says the scan
    // failed, never an empty file.
    if (options.format === 'junit') process.stdout.write(scanFailedJunit(error as Error));
    throw error;
  } finally {
    bar?.stop();
  }

  if (options.format === 'json') printJson(scanJson(run));
  else if (options.format === 'junit') process.stdout.write(scanJunit(run));
  else if (options.format === 'sarif') printJson(scanSarif(run, selected));
  else printReport(scanReport(run));

  const failed = run.results.filter((r) => r.error);
  // A read the scan worked around (tags GetResources left out): the verdicts stand, the cause is said once.
  const several = severalAccounts(run);
  for (const w of run.warnings ?? [])
    process.stderr.write(
      `ml-config-rules: warning (${several && w.account ? `${w.account} ` : ''}${w.region}): ${w.message}\n`,
    );
  // What could not be read is said on stderr, one line each, whatever the format: never inside a
  // table cell, and never in the machine output on stdout.
  for (const f of run.failures ?? [])
    process.stderr.write(
      `ml-config-rules: account ${f.account}${f.region ? ` (${f.region})` : ''} not scanned: ${f.error}\n`,
    );
  for (const r of failed)
    process.stderr.write(
      `ml-config-rules: rule ${r.rule} (${several && r.account ? `${r.account} ` : ''}${r.region}) failed: ${r.error}\n`,
    );
  // The boxed summary shows what was skipped in its note column; every other output says it here.
  if (!(options.format === 'table' && tableStyle() === 'box')) {
    for (const r of run.results)
      for (const s of r.skipped) process.stderr.write(`ml-config-rules: rule ${r.rule} (${r.region}) skipped ${s}\n`);
  }
  const nonCompliant = run.results.some((r) => r.evaluations.some((e) => e.ComplianceType === 'NON_COMPLIANT'));
  if (failed.length > 0 || (run.failures?.length ?? 0) > 0 || (options.failOn !== undefined && nonCompliant))
    process.exitCode = 1;
}
