// Types of the `bloomfilter` package (it ships none): the part reported-filter.ts uses.
declare module 'bloomfilter' {
  export class BloomFilter {
    /** `m` bits (or the buckets of a filter to load) and `k` hash functions. */
    constructor(m: number | ArrayLike<number>, k: number);
    readonly m: number;
    readonly k: number;
    readonly buckets: Uint32Array;
    add(value: string): void;
    test(value: string): boolean;
  }
}
