/**
 * Counts over a sliding time window, kept as a ring of fixed buckets so that adding and summing cost a
 * few array reads and no allocation. The window covers between `buckets - 1` and `buckets` bucket
 * lengths: precision is traded for constant memory, which suits breaker and retry-budget ratios.
 * Several counters ("channels") share one ring so that, say, requests and failures always expire together.
 *
 * @example
 * const w = new BucketWindow(10_000, 10, 2); // 10 s in 1 s buckets; channel 0 = requests, 1 = failures
 * w.add(now, 0);
 * w.total(now, 0); // 1
 */
export class BucketWindow {
  private readonly bucketMs: number;
  /** The bucket number (time / bucketMs) each slot currently holds, or -1 when the slot is empty. */
  private readonly epochs: Float64Array;
  private readonly counts: Float64Array;

  constructor(
    windowMs: number,
    private readonly buckets: number,
    private readonly channels: number,
  ) {
    this.bucketMs = windowMs / buckets;
    this.epochs = new Float64Array(buckets).fill(-1);
    this.counts = new Float64Array(buckets * channels);
  }

  /** Adds `n` to a channel in the bucket of `now`. */
  add(now: number, channel: number, n = 1): void {
    const epoch = Math.floor(now / this.bucketMs);
    const slot = epoch % this.buckets;
    const base = slot * this.channels;
    if (this.epochs[slot] !== epoch) {
      // The slot still holds an older bucket: recycle it.
      this.epochs[slot] = epoch;
      this.counts.fill(0, base, base + this.channels);
    }
    this.counts[base + channel]! += n;
  }

  /** The sum of a channel over the buckets still inside the window at `now`. */
  total(now: number, channel: number): number {
    const epoch = Math.floor(now / this.bucketMs);
    let sum = 0;
    for (let slot = 0; slot < this.buckets; slot++) {
      const e = this.epochs[slot]!;
      if (e > epoch - this.buckets && e <= epoch) sum += this.counts[slot * this.channels + channel]!;
    }
    return sum;
  }

  /** Forgets everything (a breaker closing after a good probe starts from a clean slate). */
  clear(): void {
    this.epochs.fill(-1);
    this.counts.fill(0);
  }
}
