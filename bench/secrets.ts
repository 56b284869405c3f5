// The secret detector on its corpus (bench/secret-corpus.ts): how many secrets it finds and how
// many safe look-alikes it flags, by where the value sits, through the rule's own evaluate (a
// lifecycle configuration holding the script). Targets: at least 95% found, at most 2% flagged.
// Lists every case missed and every false alarm, so the numbers can be read, not just trusted.
import { table } from '../cli/output.js';
import rule from '../rules/sagemaker-notebook-lifecycle-no-secrets.js';
import { secretCorpus } from './secret-corpus.js';

const verdictOf = (script: string) =>
  rule.evaluate(
    {
      resourceType: 'AWS::SageMaker::NotebookInstanceLifecycleConfig',
      resourceId: 'corpus',
      configurationItemStatus: 'OK',
      tags: {},
      configuration: { OnStart: [{ Content: Buffer.from(script, 'utf8').toString('base64') }] },
      supplementaryConfiguration: {},
    },
    { scopeTagKey: undefined, scopeTagValue: undefined },
    { lookup: () => undefined },
  ).complianceType;

const corpus = secretCorpus();
const start = performance.now();
const results = corpus.map((c) => ({ ...c, flagged: verdictOf(c.script) === 'NON_COMPLIANT' }));
const ms = performance.now() - start;

const byCategory = new Map<string, { cases: number; flagged: number; secret: boolean }>();
for (const r of results) {
  const row = byCategory.get(r.category) ?? { cases: 0, flagged: 0, secret: r.secret };
  row.cases++;
  if (r.flagged) row.flagged++;
  byCategory.set(r.category, row);
}
const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;
console.log(
  table(
    ['where the value sits', 'holds a secret', 'cases', 'flagged', 'rate'],
    [...byCategory].map(([category, r]) => [
      category,
      r.secret ? 'yes' : 'no',
      r.cases,
      r.flagged,
      pct(r.flagged, r.cases),
    ]),
  ),
);
const secrets = results.filter((r) => r.secret);
const safe = results.filter((r) => !r.secret);
const found = secrets.filter((r) => r.flagged).length;
const falseAlarms = safe.filter((r) => r.flagged).length;
console.log(
  `detection: ${found} of ${secrets.length} secrets (${pct(found, secrets.length)}, target at least 95%); ` +
    `false positives: ${falseAlarms} of ${safe.length} safe look-alikes (${pct(falseAlarms, safe.length)}, target at most 2%); ` +
    `${corpus.length} scripts in ${ms.toFixed(0)} ms`,
);
const missed = [...new Set(secrets.filter((r) => !r.flagged).map((r) => `${r.category}: ${r.name}`))];
const alarms = [...new Set(safe.filter((r) => r.flagged).map((r) => r.name))];
if (missed.length > 0) console.log(`missed: ${missed.join('; ')}`);
if (alarms.length > 0) console.log(`false alarms: ${alarms.join('; ')}`);
