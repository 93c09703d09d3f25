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

export class Sender {
  private pending: Chunk[] = [];
  private inFlight = false;
  private attempt = 0;
  private blockedUntil = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly url: string,
    private readonly fetchFn: typeof fetch,
    private readonly drops: Drops,
    private readonly offline: OfflineStore,
    /** Events waiting at most (maxQueue); beyond it the oldest bodies go to the offline queue. */
    private readonly maxEvents: number,
  ) {}

  send(chunks: Chunk[]): void {
    this.pending.push(...chunks);
    let n = this.pending.reduce((s, c) => s + c.n, 0);
    for (let i = this.inFlight ? 1 : 0; n > this.maxEvents && i < this.pending.length; ) {
      const [old] = this.pending.splice(i, 1);
      n -= old.n;
      this.keep(old, 'queue_full');
    }
    this.pump();
  }

  /** Saves a body for a later page load, or counts it lost. */
  private keep(c: Chunk, reason: DropReason = 'send_failed'): void {
    if (!this.offline.save(c)) this.drops.count(reason, c.n);
  }

  private pump(): void {
    if (this.inFlight || !this.pending.length) return;
    const wait = this.blockedUntil - Date.now();
    if (wait > 0) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.pump(), wait);
      return;
    }
    const c = this.pending[0];
    this.inFlight = true;
    const done = (status: number, retryAfter?: string | null) => {
      this.inFlight = false;
      this.settle(c, status, retryAfter);
      this.pump();
    };
    try {
      this.fetchFn(this.url, {
        method: 'POST',
        body: c.body,
        headers: { 'Content-Type': 'text/plain' },
        keepalive: c.bytes <= BEACON_BYTES,
        credentials: 'omit',
      }).then(
        (r) => done(r.status, r.headers.get('Retry-After')),
        () => done(0),
      );
    } catch {
      done(0);
    }
  }

  private settle(c: Chunk, status: number, retryAfter?: string | null): void {
    const retry = !status || status == 408 || status == 429 || status >= 500;
    if (retry && ++this.attempt < MAX_ATTEMPTS) {
      this.blockedUntil = Date.now() + backoff(this.attempt, retryAfterMs(retryAfter));
      return;
    }
    this.attempt = 0;
    if (this.pending[0] == c) this.pending.shift();
    if (status >= 200 && status < 300) return;
    if (retry) this.keep(c);
    else this.drops.count(status == 413 ? 'too_large' : 'send_failed', c.n);
  }

  /** The page is going away: beacon what is waiting, keep what cannot go now. */
  hide(): void {
    const rest = this.pending.splice(this.inFlight ? 1 : 0);
    const blocked = this.blockedUntil > Date.now();
    for (const c of rest) {
      if (blocked || c.bytes > BEACON_BYTES || !this.beacon(c)) this.keep(c);
    }
  }

  private beacon(c: Chunk): boolean {
    try {
      // A keepalive fetch shares the beacon's 64 KB budget, so it is only worth trying where
      // sendBeacon does not exist; its outcome is unknown here, so it counts as sent.
      if (navigator.sendBeacon) return navigator.sendBeacon(this.url, new Blob([c.body], { type: 'text/plain' }));
      this.fetchFn(this.url, { method: 'POST', body: c.body, headers: { 'Content-Type': 'text/plain' }, keepalive: true, credentials: 'omit' }).catch(() => {});
      return true;
    } catch {
      return false;
    }
  }

  /** Connectivity is back: stop waiting out the backoff. */
  resume(): void {
    this.blockedUntil = 0;
    this.pump();
  }
}
