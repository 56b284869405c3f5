// The npm package's JavaScript: `npm run build:package` (and `prepack`) compiles the command and
// the library entry points into lib/, so an installed package runs plain JavaScript, with no
// TypeScript loader at start-up. Dependencies stay external (installed beside it, not copied), and
// code only some commands need sits in chunks of its own that load when those commands run.
// Declarations for the typed `exports` come from the TypeScript compiler (tsconfig.package.json).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
export const LIB = join(ROOT, 'lib');
/** The policy pack as its own unit: a folder `pulumi preview --policy-pack` takes, with its own package.json. */
export const POLICY_PACK = join(LIB, 'policy-pack');
/** The oldest Node.js the package supports (package.json `engines`). */
const PACKAGE_NODE_TARGET = 'node20';

export async function buildPackage(): Promise<void> {
  rmSync(LIB, { recursive: true, force: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: { cli: 'cli/main.ts', index: 'api/index.ts', pulumi: 'deploy/component.ts' },
    outdir: LIB,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: PACKAGE_NODE_TARGET,
    packages: 'external',
    // Flat, beside the entry points: cli/paths.ts finds the package root as the parent of the
    // folder its code runs from.
    chunkNames: '[name]-[hash]',
    logLevel: 'warning',
  });
  await buildPolicyPack();
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.package.json'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
}

/**
 * lib/policy-pack: the pack program (index.js) and its policies (policies.js, also the package's
 * `ml-config-rules/policy` export), with the rules and their dependencies bundled in, so the
 * pack's only dependencies are the Pulumi packages its own package.json lists. `pulumi install`
 * in that folder installs them (https://www.pulumi.com/docs/cli/commands/pulumi_install/), and
 * `pulumi preview --policy-pack <folder>` runs it
 * (https://www.pulumi.com/docs/insights/policy/cli/#running-policies-locally).
 */
async function buildPolicyPack(): Promise<void> {
  const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  await build({
    absWorkingDir: ROOT,
    entryPoints: { index: 'policy/index.ts', policies: 'policy/policies.ts' },
    outdir: POLICY_PACK,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: PACKAGE_NODE_TARGET,
    external: ['@pulumi/*'],
    chunkNames: '[name]-[hash]',
    // Bundled CommonJS dependencies call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  mkdirSync(POLICY_PACK, { recursive: true });
  const pulumi = (name: string) => root.peerDependencies[name] as string;
  writeFileSync(
    join(POLICY_PACK, 'package.json'),
    `${JSON.stringify(
      {
        name: `${root.name}-policy`,
        version: root.version,
        description: 'CrossGuard policy pack: the ml-config-rules rules at pulumi preview.',
        license: root.license,
        type: 'module',
        main: 'index.js',
        dependencies: { '@pulumi/policy': pulumi('@pulumi/policy'), '@pulumi/pulumi': pulumi('@pulumi/pulumi') },
      },
      null,
      2,
    )}\n`,
  );
  // Plain JavaScript: no TypeScript loader (the clone's policy/PulumiPolicy.yaml loads index.ts through tsx).
  writeFileSync(
    join(POLICY_PACK, 'PulumiPolicy.yaml'),
    [
      "description: ml-config-rules at pulumi preview - the pack's AWS Config rules on SageMaker and S3 resources before they exist",
      'runtime: nodejs',
      'main: index.js',
      '',
    ].join('\n'),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildPackage();
