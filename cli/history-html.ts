// The history as one self-contained HTML page (inline style and script, no server, no network):
// a lane per resource along a shared time axis, each change a mark that opens its diff, marks
// coloured by the verdicts the change flipped; under each lane, one band per rule that checks the
// resource, coloured by its verdict from the first item on, each stretch labelled with how long
// it held. Everything is rendered here, so the page reads without script; the script only fills
// the detail panel when a mark is chosen. Layout: history-page/.
import { duration, markLefts, position, shortTime, ticks, type Axis } from './history-page/layout.js';
import { SCRIPT } from './history-page/script.js';
import { verdictSpans, type RuleBand, type VerdictSpan } from './history-page/spans.js';
import { STYLE } from './history-page/style.js';
import type { Timeline, TimelineEntry } from './timeline.js';
import { maxOf, minOf } from '../rules/_core/arrays.js';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/** A mark's colour class: what the change did to the verdicts. */
export function markClass(entry: TimelineEntry): string {
  if (entry.flips.some((f) => f.to === 'NON_COMPLIANT')) return 'flip-bad';
  if (entry.flips.some((f) => f.to === 'COMPLIANT')) return 'flip-good';
  if (entry.flips.length > 0) return 'flip-other';
  return 'no-flip';
}

/** JSON inside <script>: nothing in it can close the element or break the line. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

const minute = (iso: string) => iso.replace('T', ' ').slice(0, 16);

function markTitle(e: TimelineEntry): string {
  const flips = e.flips.map((f) => `${f.rule} → ${f.to}`).join('; ');
  return `${minute(e.time)} UTC · ${e.kind} · ${e.changes.length} field change${e.changes.length === 1 ? '' : 's'}${flips ? ` · ${flips}` : ''}`;
}

/** "sagemaker-…-volume-kms NON_COMPLIANT for 2d 19h: 1 Dec 14:13 → 4 Dec 09:30 UTC · why" */
function spanTitle(rule: string, span: VerdictSpan, withYear: boolean): string {
  const from = Date.parse(span.from);
  const to = Date.parse(span.to);
  const verdict = span.verdict === 'ERROR' ? 'could not evaluate' : span.verdict;
  const held = duration(to - from).long;
  const when = span.open
    ? `since ${shortTime(from, withYear)} UTC, ${held} up to ${shortTime(to, withYear)} UTC (the end of the period read)`
    : `for ${held}: ${shortTime(from, withYear)} → ${shortTime(to, withYear)} UTC`;
  return `${rule} ${verdict} ${when}${span.annotation ? ` · ${span.annotation}` : ''}`;
}

function bandRow(band: RuleBand, axis: Axis, withYear: boolean): string {
  const segs = band.spans.map((span) => {
    const left = position(axis, Date.parse(span.from));
    // An open span runs to the track's end: it still held when the items end.
    const right = span.open ? 100 : position(axis, Date.parse(span.to));
    const held = duration(Date.parse(span.to) - Date.parse(span.from));
    const atLeast = span.open ? '≥' : '';
    const title = escapeHtml(spanTitle(band.rule, span, withYear));
    return `<div class="seg v-${span.verdict}${span.open ? ' open' : ''}" role="img" style="left:${left.toFixed(3)}%;width:${Math.max(0, right - left).toFixed(3)}%" title="${title}" aria-label="${title}"><span class="dur"><span class="long">${atLeast}${held.long}</span><span class="short">${atLeast}${held.short}</span></span></div>`;
  });
  return `<div class="row band" data-rule="${escapeHtml(band.rule)}"><div class="label">${escapeHtml(band.rule)}</div><div class="track band-track">${segs.join('')}</div></div>`;
}

