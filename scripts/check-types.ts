// `npm run check-types`: refresh the SDK columns of the table of recordable types
// (rules/_core/recordable-types.ts) from the installed @aws-sdk/client-config-service, and fail
// when they changed or when the SDK lists a type of a covered service the table has no row for.
// A change is a prompt to look at the row again (a new type in the enum is a second source, so the
// pack may now record it), not something to accept blindly: the script rewrites the columns,
// prints what moved, and exits 1 until a second run finds nothing to change.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ResourceType } from '@aws-sdk/client-config-service';
import { PACKAGE_ROOT } from '../cli/paths.js';
import { COVERED_PREFIXES, RECORDABLE_TYPES, SOURCES } from '../rules/_core/recordable-types.js';

export const TABLE_FILE = join(PACKAGE_ROOT, 'rules', '_core', 'recordable-types.ts');

export interface SdkDifferences {
  /** The installed SDK's version, when it differs from the table's. */
  version?: { table: string; installed: string };
  /** Rows whose sdk column disagrees with the installed enum. */
  changed: { type: string; table: boolean; installed: boolean }[];
  /** Types of a covered service the enum lists and the table lacks. */
  missingRows: string[];
}

export function installedSdkVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('@aws-sdk/client-config-service/package.json') as { version: string }).version;
}

export function sdkDifferences(
  enumValues: readonly string[] = Object.values(ResourceType),
  installed = installedSdkVersion(),
): SdkDifferences {
  const listed = new Set(enumValues);
  const known = new Set(RECORDABLE_TYPES.map((r) => r.type));
  return {
    ...(installed !== SOURCES.sdk.version ? { version: { table: SOURCES.sdk.version, installed } } : {}),
    changed: RECORDABLE_TYPES.filter((r) => r.sdk !== listed.has(r.type)).map((r) => ({
      type: r.type,
      table: r.sdk,
      installed: listed.has(r.type),
    })),
    missingRows: [...listed].filter((t) => COVERED_PREFIXES.some((p) => t.startsWith(p)) && !known.has(t)).sort(),
  };
}

/** The table's source text with the sdk columns, the SDK version and the date read refreshed. */
export function refreshedTable(source: string, diff: SdkDifferences, today: string): string {
  let out = source;
  for (const { type, installed } of diff.changed) {
    const row = new RegExp(`(\\{ type: '${type}', sdk: )(true|false)`);
    if (!row.test(out)) throw new Error(`no one-line row for ${type} in ${TABLE_FILE}`);
    out = out.replace(row, `$1${installed}`);
  }
  if (diff.version || diff.changed.length > 0) {
    out = out
      .replace(/(sdk: \{[^}]*?version: ')[^']*(')/, `$1${diff.version?.installed ?? SOURCES.sdk.version}$2`)
      .replace(/(sdk: \{[^}]*?read: ')[^']*(')/, `$1${today}$2`);
  }
  return out;
}

export function checkTypes(): number {
  const diff = sdkDifferences();
  const lines: string[] = [];
  if (diff.version) lines.push(`SDK ${diff.version.table} → ${diff.version.installed}`);
  for (const c of diff.changed)
    lines.push(
      `${c.type}: the SDK enum ${c.installed ? 'now lists' : 'no longer lists'} it (review its record choice)`,
    );
  for (const t of diff.missingRows) lines.push(`${t}: listed by the SDK enum, no row in the table (add one)`);
  if (diff.version || diff.changed.length > 0) {
    const source = readFileSync(TABLE_FILE, 'utf8');
    writeFileSync(TABLE_FILE, refreshedTable(source, diff, new Date().toISOString().slice(0, 10)));
  }
  if (diff.changed.length === 0 && diff.missingRows.length === 0) {
    console.log(
      `recordable types: the table agrees with @aws-sdk/client-config-service ${installedSdkVersion()}` +
        (diff.version ? ' (version and date read refreshed)' : ''),
    );
    return 0;
  }
  console.error(`recordable types: the SDK and the table differ (${TABLE_FILE.slice(PACKAGE_ROOT.length + 1)}):`);
  for (const line of lines) console.error(`  ${line}`);
  return 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = checkTypes();
