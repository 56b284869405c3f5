// The history page's style. One grid for every row (axis, marks, bands): a label column and a
// track, so a time is at the same x in every row; below 720px the label goes above its track.
// Bands and their duration labels size themselves with container queries, without script.
export const STYLE = `
:root { --bad: #c62828; --good: #2e7d32; --other: #b26a00; --na: #8c959f; --plain: #4a6fa5; --ink: #1f2328;
  --muted: #656d76; --line: #d0d7de; --label: 280px; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fff; }
header { padding: 20px 24px 8px; border-bottom: 1px solid var(--line); }
h1 { font-size: 20px; margin: 0 0 4px; overflow-wrap: anywhere; }
.summary { color: var(--muted); margin: 0 0 8px; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; padding: 0; margin: 8px 0; color: var(--muted); }
.legend .mark { display: inline-block; position: static; transform: none; margin-right: 6px; vertical-align: middle; cursor: default; }
.legend .swatch { display: inline-block; width: 22px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: middle; }
main { padding: 16px 24px 32px; }
.row { display: grid; grid-template-columns: var(--label) minmax(0, 1fr); align-items: center; }
.row > .label { padding-right: 12px; min-width: 0; overflow-wrap: anywhere; }
.track { position: relative; min-width: 0; }
.axis-row { position: sticky; top: 0; z-index: 2; background: #fff; }
.axis { height: 28px; border-bottom: 1px solid var(--line); container: axis / inline-size; }
.tick { position: absolute; bottom: 0; transform: translateX(-50%); font-size: 12px; color: var(--muted); padding-bottom: 4px; white-space: nowrap; }
.tick.start { transform: none; } .tick.end { transform: translateX(-100%); }
.tick::after { content: ""; position: absolute; left: 50%; bottom: -1px; height: 6px; border-left: 1px solid var(--line); }
.tick.start::after { left: 0; } .tick.end::after { left: 100%; }
@container axis (max-width: 560px) { .tick.minor { display: none; } }
.until { position: absolute; top: 0; bottom: -1px; border-left: 1px dashed var(--muted); }
.lane { border-bottom: 1px solid #eef1f4; padding: 6px 0 10px; }
.lane .name { font-weight: 600; }
.lane .type { font-size: 12px; color: var(--muted); }
.marks { height: 40px; }
.marks::before { content: ""; position: absolute; left: 0; right: 0; top: 50%; border-top: 2px solid #e6e9ed; }
.mark { position: absolute; top: 50%; transform: translate(-50%, -50%); width: 18px; height: 18px; border-radius: 50%;
  border: 3px solid var(--plain); background: var(--plain); cursor: pointer; padding: 0; }
.mark:focus-visible, .mark[aria-pressed="true"] { outline: 3px solid #0969da; outline-offset: 2px; z-index: 1; }
.mark.discovered { background: #fff; }
.mark.deleted { border-radius: 3px; background: var(--ink); border-color: var(--ink); }
.mark.flip-bad { background: var(--bad); border-color: var(--bad); }
.mark.flip-good { background: var(--good); border-color: var(--good); }
.mark.flip-other { background: var(--other); border-color: var(--other); }
.mark.discovered.flip-bad, .mark.discovered.flip-good { background: #fff; }
.band { margin-top: 3px; }
.band > .label { font: 12px/1.3 ui-monospace, SFMono-Regular, Menlo, monospace; color: var(--muted); }
.band-track, .swatch.no-item { height: 18px; background: repeating-linear-gradient(90deg, #eef0f2 0 6px, #fff 6px 12px); }
.swatch.no-item { height: 10px; box-shadow: inset 0 0 0 1px var(--line); }
.seg { position: absolute; top: 0; bottom: 0; overflow: hidden; white-space: nowrap; color: #fff; font-size: 11px;
  line-height: 18px; padding: 0 4px; border-right: 1px solid #fff; container: seg / inline-size; }
.v-COMPLIANT { background: var(--good); }
.v-NON_COMPLIANT { background: var(--bad); }
.v-NOT_APPLICABLE { background: var(--na); }
.v-ERROR { background: repeating-linear-gradient(45deg, #6e7781 0 4px, #8c959f 4px 8px); }
.seg .short { display: none; }
@container seg (max-width: 56px) { .seg .long { display: none; } .seg .short { display: inline; } }
@container seg (max-width: 22px) { .seg .dur { display: none; } }
#detail { margin-top: 20px; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; min-height: 120px; overflow-wrap: anywhere; }
#detail h2 { font-size: 16px; margin: 0 0 4px; }
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
@media (max-width: 720px) {
  header { padding: 16px 16px 8px; } main { padding: 12px 16px 24px; }
  .row { grid-template-columns: minmax(0, 1fr); }
  .axis-row > .label { display: none; }
  .band > .label { padding: 2px 0 1px; }
  /* The diff reads as a list: field, then before and after, each on its own line. */
  table.diff, table.diff tr { display: block; }
  table.diff tr:first-child { display: none; }
  table.diff tr { border-bottom: 1px solid #eef1f4; padding: 4px 0; }
  table.diff td { display: block; border: 0; padding: 1px 0; max-width: none; }
  table.diff td.op, table.diff td.path { display: inline; margin-right: 6px; }
  table.diff td.value:empty { display: none; }
  table.diff td.old::before { content: "before: "; color: var(--muted); }
  table.diff td.new::before { content: "after: "; color: var(--muted); }
}
`;
