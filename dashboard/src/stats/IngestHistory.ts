import type { Stats } from './normalizeStats';

/**
 * The ingest-rate series behind the chart, one point per poll of `/v1/stats`.
 *
 * When the server reports a running total of accepted events, a point is the exact average
 * over the poll interval: (total now − total before) / seconds between. That is steadier than a
 * server-side instantaneous rate sampled every few seconds. The reported rate is used for the
 * first point and when there is no total; a total that went down (server restarted) starts over.
 */
export interface RatePoint {
  atMs: number;
  rate: number;
}

export class IngestHistory {
  private points: RatePoint[] = [];
  private previous: { atMs: number; total: number } | null = null;

  constructor(readonly capacity = 60) {}

  get series(): readonly RatePoint[] {
    return this.points;
  }

  add(stats: Pick<Stats, 'ingestTotal' | 'ingestRate'>, atMs: number): void {
    let rate: number | null = null;
    const total = stats.ingestTotal;
    if (total !== null && this.previous && total >= this.previous.total && atMs > this.previous.atMs) {
      rate = (total - this.previous.total) / ((atMs - this.previous.atMs) / 1000);
    } else if (stats.ingestRate !== null) {
      rate = stats.ingestRate;
    }
    this.previous = total !== null ? { atMs, total } : null;
    if (rate === null) return;
    this.points = [...this.points, { atMs, rate: Math.max(0, rate) }].slice(-this.capacity);
  }
}
