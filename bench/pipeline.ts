// Throughput of the whole local pipeline (parse the event text, parse invokingEvent and
// ruleParameters, normalise the item, applicability, evaluate, build the evaluation) over
// 100,000+ fixture events, next to bare JSON.parse of the same events, measured in the same run.
//
// The baseline parses what a Config event holds in JSON: the event text, then its invokingEvent,
// which Config sends as a JSON string inside the event (an API-form item is one parse). The budget
// (a third) was set on that work: until the fixtures were wrapped in the change events Config
// sends, the corpus was bare items, parsed whole. Parsing only the outer text leaves the item a
// string and skips most of the work; its ratio is printed beside, for comparison, with no budget.
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

/** JSON.parse of every event and of its invokingEvent string: the JSON an event holds (the baseline). */
function timeJsonParse(cases: Case[]): number {
  const start = process.hrtime.bigint();
  let keys = 0;
  for (const c of cases) {
    const event = JSON.parse(c.text);
    keys += Object.keys(event).length;
    if (typeof event.invokingEvent === 'string') keys += Object.keys(JSON.parse(event.invokingEvent)).length;
  }
  if (keys === 0) throw new Error('nothing parsed');
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** JSON.parse of the event text alone, its invokingEvent left a string (for comparison). */
function timeOuterParse(cases: Case[]): number {
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
  timeOuterParse(cases.slice(0, 5000));
  await timePipeline(cases.slice(0, 5000));
  const parse: number[] = [];
  const outer: number[] = [];
  const pipeline: number[] = [];
  const ratios: number[] = [];
  const outerRatios: number[] = [];
  let verdicts: Record<string, number> = {};
  for (let r = 0; r < ROUNDS; r++) {
    collect();
    const p = timeJsonParse(cases);
    collect();
    const o = timeOuterParse(cases);
    collect();
    const q = await timePipeline(cases);
    parse.push(p);
    outer.push(o);
    pipeline.push(q.seconds);
    ratios.push(p / q.seconds);
    outerRatios.push(o / q.seconds);
    verdicts = q.verdicts;
  }
  const parseRate = cases.length / median(parse);
  const pipelineRate = cases.length / median(pipeline);
  const ratio = median(ratios);
  const spread = (xs: number[]) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
  console.log(
    `\nLocal pipeline: ${cases.length} events (${(bytes / 1e6).toFixed(1)} MB) from ${new Set(cases.map((c) => c.rule.id)).size} rules, ${ROUNDS} rounds, each pass from a collected heap`,
  );
  console.log(
    table(
      ['path', 'events/s (median)', 'MB/s', 'pipeline events/s ÷ this path’s (median of rounds, min–max)'],
      [
        [
          'JSON.parse of the event and its invokingEvent (baseline)',
          Math.round(parseRate),
          (bytes / 1e6 / median(parse)).toFixed(1),
          `${ratio.toFixed(2)} (${spread(ratios)}), budget ≥ 0.33`,
        ],
        [
          'JSON.parse of the event text alone (invokingEvent left a string)',
          Math.round(cases.length / median(outer)),
          (bytes / 1e6 / median(outer)).toFixed(1),
          `${median(outerRatios).toFixed(2)} (${spread(outerRatios)}), no budget`,
        ],
        [
          'whole pipeline (event → evaluation)',
          Math.round(pipelineRate),
          (bytes / 1e6 / median(pipeline)).toFixed(1),
          '1.00',
        ],
      ],
    ),
  );
  const counts = Object.entries(verdicts).map(([k, v]) => `${k} ${v}`);
  const met = ratio >= 1 / 3 ? 'met' : 'NOT met';
  console.log(
    `verdicts: ${counts.join(', ')}; pipeline ÷ JSON.parse of the event and its invokingEvent ≥ 0.33: ${met}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await benchPipeline();
