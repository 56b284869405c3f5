// The position a chained link would take a listing up from (continuation.ts), after a page of a
// listing read newest first by CreationTime: the page's oldest creation time, and the ids created
// at that instant so far (the next page may hold more of them). A page out of that order, or an
// item without a creation time, leaves no position: the run does not hand off inside that listing
// rather than skip or repeat a resource.
import type { ResumePoint } from './continuation.js';
import { timeOf, type ConfigItem } from './items.js';

export function positionAfter(previous: ResumePoint, page: readonly ConfigItem[]): ResumePoint | undefined {
  let at = previous.createdBefore === undefined ? Number.POSITIVE_INFINITY : Date.parse(previous.createdBefore);
  let doneAt = previous.doneAt ? [...previous.doneAt] : [];
  for (const item of page) {
    const created = timeOf(item.configuration.CreationTime);
    if (created === undefined || created > at) return undefined;
    if (created < at) {
      at = created;
      doneAt = [];
    }
    doneAt.push(item.resourceId);
  }
  if (at === Number.POSITIVE_INFINITY) return previous;
  return { typeIndex: previous.typeIndex, createdBefore: new Date(at).toISOString(), doneAt };
}
