// How a scheduled run hands off to its next link (continuation.ts): when to stop, and the
// asynchronous invocation of the function's own ARN that starts the next link.
// InvocationType Event queues the event and returns at once (202); Lambda may deliver a queued
// event more than once, and retries a link that fails twice more:
// https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html
// https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
// A link run twice sends the same verdicts twice, with the same ordering timestamp, and the same
// account summary: Config keeps one result per resource.

import { chainedEvent, type Continuation, type ResumePoint } from './continuation.js';
import { invokeAsync } from './lambda-invoke.js';
import type { ReportResult, ReportStream } from './reporting.js';

/**
 * Time a link keeps for handing off, at least: the batch in flight, the rest of its evaluations
 * (at most two PutEvaluations calls) and one Invoke call, each retried under throttling. The
 * margin grows with the pages: twice the longest gap between two pages after the first (the
 * first waits for the account-wide reads, which a link makes once).
 */
export const HANDOFF_MARGIN_MS = 60_000;

/** The Lambda context's clock, where the runtime gives one. */
export interface RemainingTime {
  getRemainingTimeInMillis?(): number;
}

export interface HandOffClock {
  /** Called after each page: whether the link should stop here and hand off. */
  due(): boolean;
}

export function handOffClock(context: RemainingTime, now: () => number = Date.now): HandOffClock | undefined {
  const remaining = context.getRemainingTimeInMillis?.bind(context);
  if (!remaining) return undefined;
  let last: number | undefined;
  let longest = 0;
  return {
    due() {
      const at = now();
      if (last !== undefined) longest = Math.max(longest, at - last);
      last = at;
      return remaining() < Math.max(HANDOFF_MARGIN_MS, 2 * longest);
    },
  };
}

/**
 * The end of a link that hands off: the rest of its own evaluations sent (never the summary or
 * the clean-up, which the last link sends), then the next link invoked with Config's event and
 * where to go on from.
 */
export async function handOffTo(
  functionArn: string,
  event: object,
  continuation: Continuation | undefined,
  resume: ResumePoint,
  stream: ReportStream,
): Promise<{ done: ReportResult; link: number }> {
  if (!stream.handOff) throw new Error('this report cannot hand off');
  const done = await stream.handOff();
  const next: Continuation = {
    link: (continuation?.link ?? 1) + 1,
    resume,
    sentBefore: (continuation?.sentBefore ?? 0) + done.evaluations,
    summary: done.summary,
    reported: done.reported,
  };
  await invokeNextLink(functionArn, chainedEvent(event, next));
  return { done, link: next.link };
}

/** Starts the next link: the function's own ARN, invoked asynchronously with the chained event. */
async function invokeNextLink(functionArn: string, payload: string): Promise<void> {
  const status = await invokeAsync(functionArn, payload);
  // 202 is the documented answer to an asynchronous invocation.
  if (status !== 202) throw new Error(`Invoke of the next link answered ${status}, not 202`);
}
