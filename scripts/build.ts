// Bundle each rule into dist/<rule-id>/index.js: one minified CommonJS file per rule, holding
// only what that rule needs, next to a package.json that says so ("type": "commonjs"): the
// repository's own package.json says "type": "module", and Node takes the nearest one, so
// without it the bundle could not be required from inside the repository. A rule whose types Config
// records gets no inventory adapter, so its bundle never contains (or loads) the SageMaker client;
// a rule that lists types through adapters (recording.ts) loads them on first use.
import { build, type Metafile } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inventoryAdapterOf } from '../rules/_core/inventory.js';
import { inventoryTypesOf, isScheduled, type RecordingOptions } from '../rules/_core/recording.js';
import type { Rule } from '../rules/_core/rule.js';
import { inventoryModules } from '../rules/_inventory/index.js';
import { rules } from '../rules/index.js';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
export const DIST = join(ROOT, 'dist');
/** Lambda's current Node.js runtime; esbuild targets the same version. */
export const NODE_TARGET = 'node22';

/**
 * The entry module of one rule's Lambda function, written from the registry. With tracking on
 * (the deploy's stack key), a rule whose types the pack records lists none: no adapter to load.
 */
export function entrySource(rule: Rule, options: RecordingOptions = {}): string {
  // A rule with no scheduled run gets the change path alone: no listing, clean-up or summary.
  if (!isScheduled(rule, options))
    return [
      `import rule from './rules/${rule.id}.js';`,
      `import { makeChangeHandler } from './rules/_core/change-handler.js';`,
      `export const handler = makeChangeHandler(rule);`,
      '',
    ].join('\n');
  // Only the adapters of the types a scheduled run lists (none for a rule Config records whole).
  const loaders = inventoryTypesOf(rule, options).map((type) => {
    const module = inventoryAdapterOf(inventoryModules, rule.id, type);
    return `  ${JSON.stringify(type)}: () => import(${JSON.stringify(`./rules/_inventory/${module.replace('./', '')}`)}).then((m) => m.default),`;
  });
  return [
    `import rule from './rules/${rule.id}.js';`,
    `import { makeHandler } from './rules/_core/handler.js';`,
    `export const handler = makeHandler(rule, { inventory: {`,
    ...loaders,
    `} });`,
    '',
  ].join('\n');
}

/** Written next to each bundle; Lambda treats index.js as CommonJS either way (nodejs-handler docs). */
export const BUNDLE_PACKAGE_JSON = `${JSON.stringify({ type: 'commonjs' })}\n`;

export interface BuiltRule {
  id: string;
  file: string;
  /** The package.json next to `file`. */
  packageJson: string;
  bytes: number;
  metafile: Metafile;
}

export async function buildRule(
  rule: Rule,
  options: { outDir?: string; minify?: boolean } & RecordingOptions = {},
): Promise<BuiltRule> {
  return buildEntry(rule.id, entrySource(rule, { tracking: options.tracking === true }), options);
}

/** The capture function of tracking (rules/_tracking): one bundle, whatever rules are selected. */
export const TRACKER_ID = 'tracking-capture';
export const trackerEntrySource = (): string =>
  [
    `import { makeTrackerHandler } from './rules/_tracking/handler.js';`,
    'export const handler = makeTrackerHandler();',
    '',
  ].join('\n');

export const buildTracker = (options: { outDir?: string; minify?: boolean } = {}): Promise<BuiltRule> =>
  buildEntry(TRACKER_ID, trackerEntrySource(), options);

async function buildEntry(
  id: string,
  contents: string,
  options: { outDir?: string; minify?: boolean },
): Promise<BuiltRule> {
  const outDir = join(options.outDir ?? DIST, id);
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'index.js');
  const packageJson = join(outDir, 'package.json');
  writeFileSync(packageJson, BUNDLE_PACKAGE_JSON);
  const result = await build({
    stdin: { contents, resolveDir: ROOT, sourcefile: `${id}.entry.ts`, loader: 'ts' },
    bundle: true,
    platform: 'node',
    target: NODE_TARGET,
    format: 'cjs',
    minify: options.minify ?? true,
    // The SDK's ESM builds tree-shake better than its CommonJS ones.
    mainFields: ['module', 'main'],
    outfile: file,
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const output = result.metafile.outputs[relative(ROOT, file)];
  return { id, file, packageJson, bytes: output?.bytes ?? 0, metafile: result.metafile };
}

export async function buildAll(options: { outDir?: string; ids?: string[] } = {}): Promise<BuiltRule[]> {
  const selected = options.ids ? rules.filter((r) => options.ids!.includes(r.id)) : rules;
  return Promise.all(selected.map((r) => buildRule(r, options)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const built = [...(await buildAll()), await buildTracker()];
  for (const b of built)
    console.log(`${b.id.padEnd(48)} ${(b.bytes / 1024).toFixed(1).padStart(8)} KiB  ${relative(ROOT, b.file)}`);
  console.log(`${built.length - 1} rules and the tracking capture function bundled into ${relative(ROOT, DIST)}/`);
}
