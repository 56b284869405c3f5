// A listing read ahead of the pages being assembled, up to a number of pages. A page cannot be
// assembled before the account-wide reads it needs have finished (the tag map, the monitoring
// schedules: a resource's may come on any of their pages), and until then a listing that waits
// one page ahead waits with them: the run takes the account-wide read's time and then the
// listing's, one after the other. Read ahead, the listing goes on at its own API's rate beside
// them. What waits is the listing's summaries (a name, an ARN, a status and times: a few hundred
// bytes a resource), never a page's Describe output, which is read when its page is assembled.
import { type Settled, settle, unwrap } from '../_core/settled.js';

/**
 * Listing pages kept ahead of assembly: 1,000 pages of 100 summaries, 100,000 resources. With the
 * fake APIs of `npm run bench:scale` the tag map of 150,000 endpoints takes as long as about
 * 1,100 ListEndpoints pages (GetResources and ListEndpoints at the same rate, 100 a page).
 */
export const READ_AHEAD_PAGES = 1_000;

export interface ReadAhead<T> {
  /** The next page in the listing's order; a listing's failure comes in its place, after the pages before it. */
  next(): Promise<IteratorResult<T>>;
  /** Stop reading: the page being read is settled and the listing closed. */
  close(): Promise<void>;
}

export function readAhead<T>(listing: AsyncIterable<T>, maxPages = READ_AHEAD_PAGES): ReadAhead<T> {
  const pages = listing[Symbol.asyncIterator]();
  const queue: Promise<Settled<IteratorResult<T>>>[] = [];
  let reading: Promise<unknown> = Promise.resolve();
  let ended = false;
  let closed = false;
  // Whoever waits for room in the queue (the pump) is woken when a page is taken.
  let wake: (() => void) | undefined;

  async function pump() {
    while (!ended && !closed) {
      if (queue.length >= maxPages) {
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      const page = settle(pages.next());
      queue.push(page);
      reading = page;
      const outcome = await page;
      if (!outcome.ok || outcome.value.done) ended = true;
    }
  }
  // Started at once, as the listing was; its failures are the pages' (settled above): it never rejects.
  void pump();

  return {
    async next() {
      // The pump pushes before it awaits, so a page is queued whenever the listing is not over.
      while (queue.length === 0) {
        if (ended || closed) return { done: true, value: undefined };
        await reading;
        if (queue.length === 0) await Promise.resolve();
      }
      const page = queue.shift()!;
      wake?.();
      wake = undefined;
      return unwrap(page);
    },
    async close() {
      closed = true;
      // Pages read and not taken are dropped: nothing asks for them any more.
      queue.length = 0;
      wake?.();
      await reading;
      await pages.return?.();
    },
  };
}
