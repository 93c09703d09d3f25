/** Why the SDK had to drop events; reported to the server as `system.client_drops`. */
export type DropReason = 'queue_full' | 'rate_limited' | 'too_large' | 'send_failed' | 'offline_expired';
export type DropCounts = Partial<Record<DropReason, number>>;

/** Counts dropped events by reason until they are taken into the next batch. */
export interface Drops {
  _count(reason: DropReason, n?: number): void;
  /** The counts so far (undefined when nothing was dropped), resetting them. */
  _take(): DropCounts | undefined;
}

export function createDrops(): Drops {
  let counts: DropCounts = {};
  return {
    _count: (reason, n = 1) => {
      if (n > 0) counts[reason] = (counts[reason] || 0) + n;
    },
    _take: () => {
      const c = counts;
      counts = {};
      for (const _ in c) return c;
    },
  };
}