export function renderHistoryHtml(timeline: Timeline, generatedAt = new Date()): string {
  const times = timeline.entries.map((e) => Date.parse(e.time)).filter((t) => !Number.isNaN(t));
  const until = Date.parse(timeline.until ?? '');
  const first = times.length ? minOf(times) : generatedAt.getTime();
  const last = Math.max(times.length ? maxOf(times) : first, Number.isNaN(until) ? first : until);
  const axis: Axis = { start: first, end: last };
  const withYear = new Date(first).getUTCFullYear() !== new Date(last).getUTCFullYear();
  const flips = timeline.entries.reduce((n, e) => n + e.flips.length, 0);
  const bandsByResource = verdictSpans(timeline);
  const lanes = timeline.resources.map((r, n) => {
    const own = timeline.entries
      .map((e, index) => ({ e, index }))
      .filter(({ e }) => e.resourceType === r.resourceType && e.resourceId === r.resourceId);
    const lefts = markLefts(own.map(({ e }) => position(axis, Date.parse(e.time))));
    const marks = own
      .map(
        ({ e, index }, i) =>
          `<button type="button" class="mark ${e.kind} ${markClass(e)}" data-entry="${index}" aria-pressed="false" style="left:${lefts[i]}" title="${escapeHtml(markTitle(e))}" aria-label="${escapeHtml(`${r.resourceId}: ${markTitle(e)}`)}"></button>`,
      )
      .join('');
    const bands = bandsByResource[n]!.bands.map((b) => bandRow(b, axis, withYear)).join('\n');
    return `<div class="lane" data-resource-type="${escapeHtml(r.resourceType)}" data-resource-id="${escapeHtml(r.resourceId)}">
<div class="row"><div class="label"><div class="name">${escapeHtml(r.resourceName ?? r.resourceId)}</div><div class="type">${escapeHtml(r.resourceType)}</div></div><div class="track marks">${marks}</div></div>
${bands}
</div>`;
  });
  const axisTicks = ticks(axis)
    .map(
      (t) =>
        `<span class="tick${t.minor ? ' minor' : ''}${t.align === 'middle' ? '' : ` ${t.align}`}" style="left:${t.left.toFixed(3)}%">${escapeHtml(t.label)}</span>`,
    )
    .join('');
  const untilLine = Number.isNaN(until)
    ? ''
    : `<span class="until" style="left:${position(axis, until).toFixed(3)}%" title="${escapeHtml(`items read up to ${minute(new Date(until).toISOString())} UTC`)}"></span>`;
  const range = times.length
    ? `${minute(new Date(first).toISOString())} – ${minute(new Date(last).toISOString())} UTC`
    : 'no changes';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>${escapeHtml(timeline.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(timeline.title)}</h1>
<p class="summary">${escapeHtml(range)} · ${timeline.resources.length} resource${timeline.resources.length === 1 ? '' : 's'} · ${timeline.entries.length} change${timeline.entries.length === 1 ? '' : 's'} · ${flips} verdict flip${flips === 1 ? '' : 's'} · generated ${minute(generatedAt.toISOString())} UTC by ml-config-rules history</p>
<ul class="legend">
<li><span class="mark discovered no-flip"></span>first recorded</li>
<li><span class="mark no-flip"></span>changed, no verdict flipped</li>
<li><span class="mark flip-bad"></span>a rule became NON_COMPLIANT</li>
<li><span class="mark flip-good"></span>a rule became COMPLIANT</li>
<li><span class="mark flip-other"></span>a rule became NOT_APPLICABLE</li>
<li><span class="mark deleted no-flip"></span>deleted</li>
</ul>
<ul class="legend">
<li><span class="swatch v-COMPLIANT"></span>COMPLIANT</li>
<li><span class="swatch v-NON_COMPLIANT"></span>NON_COMPLIANT</li>
<li><span class="swatch v-NOT_APPLICABLE"></span>NOT_APPLICABLE</li>
<li><span class="swatch v-ERROR"></span>could not evaluate</li>
<li><span class="swatch no-item"></span>no item: before the first, or deleted</li>
<li>each band: one rule's verdict over time, labelled with how long it held (≥: still so when the items end)</li>
</ul>
</header>
<main>
<section id="timeline" aria-label="Changes and verdicts per resource over time">
<div class="row axis-row"><div class="label"></div><div class="track axis">${axisTicks}${untilLine}</div></div>
${lanes.join('\n')}
</section>
<section id="detail" aria-live="polite"><p class="hint">Choose a mark to see what changed.</p></section>
</main>
<script type="application/json" id="timeline-data">${scriptJson(timeline.entries)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
