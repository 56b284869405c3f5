// `check-template DIR`: the templates under a folder, as a repository holds them: CloudFormation
// and SAM files (.yaml, .yml, .json, .template) that have a Resources section, and what `cdk synth`
// writes (cdk.out/*.template.json; its manifest and asset files are not templates). node_modules
// and hidden folders (.git) are skipped: dependencies ship templates of their own.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { UsageError } from '../output.js';
import { TEMPLATE_LIMITS } from './limits.js';

const SKIPPED = (name: string) => name === 'node_modules' || name.startsWith('.');
const TEMPLATE_EXTENSION = /\.(ya?ml|json|template)$/i;
/** A top-level `Resources:` (YAML) or a `"Resources":` key (JSON): what makes a file a template. */
const HAS_RESOURCES = /(^|\n)Resources\s*:|"Resources"\s*:/;

function looksLikeTemplate(path: string, inCdkOut: boolean): boolean {
  if (inCdkOut) return path.endsWith('.template.json');
  if (!TEMPLATE_EXTENSION.test(path)) return false;
  // Too big to be read is for readTemplate to refuse, by name, rather than to skip in silence.
  if (statSync(path).size > TEMPLATE_LIMITS.bytes) return true;
  return HAS_RESOURCES.test(readFileSync(path, 'utf8'));
}

function walk(dir: string, inCdkOut: boolean, out: string[]) {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED(entry.name)) walk(path, inCdkOut || entry.name === 'cdk.out', out);
    } else if (entry.isFile() && looksLikeTemplate(path, inCdkOut)) out.push(path);
  }
}

/** Files as given; each folder replaced by the templates found under it (none found is an error). */
export function templateFiles(paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (error) {
      throw new UsageError(`${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
    }
    if (!isDirectory) return [path];
    const found: string[] = [];
    walk(path, basename(path) === 'cdk.out', found);
    if (found.length === 0)
      throw new UsageError(
        `${path}: no CloudFormation template under it (.yaml, .yml, .json or .template with Resources, or cdk.out/*.template.json; node_modules skipped)`,
      );
    return found;
  });
}
