// Each function's code: the rule's own esbuild bundle (scripts/build.ts), built by the program
// itself so one `pulumi up` builds and deploys. The archive holds index.js and the package.json
// that marks it CommonJS, so Lambda loads exactly what the tests load from dist/<rule-id>/.
// Lambda treats .js files as CommonJS unless a package.json says "type": "module":
// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html#nodejs-commonjs-es-modules
import * as pulumi from '@pulumi/pulumi';
import type { Rule } from '../rules/_core/rule.js';
import { buildRule, DIST } from '../scripts/build.js';

export type CodeFor = (rule: Rule) => pulumi.Input<pulumi.asset.Archive>;

const builds = new Map<string, Promise<{ file: string; packageJson: string }>>();

/** Build (once per process and output directory) and archive a rule's bundle. */
export function bundledCode(outDir: string = DIST): CodeFor {
  return (rule) => {
    const key = `${outDir}\u0000${rule.id}`;
    let file = builds.get(key);
    if (!file) builds.set(key, (file = buildRule(rule, { outDir, minify: true })));
    return file.then(
      (b) =>
        new pulumi.asset.AssetArchive({
          'index.js': new pulumi.asset.FileAsset(b.file),
          'package.json': new pulumi.asset.FileAsset(b.packageJson),
        }),
    );
  };
}
