// The history as one self-contained HTML page (inline style and script, no server, no network):
// a lane per resource along a shared time axis, each change a mark that opens its diff, marks
// coloured by the verdicts the change flipped. Lanes and marks are rendered here, so the page
// reads without script; the script only fills the detail panel when a mark is chosen.
import type { Timeline, TimelineEntry } from './timeline.js';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/** A mark's colour class: what the change did to the verdicts. */
export function markClass(entry: TimelineEntry): string {
  if (entry.flips.some((f) => f.to === 'NON_COMPLIANT')) return 'flip-bad';
  if (entry.flips.some((f) => f.to === 'COMPLIANT')) return 'flip-good';
  if (entry.flips.length > 0) return 'flip-other';
  return 'no-flip';
}

const day = (iso: string) => iso.slice(0, 10);
const minute = (iso: string) => iso.replace('T', ' ').slice(0, 16);
const laneKey = (type: string, id: string) => `${type} ${id}`;

function position(time: string, min: number, max: number): number {
  const PAD = 3;
  if (max <= min) return 50;
  return PAD + ((Date.parse(time) - min) / (max - min)) * (100 - 2 * PAD);
}

const DAY_MS = 86_400_000;

/** Axis labels on whole UTC days, about six of them, or hours when everything is within a day. */
function ticks(min: number, max: number): { left: number; label: string }[] {
  if (max <= min) return [{ left: 50, label: minute(new Date(min).toISOString()) }];
  const span = max - min;
  const unit = span < 2 * DAY_MS ? 3_600_000 : DAY_MS;
  const step = Math.max(1, Math.ceil(span / unit / 6)) * unit;
  const out: { left: number; label: string }[] = [];
  for (let t = Math.ceil(min / unit) * unit; t <= max; t += step) {
    const iso = new Date(t).toISOString();
    out.push({ left: position(iso, min, max), label: unit === DAY_MS ? day(iso) : minute(iso) });
  }
  return out;
}

/** Marks of one lane closer than this (in % of the track) are spread apart so each stays clickable. */
const MIN_GAP = 1.6;
function spread(lefts: number[]): number[] {
  const out: number[] = [];
  for (const left of lefts)
    out.push(out.length > 0 && left - out[out.length - 1]! < MIN_GAP ? out[out.length - 1]! + MIN_GAP : left);
  return out;
}

function markTitle(e: TimelineEntry): string {
  const flips = e.flips.map((f) => `${f.rule} → ${f.to}`).join('; ');
  return `${minute(e.time)} UTC · ${e.kind} · ${e.changes.length} field change${e.changes.length === 1 ? '' : 's'}${flips ? ` · ${flips}` : ''}`;
}

const STYLE = `
:root { --bad: #c62828; --good: #2e7d32; --other: #b26a00; --plain: #4a6fa5; --ink: #1f2328; --muted: #656d76; --line: #d0d7de; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fff; }
header { padding: 20px 24px 8px; border-bottom: 1px solid var(--line); }
h1 { font-size: 20px; margin: 0 0 4px; }
.summary { color: var(--muted); margin: 0 0 8px; }
.legend { display: flex; flex-wrap: wrap; gap: 16px; list-style: none; padding: 0; margin: 8px 0; color: var(--muted); }
.legend .mark { display: inline-block; position: static; transform: none; margin-right: 6px; vertical-align: middle; cursor: default; }
main { padding: 16px 24px 32px; }
#timeline { position: relative; }
.axis { position: relative; height: 28px; margin-left: 260px; border-bottom: 1px solid var(--line); }
.tick { position: absolute; bottom: 0; transform: translateX(-50%); font-size: 12px; color: var(--muted); padding-bottom: 4px; white-space: nowrap; }
.tick::after { content: ""; position: absolute; left: 50%; bottom: -1px; height: 6px; border-left: 1px solid var(--line); }
.lane { display: flex; align-items: center; min-height: 52px; border-bottom: 1px solid #eef1f4; }
.lane-label { width: 260px; flex: none; padding-right: 12px; overflow: hidden; }
.lane-label .name { font-weight: 600; word-break: break-all; }
.lane-label .type { font-size: 12px; color: var(--muted); }
.track { position: relative; flex: 1; height: 52px; }
.track::before { content: ""; position: absolute; left: 0; right: 0; top: 50%; border-top: 2px solid #e6e9ed; }
.mark { position: absolute; top: 50%; transform: translate(-50%, -50%); width: 18px; height: 18px; border-radius: 50%;
  border: 3px solid var(--plain); background: var(--plain); cursor: pointer; padding: 0; }
.mark:focus-visible, .mark[aria-pressed="true"] { outline: 3px solid #0969da; outline-offset: 2px; }
.mark.discovered { background: #fff; }
.mark.deleted { border-radius: 3px; background: var(--ink); border-color: var(--ink); }
.mark.flip-bad { background: var(--bad); border-color: var(--bad); }
.mark.flip-good { background: var(--good); border-color: var(--good); }
.mark.flip-other { background: var(--other); border-color: var(--other); }
.mark.discovered.flip-bad, .mark.discovered.flip-good { background: #fff; }
#detail { margin-top: 20px; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; min-height: 120px; }
#detail h2 { font-size: 16px; margin: 0 0 4px; word-break: break-all; }
#detail .meta { color: var(--muted); margin: 0 0 12px; }
.flips { list-style: none; padding: 0; margin: 0 0 12px; }
.flips li { padding: 4px 8px; border-left: 4px solid var(--other); margin-bottom: 4px; background: #fff8e6; }
.flips li.to-NON_COMPLIANT { border-color: var(--bad); background: #fdecea; }
.flips li.to-COMPLIANT { border-color: var(--good); background: #eaf5ea; }
table.diff { border-collapse: collapse; width: 100%; font-size: 13px; }
table.diff th, table.diff td { border-bottom: 1px solid #eef1f4; padding: 4px 8px; text-align: left; vertical-align: top; }
table.diff td.path { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; word-break: break-all; }
table.diff td.value { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; white-space: pre-wrap; word-break: break-all; max-width: 420px; }
tr.op-added td.op { color: var(--good); } tr.op-removed td.op { color: var(--bad); } tr.op-changed td.op { color: var(--other); }
.verdicts { margin-top: 12px; color: var(--muted); }
.verdicts code { color: var(--ink); }
.hint { color: var(--muted); }
`;

