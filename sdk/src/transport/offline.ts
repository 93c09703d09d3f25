/**
 * The offline queue: request bodies that could not be sent (retries exhausted, the page hidden
 * with more than a beacon could carry) kept in localStorage and sent again on the next page load
 * of the same origin. Bounded by entry count and characters; the oldest entries make room
 * (counted as `queue_full`), and entries older than `ttl` are dropped on load (`offline_expired`).
 * Loading takes the entries out of storage at once, so two tabs do not both send them.
 */
import type { Chunk } from './chunk';
import type { Drops } from './drops';

/** Saved at (ms since the epoch), events, body. */
type Entry = { t: number; n: number; b: string };

export interface OfflineLimits {
  maxEntries: number;
  maxChars: number;
  ttl: number;
}

export interface OfflineStore {
  /** Keeps `chunk` for a later page load; false when storage is unavailable. */
  _save(chunk: Chunk): boolean;
  /** Every entry still fresh, removed from storage; expired ones are counted and dropped. */
  _takeAll(): Chunk[];
}

export const OFFLINE_DEFAULTS: OfflineLimits = { maxEntries: 50, maxChars: 1 << 20, ttl: 864e5 };
const KEY = 'loupe.offline';

export function createOffline(drops: Drops, limits = OFFLINE_DEFAULTS): OfflineStore {
  const read = (): Entry[] => {
    try {
      const list = JSON.parse(localStorage.getItem(KEY)!);
      if (Array.isArray(list)) return list;
    } catch {}
    return [];
  };
  return {
    _save: (c) => {
      try {
        const list = read();
        list.push({ t: c._t || Date.now(), n: c._n, b: c._body });
        let chars = list.reduce((s, e) => s + e.b.length, 0);
        while (list.length > limits.maxEntries || chars > limits.maxChars) {
          const old = list.shift()!;
          chars -= old.b.length;
          drops._count('queue_full', old.n);
        }
        localStorage.setItem(KEY, JSON.stringify(list));
        return true;
      } catch {
        return false;
      }
    },
    _takeAll: () => {
      const list = read();
      try {
        localStorage.removeItem(KEY);
      } catch {}
      const now = Date.now();
      return list.filter((e) => now - e.t <= limits.ttl || (drops._count('offline_expired', e.n), 0)).map((e) => ({ _body: e.b, _n: e.n, _bytes: e.b.length, _t: e.t }));
    },
  };
}
