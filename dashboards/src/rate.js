// Message-rate bucketing for the "messages per 10 s" chart, computed from stream events in
// the browser. Pure: every method takes the time, so tests need no fake clock.

export const BUCKET_MS = 10_000;
export const WINDOW_MS = 10 * 60_000;

/** Returns the start of the bucket that contains `atMs`, aligned to wall-clock multiples. */
export function bucketStart(atMs, bucketMs = BUCKET_MS) {
  return Math.floor(atMs / bucketMs) * bucketMs;
}

/** Counts messages in fixed buckets and reports the recent window, zero-filled. */
export class MessageRate {
  constructor({ bucketMs = BUCKET_MS, windowMs = WINDOW_MS } = {}) {
    if (!(bucketMs > 0) || windowMs < bucketMs || windowMs % bucketMs !== 0) {
      throw new RangeError(`windowMs (${windowMs}) must be a positive multiple of bucketMs (${bucketMs})`);
    }
    this.bucketMs = bucketMs;
    this.windowMs = windowMs;
    this.counts = new Map();
  }

  /** Counts `count` messages received at `atMs`. */
  record(atMs, count = 1) {
    const key = bucketStart(atMs, this.bucketMs);
    this.counts.set(key, (this.counts.get(key) ?? 0) + count);
  }

  /**
   * Returns `[bucketStartMs, count]` for every bucket of the window that ends with the
   * (still filling) bucket containing `nowMs`, oldest first, and forgets older buckets.
   */
  series(nowMs) {
    const last = bucketStart(nowMs, this.bucketMs);
    const first = last - this.windowMs + this.bucketMs;
    for (const key of this.counts.keys()) if (key < first) this.counts.delete(key);
    const out = [];
    for (let t = first; t <= last; t += this.bucketMs) out.push([t, this.counts.get(t) ?? 0]);
    return out;
  }

  /** Forgets everything, e.g. when the console switches to another community. */
  clear() {
    this.counts.clear();
  }
}
