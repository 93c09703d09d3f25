/** Why the SDK had to drop events; reported to the server as `system.client_drops`. */
export type DropReason = 'queue_full' | 'rate_limited' | 'too_large' | 'send_failed' | 'offline_expired';

/** Counts dropped events by reason until they are taken into the next batch. */
export class Drops {
  private counts: Partial<Record<DropReason, number>> = {};

  count(reason: DropReason, n = 1): void {
    if (n > 0) this.counts[reason] = (this.counts[reason] || 0) + n;
  }

  /** The counts so far (undefined when nothing was dropped), resetting them. */
  take(): Partial<Record<DropReason, number>> | undefined {
    const c = this.counts;
    this.counts = {};
    return Object.keys(c).length ? c : undefined;
  }
}
