// State over time: for each resource and each rule that checks it, the spans during which the
// rule's verdict held, from the resource's first item on. An entry carries every rule's verdict
// after it, so a verdict holds from its entry to the next entry of the same resource; a change
// that flips nothing continues the span. A deletion ends every span (no rule applies to a deleted
// resource) until the resource is created again. The last span is open: the verdict still held
// at the end of the period read (Timeline.until).
import type { ComplianceType } from '../../rules/_core/rule.js';
import type { Timeline, TimelineEntry } from '../timeline.js';

/** A rule's verdict, or ERROR when the rule could not evaluate the item. */
export type SpanVerdict = ComplianceType | 'ERROR';

export interface VerdictSpan {
  verdict: SpanVerdict;
  from: string;
  to: string;
  /** Still so at the end of the period read: the span may go on after `to`. */
  open: boolean;
  /** Why, as the rule said when the span began. */
  annotation?: string;
}

export interface RuleBand {
  rule: string;
  spans: VerdictSpan[];
}

export interface ResourceBands {
  resourceType: string;
  resourceId: string;
  bands: RuleBand[];
}

function verdictOf(entry: TimelineEntry, rule: string): { verdict: SpanVerdict; annotation?: string } | undefined {
  const v = entry.verdicts[rule];
  if (v) return { verdict: v.complianceType, ...(v.annotation ? { annotation: v.annotation } : {}) };
  const error = entry.errors.find((e) => e.rule === rule);
  return error ? { verdict: 'ERROR', annotation: error.message } : undefined;
}

/** One band per rule for one resource's entries (oldest first). */
function bandsOf(entries: TimelineEntry[], until: string): RuleBand[] {
  const rules = [
    ...new Set(entries.flatMap((e) => [...Object.keys(e.verdicts), ...e.errors.map((x) => x.rule)])),
  ].sort();
  return rules.map((rule) => {
    const spans: VerdictSpan[] = [];
    entries.forEach((entry, i) => {
      const next = entries[i + 1];
      const now = entry.kind === 'deleted' ? undefined : verdictOf(entry, rule);
      const last = spans[spans.length - 1];
      if (now && last && last.to === entry.time && last.verdict === now.verdict) {
        // Nothing flipped for this rule: the same span goes on.
        last.to = next?.time ?? until;
        last.open = !next;
        return;
      }
      if (!now) return;
      spans.push({
        verdict: now.verdict,
        from: entry.time,
        to: next?.time ?? until,
        open: !next,
        ...(now.annotation ? { annotation: now.annotation } : {}),
      });
    });
    return { rule, spans };
  });
}

export function verdictSpans(timeline: Timeline): ResourceBands[] {
  const latest = timeline.entries.reduce(
    (t, e) => (Date.parse(e.time) > Date.parse(t) ? e.time : t),
    timeline.entries[0]?.time ?? '',
  );
  const until = timeline.until && Date.parse(timeline.until) > Date.parse(latest) ? timeline.until : latest;
  return timeline.resources.map((r) => {
    const own = timeline.entries.filter((e) => e.resourceType === r.resourceType && e.resourceId === r.resourceId);
    return { resourceType: r.resourceType, resourceId: r.resourceId, bands: bandsOf(own, until) };
  });
}
