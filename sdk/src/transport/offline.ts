/**
 * The offline queue: request bodies that could not be sent (retries exhausted, the page hidden
 * with more than a beacon could carry) kept in localStorage and sent again on the next page load
 * of the same origin. Bounded by entry count and characters; the oldest entries make room
 * (counted as `queue_full`), and entries older than `ttl` are dropped on load (`offline_expired`).
 * Loading takes the entries out of storage at once, so two tabs do not both send them.
 */
import type { Chunk } from './chunk';
import type { Drops } from './drops';

interface Entry {
  /** Saved at, ms since the epoch. */
  t: number;
  n: number;
  b: string;
}

export interface OfflineLimits {
  maxEntries: number;
  maxChars: number;
  ttl: number;
}

export const OFFLINE_DEFAULTS: OfflineLimits = { maxEntries: 50, maxChars: 1 << 20, ttl: 86400000 };
const KEY = 'loupe.offline';

export class OfflineStore {
  constructor(
    private readonly drops: Drops,
    private readonly limits: OfflineLimits = OFFLINE_DEFAULTS,
  ) {}

  private read(): Entry[] {
    try {
      return JSON.parse(localStorage.getItem(KEY) || '[]');
    } catch {
      return [];
    }
  }

  /** Keeps `chunk` for a later page load; false when storage is unavailable. */
  save(chunk: Chunk): boolean {
    try {
      const list = this.read();
      list.push({ t: chunk.t ?? Date.now(), n: chunk.n, b: chunk.body });
      let chars = list.reduce((s, e) => s + e.b.length, 0);
      while (list.length > this.limits.maxEntries || chars > this.limits.maxChars) {
        const old = list.shift()!;
        chars -= old.b.length;
        this.drops.count('queue_full', old.n);
      }
      localStorage.setItem(KEY, JSON.stringify(list));
      return true;
    } catch {
      return false;
    }
  }

  /** Every entry still fresh, removed from storage; expired ones are counted and dropped. */
  takeAll(): Chunk[] {
    const list = this.read();
    if (!list.length) return [];
    try {
      localStorage.removeItem(KEY);
    } catch {}
    const now = Date.now();
    const out: Chunk[] = [];
    for (const e of list) {
      if (now - e.t > this.limits.ttl) this.drops.count('offline_expired', e.n);
      else out.push({ body: e.b, n: e.n, bytes: e.b.length, t: e.t });
    }
    return out;
  }
}
