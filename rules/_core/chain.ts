// How a scheduled run hands off to its next link (continuation.ts): when to stop, and the
// asynchronous invocation of the function's own ARN that starts the next link.
// InvocationType Event queues the event and returns at once (202); Lambda may deliver a queued
// event more than once, and retries a link that fails twice more:
// https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html
// https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
// A link run twice sends the same verdicts twice, with the same ordering timestamp, and the same
// account summary: Config keeps one result per resource.
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { clientConfig } from './clients.js';

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

let lambda: LambdaClient | undefined;

/** Starts the next link: the function's own ARN, invoked asynchronously with the chained event. */
export async function invokeNextLink(functionArn: string, payload: string): Promise<void> {
  const { InvokeCommand, LambdaClient } = await import('@aws-sdk/client-lambda');
  // The function's own role, also when the run is for a member account.
  lambda ??= new LambdaClient(clientConfig());
  const out = await lambda.send(
    new InvokeCommand({ FunctionName: functionArn, InvocationType: 'Event', Payload: Buffer.from(payload) }),
  );
  // 202 is the documented answer to an asynchronous invocation.
  if (out.StatusCode !== 202) throw new Error(`Invoke of the next link answered ${out.StatusCode}, not 202`);
}
