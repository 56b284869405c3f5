// Throughput of the whole local pipeline (parse the event text, parse invokingEvent and
// ruleParameters, normalise the item, applicability, evaluate, build the evaluation) over
// 100,000+ fixture events, next to bare JSON.parse of the same texts, measured in the same run.
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { evaluateEvent } from '../rules/_core/engine.js';
import { changeEventFor, fixturesOf } from '../cli/local/fixtures.js';
import { inputToEvent } from '../cli/local/input.js';
import { looksLikeItem } from '../rules/_core/items.js';
import { localSources } from '../cli/local/sources.js';
import type { Rule } from '../rules/_core/rule.js';
import { rules } from '../rules/index.js';
import { FIXTURES_DIR } from '../cli/paths.js';
import { table } from '../cli/output.js';

const TARGET_EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const ROUNDS = 7;

// Both paths allocate hundreds of megabytes; start each timed pass from a collected heap so one
// pass does not pay for the other's garbage.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

interface Case {
  rule: Rule;
  text: string;
}

/**
 * Change events from the fixtures, as Config sends them: a bare event-form item wrapped in its change
 * event with the fixture's parameters; API-form items as they are (oversized/scheduled events need a
 * Config fetch and are left out).
 */
function corpus(): Case[] {
  const base: Case[] = [];
  for (const rule of rules) {
    for (const f of fixturesOf(FIXTURES_DIR, rule.id)) {
      const value = JSON.parse(readFileSync(f.path, 'utf8'));
      const bareItem = looksLikeItem(value);
      if (!bareItem && Object.keys(f.params).length > 0) continue;
      const text = JSON.stringify(bareItem ? changeEventFor(value, rule.id, f.params) : value);
      if (inputToEvent(JSON.parse(text)).kind === 'change') base.push({ rule, text });
    }
  }
  // Repeat the fixtures with distinct resource ids, so no two texts are the same string.
  const cases: Case[] = [];
  for (let i = 0; cases.length < TARGET_EVENTS; i++) {
    const c = base[i % base.length]!;
    cases.push({
      rule: c.rule,
      text: c.text.replace(/"resourceId\\?":\s*\\?"([^"\\]+)/, (m, id) => m.replace(id, `${id}-${i}`)),
    });
  }
  return cases;
}

function timeJsonParse(cases: Case[]): number {
  const start = process.hrtime.bigint();
  let keys = 0;
  for (const c of cases) keys += Object.keys(JSON.parse(c.text)).length;
  if (keys === 0) throw new Error('nothing parsed');
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function timePipeline(cases: Case[]): Promise<{ seconds: number; verdicts: Record<string, number> }> {
  const sources = localSources([]);
  const verdicts: Record<string, number> = {};
  const start = process.hrtime.bigint();
  for (const c of cases) {
    const { evaluations } = await evaluateEvent(c.rule, inputToEvent(JSON.parse(c.text)), sources);
    for (const e of evaluations) verdicts[e.ComplianceType] = (verdicts[e.ComplianceType] ?? 0) + 1;
  }
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, verdicts };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchPipeline() {
  const cases = corpus();
  const bytes = cases.reduce((n, c) => n + c.text.length, 0);
  // Warm up both paths (JIT), then alternate rounds so both see the same machine state.
  timeJsonParse(cases.slice(0, 5000));
  await timePipeline(cases.slice(0, 5000));
  const parse: number[] = [];
  const pipeline: number[] = [];
  const ratios: number[] = [];
  let verdicts: Record<string, number> = {};
  for (let r = 0; r < ROUNDS; r++) {
    collect();
    const p = timeJsonParse(cases);
    collect();
    const q = await timePipeline(cases);
    parse.push(p);
    pipeline.push(q.seconds);
    ratios.push(p / q.seconds);
    verdicts = q.verdicts;
  }
  const parseRate = cases.length / median(parse);
  const pipelineRate = cases.length / median(pipeline);
  const ratio = median(ratios);
  console.log(
    `\nLocal pipeline: ${cases.length} events (${(bytes / 1e6).toFixed(1)} MB) from ${new Set(cases.map((c) => c.rule.id)).size} rules, ${ROUNDS} rounds, each pass from a collected heap`,
  );
  console.log(
    table(
      ['path', 'events/s (median)', 'MB/s', 'ratio to JSON.parse (median of rounds, min–max)'],
      [
        [
          'JSON.parse of the event text (baseline)',
          Math.round(parseRate),
          (bytes / 1e6 / median(parse)).toFixed(1),
          '1.00',
        ],
        [
          'whole pipeline (event → evaluation)',
          Math.round(pipelineRate),
          (bytes / 1e6 / median(pipeline)).toFixed(1),
          `${ratio.toFixed(2)} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`,
        ],
      ],
    ),
  );
  console.log(
    `verdicts: ${Object.entries(verdicts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; target ratio ≥ 0.33: ${ratio >= 1 / 3 ? 'met' : 'NOT met'}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await benchPipeline();
