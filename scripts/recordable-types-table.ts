// The table of recordable types as docs/deploy.md shows it, from rules/_core/recordable-types.ts
// (`npm run readme` regenerates it; a test keeps the docs in step).
import { RECORDABLE_TYPES, SOURCES } from '../rules/_core/recordable-types.js';

const mark = (listed: boolean) => (listed ? 'yes' : 'no');

export function recordableTypesTable(): string {
  const lines = [
    `| type | SDK enum (${SOURCES.sdk.version}) | [schema repository](${SOURCES.schema.url}) | [supported-types page](${SOURCES.page.url}) | recorded by the pack | why |`,
    '|---|---|---|---|---|---|',
    ...RECORDABLE_TYPES.map(
      (r) =>
        `| \`${r.type}\` | ${mark(r.sdk)} | ${mark(r.schema)} | ${mark(r.page)} | ${r.record ? '**yes**' : 'no: listed through the SageMaker API'} | ${r.why ?? 'the sources agree'} |`,
    ),
  ];
  return `${lines.join('\n')}\n\nSources read ${SOURCES.page.read}: ${SOURCES.sdk.name} ${SOURCES.sdk.version}; ${SOURCES.schema.name} at ${SOURCES.schema.commit}; ${SOURCES.page.name} (updated monthly; the copy read lists the SageMaker types added in June 2026).\n`;
}
