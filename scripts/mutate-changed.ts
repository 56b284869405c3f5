// `npm run mutate:changed`: the mutation run CI does on a change, over only the files under
// mutation (stryker.config.mjs's `mutate`) that differ from the base branch. The full run over all
// of them takes long on two cores; a change touches a few files, and its mutants are the new ones.
// The base is MUTATE_BASE, or origin/main, or main.
import { execFileSync, spawnSync } from 'node:child_process';

/** The same set stryker.config.mjs mutates: the rules and rules/_core, not the registry. */
export function isMutated(file: string): boolean {
  if (!file.endsWith('.ts') || file === 'rules/index.ts') return false;
  return /^rules\/[^/]+\.ts$/.test(file) || file.startsWith('rules/_core/');
}

function base(): string | undefined {
  if (process.env.MUTATE_BASE) return process.env.MUTATE_BASE;
  const has = (ref: string) => spawnSync('git', ['rev-parse', '--verify', '--quiet', ref]).status === 0;
  return ['origin/main', 'main'].find(has);
}

const from = base();
if (from === undefined) {
  // A checkout without the base branch (a shallow clone of a tag, say) has no change to measure.
  console.log('mutate:changed: neither origin/main nor main is here (set MUTATE_BASE); nothing to compare with.');
  process.exit(0);
}
const changed = execFileSync('git', ['diff', '--name-only', '--diff-filter=AMR', `${from}...HEAD`], {
  encoding: 'utf8',
})
  .split('\n')
  .filter(isMutated);

if (changed.length === 0) {
  console.log('mutate:changed: no rule or rules/_core file differs from the base; nothing to mutate.');
} else {
  console.log(`mutate:changed: ${changed.join(', ')}`);
  const run = spawnSync('npx', ['stryker', 'run', '--mutate', changed.join(',')], { stdio: 'inherit' });
  process.exitCode = run.status ?? 1;
}
