/*
 * Sends request bodies to POST /v1/events, one at a time and in order, with the ORIGINAL fetch
 * (captured before the page's fetch was wrapped, so the SDK never records its own uploads).
 *
 * - 2xx: sent. 413: dropped as `too_large`. Other 4xx (but 408 and 429): dropped as `send_failed`
 *   — sending again cannot help.
 * - Network error, 408, 429, 5xx: retried after backoff(attempt, Retry-After); the wait applies
 *   to everything behind it, so a 429 pauses the whole pipe. After MAX_ATTEMPTS the body goes to
 *   the offline queue (or is dropped as `send_failed` when storage is unavailable).
 * - Page hide: everything not yet in flight is handed to navigator.sendBeacon (a keepalive fetch
 *   where there is none); what the beacon refuses goes to the offline queue. Beacons share a 64 KB
 *   budget, so after a full one the rest usually goes offline and is sent on the next page load.
 *
 * Bodies are text/plain with the key in `?key=`: a "simple" CORS request, so no preflight, and the
 * same URL works for beacons, which cannot set headers.
 */
import { backoff, retryAfterMs } from './backoff';
import { BEACON_BYTES, type Chunk } from './chunk';
import type { DropReason, Drops } from './drops';
import type { OfflineStore } from './offline';

export const MAX_ATTEMPTS = 5;
const TEXT = 'text/plain';

export interface Sender {
  _send(chunks: Chunk[]): void;
  /** The page is going away: beacon what is waiting, keep what cannot go now. */
  _hide(): void;
  /** Connectivity is back: stop waiting out the backoff. */
  _resume(): void;
}

/** `maxEvents` (maxQueue): events waiting at most; beyond it the oldest bodies go to the offline queue. */
export function createSender(url: string, fetchFn: typeof fetch, drops: Drops, offline: OfflineStore, maxEvents: number): Sender {
  const pending: Chunk[] = [];
  let inFlight = 0;
  let attempt = 0;
  let blockedUntil = 0;
  let timer: ReturnType<typeof setTimeout>;

  /** Saves a body for a later page load, or counts it lost. */
  const keep = (c: Chunk, reason: DropReason = 'send_failed') => offline._save(c) || drops._count(reason, c._n);
  const post = (c: Chunk, keepalive: boolean) =>
    fetchFn(url, { method: 'POST', body: c._body, headers: { 'Content-Type': TEXT }, keepalive, credentials: 'omit' });

  const pump = (): void => {
    if (inFlight || !pending[0]) return;
    const wait = blockedUntil - Date.now();
    if (wait > 0) {
      clearTimeout(timer);
      timer = setTimeout(pump, wait);
      return;
    }
    const c = pending[0];
    inFlight = 1;
    const done = (status: number, retryAfter?: string | null) => {
      inFlight = 0;
      const retry = !status || status == 408 || status == 429 || status >= 500;
      if (retry && ++attempt < MAX_ATTEMPTS) {
        blockedUntil = Date.now() + backoff(attempt, retryAfterMs(retryAfter));
      } else {
        attempt = 0;
        if (pending[0] == c) pending.shift();
        if (status < 200 || status > 299) retry ? keep(c) : drops._count(status == 413 ? 'too_large' : 'send_failed', c._n);
      }
      pump();
    };
    try {
      post(c, c._bytes <= BEACON_BYTES).then(
        (r) => done(r.status, r.headers.get('Retry-After')),
        () => done(0),
      );
    } catch {
      done(0);
    }
  };

  // A keepalive fetch shares the beacon's 64 KB budget, so it is only worth trying where
  // sendBeacon does not exist; its outcome is unknown here, so it counts as sent.
  const beacon = (c: Chunk): boolean => {
    try {
      return navigator.sendBeacon ? navigator.sendBeacon(url, new Blob([c._body], { type: TEXT })) : (post(c, true).catch(() => {}), true);
    } catch {
      return false;
    }
  };

  return {
    _send: (chunks) => {
      pending.push(...chunks);
      let n = pending.reduce((s, c) => s + c._n, 0);
      for (let i = inFlight; n > maxEvents && i < pending.length; ) {
        const [old] = pending.splice(i, 1);
        n -= old._n;
        keep(old, 'queue_full');
      }
      pump();
    },
    _hide: () => {
      const blocked = blockedUntil > Date.now();
      for (const c of pending.splice(inFlight)) if (blocked || c._bytes > BEACON_BYTES || !beacon(c)) keep(c);
    },
    _resume: () => {
      blockedUntil = 0;
      pump();
    },
  };
}
