// Each function's code: the rule's own esbuild bundle (scripts/build.ts), built by the program
// itself so one `pulumi up` builds and deploys. The archive holds index.js and the package.json
// that marks it CommonJS, so Lambda loads exactly what the tests load from dist/<rule-id>/.
// Lambda treats .js files as CommonJS unless a package.json says "type": "module":
// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html#nodejs-commonjs-es-modules
// With tracking on, a rule's tracked types are change-triggered: its bundle holds no inventory
// adapter for them (entrySource), so a tracking deploy builds into its own folder of dist/.
import { join } from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import type { Rule } from '../rules/_core/rule.js';
import { buildRule, buildTracker, DIST, TRACKER_ID } from '../scripts/build.js';

export type CodeFor = (rule: Rule) => pulumi.Input<pulumi.asset.Archive>;
/** The capture function's code (tracking). */
export type TrackerCode = () => pulumi.Input<pulumi.asset.Archive>;

const builds = new Map<string, Promise<{ file: string; packageJson: string }>>();

const archiveOf = (b: { file: string; packageJson: string }) =>
  new pulumi.asset.AssetArchive({
    'index.js': new pulumi.asset.FileAsset(b.file),
    'package.json': new pulumi.asset.FileAsset(b.packageJson),
  });

/** Where a deploy's rule bundles go: dist/ as `npm run build` writes it, dist/tracked/ with tracking on. */
export const bundleDir = (outDir: string, tracking: boolean) => (tracking ? join(outDir, 'tracked') : outDir);

/** Build (once per process, output directory and tracking setting) and archive a rule's bundle. */
export function bundledCode(outDir: string = DIST, options: { tracking?: boolean } = {}): CodeFor {
  const tracking = options.tracking === true;
  const dir = bundleDir(outDir, tracking);
  return (rule) => {
    const key = `${dir}\u0000${rule.id}`;
    let file = builds.get(key);
    if (!file) builds.set(key, (file = buildRule(rule, { outDir: dir, minify: true, tracking })));
    return file.then(archiveOf);
  };
}

/** Build (once per process and output directory) and archive the capture function's bundle. */
export function trackerCode(outDir: string = DIST): TrackerCode {
  return () => {
    const key = `${outDir}\u0000${TRACKER_ID}`;
    let file = builds.get(key);
    if (!file) builds.set(key, (file = buildTracker({ outDir, minify: true })));
    return file.then(archiveOf);
  };
}

/** Code for every function, for a deploy whose caller gives none. */
export interface FunctionCode {
  rules: (tracking: boolean) => CodeFor;
  tracker: () => TrackerCode;
}

/** The bundles, built by the program itself. */
export const BUILT_CODE: FunctionCode = {
  rules: (tracking) => bundledCode(undefined, { tracking }),
  tracker: () => trackerCode(),
};

let defaultCode: FunctionCode = BUILT_CODE;

/** The code a deploy uses when its caller gives none (the stack program, the MlConfigRules component). */
export const codeWhenNoneGiven = (): FunctionCode => defaultCode;

/**
 * Put other code in place of the built bundles; returns what was there. The MlConfigRules
 * component takes no code argument (its arguments are the package schema's), so a test of the
 * component that is not about the bundles gives placeholders this way, without an esbuild run.
 */
export function replaceCodeWhenNoneGiven(code: FunctionCode): FunctionCode {
  const previous = defaultCode;
  defaultCode = code;
  return previous;
}