// Fills #detail from the embedded data when a mark is chosen; text goes in through textContent only.
const SCRIPT = `
(function () {
  var entries = JSON.parse(document.getElementById('timeline-data').textContent);
  var detail = document.getElementById('detail');
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
  function show(v) { return v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v, null, 1); }
  function open(index, button) {
    var e = entries[index];
    detail.textContent = '';
    detail.appendChild(el('h2', null, e.resourceType + ' ' + e.resourceId));
    detail.appendChild(el('p', 'meta', e.time.replace('T', ' ').replace(/\\.\\d+Z$/, 'Z') + ' · ' + e.kind + ' · status ' + e.status));
    if (e.flips.length) {
      var ul = el('ul', 'flips');
      e.flips.forEach(function (f) {
        ul.appendChild(el('li', 'to-' + f.to, f.rule + ' became ' + f.to + ' (was ' + f.from + ')' + (f.annotation ? ': ' + f.annotation : '')));
      });
      detail.appendChild(ul);
    }
    if (e.changes.length) {
      var table = el('table', 'diff');
      var head = el('tr');
      ['', 'field', 'before', 'after'].forEach(function (h) { head.appendChild(el('th', null, h)); });
      table.appendChild(head);
      e.changes.forEach(function (c) {
        var tr = el('tr', 'op-' + c.op);
        tr.appendChild(el('td', 'op', c.op));
        tr.appendChild(el('td', 'path', c.path));
        tr.appendChild(el('td', 'value old', show(c.old)));
        tr.appendChild(el('td', 'value new', show(c.new)));
        table.appendChild(tr);
      });
      detail.appendChild(table);
    } else {
      detail.appendChild(el('p', 'hint', e.kind === 'discovered' ? 'First recorded configuration: nothing to compare with.' : 'No field changes.'));
    }
    var names = Object.keys(e.verdicts);
    if (names.length) {
      var p = el('p', 'verdicts', 'Verdicts after this change: ');
      names.forEach(function (r, i) {
        p.appendChild(el('code', null, r + ' ' + e.verdicts[r].complianceType));
        if (i < names.length - 1) p.appendChild(document.createTextNode(', '));
      });
      detail.appendChild(p);
    }
    e.errors.forEach(function (x) { detail.appendChild(el('p', 'hint', x.rule + ' could not evaluate: ' + x.message)); });
    Array.prototype.forEach.call(document.querySelectorAll('.mark[aria-pressed]'), function (m) { m.setAttribute('aria-pressed', 'false'); });
    if (button) button.setAttribute('aria-pressed', 'true');
  }
  Array.prototype.forEach.call(document.querySelectorAll('button.mark[data-entry]'), function (b) {
    b.addEventListener('click', function () { open(Number(b.getAttribute('data-entry')), b); });
  });
})();
`;

/** JSON inside <script>: nothing in it can close the element or break the line. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

export function renderHistoryHtml(timeline: Timeline, generatedAt = new Date()): string {
  const times = timeline.entries.map((e) => Date.parse(e.time)).filter((t) => !Number.isNaN(t));
  const min = times.length ? Math.min(...times) : generatedAt.getTime();
  const max = times.length ? Math.max(...times) : generatedAt.getTime();
  const flips = timeline.entries.reduce((n, e) => n + e.flips.length, 0);
  const lanes = timeline.resources.map((r) => {
    const own = timeline.entries
      .map((e, index) => ({ e, index }))
      .filter(({ e }) => laneKey(e.resourceType, e.resourceId) === laneKey(r.resourceType, r.resourceId));
    const lefts = spread(own.map(({ e }) => position(e.time, min, max)));
    const marks = own
      .map(
        ({ e, index }, i) =>
          `<button type="button" class="mark ${e.kind} ${markClass(e)}" data-entry="${index}" aria-pressed="false" style="left:${lefts[i]!.toFixed(2)}%" title="${escapeHtml(markTitle(e))}" aria-label="${escapeHtml(`${r.resourceId}: ${markTitle(e)}`)}"></button>`,
      )
      .join('');
    return `<div class="lane" data-resource-type="${escapeHtml(r.resourceType)}" data-resource-id="${escapeHtml(r.resourceId)}">
  <div class="lane-label"><div class="name">${escapeHtml(r.resourceName ?? r.resourceId)}</div><div class="type">${escapeHtml(r.resourceType)}</div></div>
  <div class="track">${marks}</div>
</div>`;
  });
  const axis = ticks(min, max)
    .map((t) => `<span class="tick" style="left:${t.left.toFixed(2)}%">${t.label}</span>`)
    .join('');
  const range = times.length
    ? `${minute(new Date(min).toISOString())} – ${minute(new Date(max).toISOString())} UTC`
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
</header>
<main>
<section id="timeline" aria-label="Changes per resource over time">
<div class="axis">${axis}</div>
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
