/**
 * Events per second over a sliding window. Arrivals are counted into short buckets rather than
 * stored one by one, so a stream of thousands a second costs a few dozen numbers. Until the
 * window has filled, the rate is taken over the time observed so far (at least one second), so
 * it is neither inflated nor diluted in the first seconds.
 */
const BUCKET_MS = 100;

export class RateMeter {
  private buckets: { start: number; count: number }[] = [];
  private readonly startedAt: number;

  constructor(
    private readonly windowMs = 5000,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.startedAt = now();
  }

  record(count = 1): void {
    const t = this.now();
    const start = t - (t % BUCKET_MS);
    const last = this.buckets[this.buckets.length - 1];
    if (last && last.start === start) last.count += count;
    else this.buckets.push({ start, count });
    this.prune(t);
  }

  /** Events per second. */
  rate(): number {
    const t = this.now();
    this.prune(t);
    const total = this.buckets.reduce((sum, b) => sum + b.count, 0);
    const observed = Math.min(this.windowMs, Math.max(1000, t - this.startedAt));
    return total / (observed / 1000);
  }

  private prune(t: number): void {
    const oldest = t - this.windowMs;
    let drop = 0;
    while (drop < this.buckets.length && this.buckets[drop].start + BUCKET_MS <= oldest) drop++;
    if (drop) this.buckets.splice(0, drop);
  }
}
