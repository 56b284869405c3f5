// The listing read ahead of assembly (rules/_inventory/read-ahead.ts): pages in order, at most the
// cap waiting, a failure after the pages before it and never unhandled, and a close that stops the
// listing.
import { describe, expect, it } from 'vitest';
import { readAhead } from '../rules/_inventory/read-ahead.js';

/** A listing of `count` pages that counts how many it was asked for, failing at `failAt` if given. */
function listing(count: number, failAt?: number) {
  const state = { asked: 0, closed: false };
  async function* pages() {
    try {
      for (let i = 0; i < count; i++) {
        state.asked++;
        await new Promise((r) => setTimeout(r, 1));
        if (i === failAt) throw new Error(`ListEndpoints failed on page ${i}`);
        yield [`endpoint-${i}`];
      }
    } finally {
      state.closed = true;
    }
  }
  return { state, pages: pages() };
}

const settleTimers = () => new Promise((r) => setTimeout(r, 30));

describe('readAhead', () => {
  it('gives every page in the listing order, then done', async () => {
    const { pages } = listing(5);
    const ahead = readAhead(pages, 2);
    const seen: string[][] = [];
    for (let page = await ahead.next(); !page.done; page = await ahead.next()) seen.push(page.value);
    expect(seen).toEqual([0, 1, 2, 3, 4].map((i) => [`endpoint-${i}`]));
    expect(await ahead.next()).toEqual({ done: true, value: undefined });
  });

  it('reads ahead while nothing is taken, up to the cap, and one more for each page taken', async () => {
    const { state, pages } = listing(10);
    const ahead = readAhead(pages, 3);
    await settleTimers();
    expect(state.asked).toBe(3);
    await ahead.next();
    await settleTimers();
    expect(state.asked).toBe(4);
    await ahead.close();
  });

  it("gives a listing's failure after the pages before it, with no unhandled rejection while it waits", async () => {
    const { pages } = listing(5, 2);
    const ahead = readAhead(pages, 10);
    // The failure happens while nobody is waiting: vitest fails the file on an unhandled rejection.
    await settleTimers();
    expect((await ahead.next()).value).toEqual(['endpoint-0']);
    expect((await ahead.next()).value).toEqual(['endpoint-1']);
    await expect(ahead.next()).rejects.toThrow('ListEndpoints failed on page 2');
    expect(await ahead.next()).toEqual({ done: true, value: undefined });
  });

  it('stops reading when closed, and closes the listing', async () => {
    const { state, pages } = listing(100);
    const ahead = readAhead(pages, 50);
    await ahead.next();
    await ahead.close();
    const asked = state.asked;
    await settleTimers();
    expect(state.asked).toBe(asked);
    expect(asked).toBeLessThan(100);
    expect(state.closed).toBe(true);
    expect(await ahead.next()).toEqual({ done: true, value: undefined });
  });
});
