// A scheduled run split across Lambda invocations ("links"), chained on a listing's position.
// One invocation runs for at most 15 minutes:
// https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
// With `npm run bench:scale`'s measurement (bench/README.md), the monitoring rule would pass that
// at about 270,000 endpoints. A link that nears its deadline stops after a page, sends what it
// has, and invokes its own function asynchronously (InvocationType Event) with the event Config
// sent and this continuation added under CONTINUATION_FIELD. The next link lists from where the
// last page ended; the last link sends the account summary and the clean-up. See docs/scale.md.
//
// The continuation is bounded whatever the account's size: a position in the listing, the account
// summary's running count (at most 86 names) and a filter of what the run reported so far
// (reported-filter.ts, 350 KB). Lambda takes an asynchronous payload of up to 1 MB:
// https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html
import { InvalidEventError } from './errors.js';
import type { JsonObject } from './items.js';

export const CONTINUATION_FIELD = 'mlConfigRulesContinuation';

/** The largest chained event sent: inside Lambda's 1 MB for an asynchronous payload. */
export const MAX_CHAINED_EVENT_BYTES = 900 * 1024;

/**
 * Where the next link starts: the rule's `typeIndex`th scheduled type, listed from resources
 * created at or before `createdBefore` (newest first), leaving out the ids in `doneAt`, those
 * created at that very instant that an earlier link already evaluated. No `createdBefore`: the
 * type from its start.
 */
export interface ResumePoint {
  typeIndex: number;
  createdBefore?: string;
  doneAt?: string[];
}

/** The account summary's running count (account-summary.ts), as it stands at the hand-off. */
export interface TallyState {
  total: number;
  offenders: number;
  names: string[];
}

export interface Continuation {
  /** 2 for the first chained link, and so on. */
  link: number;
  resume: ResumePoint;
  /** The rule's own evaluations Config took in the links before this one. */
  sentBefore: number;
  summary?: TallyState;
  /** What the earlier links reported: a Bloom filter of resource keys, base64 (reported-filter.ts). */
  reported: string;
}

const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');
const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

function invalid(what: string): never {
  throw new InvalidEventError(`${CONTINUATION_FIELD}: ${what}`);
}

function resumeOf(value: unknown): ResumePoint {
  if (!value || typeof value !== 'object') invalid('resume must be an object');
  const r = value as JsonObject;
  if (!isCount(r.typeIndex)) invalid('resume.typeIndex must be a whole number');
  const out: ResumePoint = { typeIndex: r.typeIndex };
  if (r.createdBefore !== undefined) {
    if (typeof r.createdBefore !== 'string' || Number.isNaN(Date.parse(r.createdBefore)))
      invalid('resume.createdBefore must be an ISO time');
    out.createdBefore = r.createdBefore;
  }
  if (r.doneAt !== undefined) {
    if (!isStrings(r.doneAt)) invalid('resume.doneAt must be a list of ids');
    out.doneAt = r.doneAt;
  }
  return out;
}

function tallyOf(value: unknown): TallyState {
  const t = (value ?? {}) as JsonObject;
  if (!isCount(t.total) || !isCount(t.offenders) || !isStrings(t.names))
    invalid('summary must hold total, offenders and names');
  return { total: t.total, offenders: t.offenders, names: t.names };
}

/** The continuation an event carries, checked; undefined for an event as Config sends it. */
export function continuationOf(event: unknown): Continuation | undefined {
  const value = (event as JsonObject | null)?.[CONTINUATION_FIELD];
  if (value === undefined) return undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value)) invalid('must be an object');
  const c = value as JsonObject;
  if (!isCount(c.link) || c.link < 2) invalid('link must be a whole number of 2 or more');
  if (!isCount(c.sentBefore)) invalid('sentBefore must be a whole number');
  if (typeof c.reported !== 'string') invalid('reported must be the filter of what was reported, as base64');
  return {
    link: c.link,
    resume: resumeOf(c.resume),
    sentBefore: c.sentBefore,
    ...(c.summary !== undefined ? { summary: tallyOf(c.summary) } : {}),
    reported: c.reported,
  };
}

/** The event the next link is invoked with: Config's own event, and where to go on from. */
export function chainedEvent(event: object, continuation: Continuation): string {
  const { [CONTINUATION_FIELD]: _previous, ...original } = event as JsonObject;
  const text = JSON.stringify({ ...original, [CONTINUATION_FIELD]: continuation });
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_CHAINED_EVENT_BYTES)
    throw new Error(
      `the chained event is ${bytes} bytes, over ${MAX_CHAINED_EVENT_BYTES}: the run cannot hand off (${continuation.resume.doneAt?.length ?? 0} ids created at one instant)`,
    );
  return text;
}
