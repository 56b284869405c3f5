// What a chained run has reported so far (continuation.ts), carried from link to link as a Bloom
// filter of resource keys: the last link's clean-up must never mark NOT_APPLICABLE a resource an
// earlier link reported, and cannot rely on Config listing those results yet (AWS does not say
// how soon GetComplianceDetailsByConfigRule shows a PutEvaluations). A filter never says "not
// reported" of a key it holds; it may say "reported" of one it does not (a false positive), and
// that earlier result is then left as it is, to be cleaned up by a later run: the safe side.
//
// 2^21 bits (256 KB, 350 KB as base64, inside Lambda's 1 MB asynchronous payload:
// https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html) and 7 hashes: about 1 stale result
// in 40 left uncleaned at 270,000 resources, about 1 in 10,000 at 100,000.
import { BloomFilter } from 'bloomfilter';
import { InvalidEventError } from './errors.js';

export const FILTER_BITS = 2 ** 21;
export const FILTER_HASHES = 7;

/** The filter as the report uses it (no type of the package in the pack's declarations). */
export interface KeyFilter {
  add(key: string): void;
  test(key: string): boolean;
  /** The filter as it travels in the chained event: base64. */
  text(): string;
}

function wrap(filter: BloomFilter): KeyFilter {
  return {
    add: (key) => filter.add(key),
    test: (key) => filter.test(key),
    text() {
      const b = filter.buckets;
      return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
    },
  };
}

export function emptyFilter(): KeyFilter {
  return wrap(new BloomFilter(FILTER_BITS, FILTER_HASHES));
}

/** A filter read back from the chained event; a text of another size is no filter of ours. */
export function filterFrom(text: string): KeyFilter {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== FILTER_BITS / 8)
    throw new InvalidEventError(`the reported filter is ${bytes.length} bytes, not ${FILTER_BITS / 8}`);
  // Copied into a buffer of its own: 32-bit words need an aligned start.
  return wrap(new BloomFilter(new Uint32Array(new Uint8Array(bytes).buffer), FILTER_HASHES));
}
