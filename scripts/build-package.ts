// The npm package's JavaScript: `npm run build:package` (and `prepack`) compiles the command and
// the library entry points into lib/, so an installed package runs plain JavaScript, with no
// TypeScript loader at start-up. Dependencies stay external (installed beside it, not copied), and
// code only some commands need sits in chunks of its own that load when those commands run.
// Declarations for the typed `exports` come from the TypeScript compiler (tsconfig.package.json).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
export const LIB = join(ROOT, 'lib');
/** The oldest Node.js the package supports (package.json `engines`). */
const PACKAGE_NODE_TARGET = 'node20';

export async function buildPackage(): Promise<void> {
  rmSync(LIB, { recursive: true, force: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: { cli: 'cli/main.ts', index: 'api/index.ts' },
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
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.package.json'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildPackage();
