// The table in docs/preventive.md: per rule, where it runs (AWS Config, scan, CloudFormation
// templates, Pulumi preview), from the registry. `npx tsx scripts/where-rules-run.ts` prints it;
// a test keeps the docs in step.
import { pathToFileURL } from 'node:url';
import { notOnTemplates } from '../cli/template/check.js';
import { notAtPreview } from '../policy/policies.js';
import { rules } from '../rules/index.js';

export function whereRulesRunTable(): string {
  const mark = (why: string | undefined) => (why === undefined ? 'yes' : `no: ${why}`);
  const lines = [
    '| rule | AWS Config | scan | template (check-template) | Pulumi preview (policy pack) |',
    '|---|---|---|---|---|',
    ...rules.map(
      (r) =>
        `| \`${r.id}\` | yes (${r.trigger === 'change' ? 'change' : 'periodic'}) | yes | ${mark(notOnTemplates(r))} | ${mark(notAtPreview(r))} |`,
    ),
  ];
  return lines.join('\n') + '\n';
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.stdout.write(whereRulesRunTable());
