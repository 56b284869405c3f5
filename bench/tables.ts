// Tables for people (cli/output.ts `table`, boxes drawn by cli-table3) against the same rows as
// tab-separated values, in one run: `list`'s 40 rules, whose descriptions wrap at 80 columns, and
// scans of 2,000 and 20,000 verdicts whose annotations wrap. The ratio shows what the boxes cost;
// the time per row at 2,000 and at 20,000 shows whether that cost grows faster than the rows.
import { performance } from 'node:perf_hooks';
import { setTableStyle, table } from '../cli/output.js';
import { rules } from '../rules/index.js';

const REPEATS = 3;

function timeOf(render: () => string): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < REPEATS; i++) {
    const start = performance.now();
    render();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

const verdicts = (n: number) =>
  Array.from({ length: n }, (_, i) => [
    `fraud-scorer-${String(i).padStart(6, '0')}`,
    i % 10 === 0 ? 'NON_COMPLIANT' : 'COMPLIANT',
    i % 10 === 0 ? 'no tag: add ml-pipeline, or any tag, so that the endpoint can be charged back' : '',
  ]);

const cases: [string, string[], string[][]][] = [
  [
    'list (40 rules)',
    ['id', 'resource types', 'description'],
    rules.map((r) => [r.id, r.resourceTypes.join('\n'), r.description]),
  ],
  ['scan, 2,000 verdicts', ['resource id', 'verdict', 'annotation'], verdicts(2_000)],
  ['scan, 20,000 verdicts', ['resource id', 'verdict', 'annotation'], verdicts(20_000)],
];

const rows: (string | number)[][] = [];
for (const [name, head, body] of cases) {
  setTableStyle('tsv');
  const tsv = timeOf(() => table(head, body));
  setTableStyle('box');
  const box = timeOf(() => table(head, body, { width: 80 }));
  rows.push([name, tsv.toFixed(1), box.toFixed(1), (box / tsv).toFixed(0), ((box * 1000) / body.length).toFixed(0)]);
}
setTableStyle('box');
console.log(table(['table', 'TSV ms', 'boxes ms', 'boxes ÷ TSV', 'boxes µs per row'], rows, { width: 100 }));
