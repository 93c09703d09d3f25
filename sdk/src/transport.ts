/*
 * Delivery: the batch queue, request bodies, sending with retries, the offline queue and the drop
 * counts, in one closure so that they share their state instead of passing it around.
 *
 * - Queue: serialized events wait until `batchSize` are waiting, `flushInterval` ms after the
 *   first of them, or the page is hidden. A flush puts a `system.client_drops` event first when
 *   anything was dropped since the last one, the session metadata on the first body when the
 *   session has not sent it yet, and splits the events by accumulated size into bodies of at most
 *   64 KB (the budget a browser gives sendBeacon and keepalive fetches) — an event that alone
 *   exceeds it travels in a body of its own, by a normal fetch. A body is
 *   `{"session":{…},"events":[…]}` built by concatenation: events are already JSON.
 * - Sending: one body at a time and in order, through the fetch the page had at init (below the
 *   SDK's wrapper; requests to the endpoint are not recorded either way), as a text/plain string
 *   with the key in `?key=`: a "simple" CORS request, no preflight, and the same URL works for
 *   beacons. 2xx: sent. 413: dropped as `too_large`. Other
 *   4xx (but 408 and 429): dropped as `send_failed`. Network error, 408, 429, 5xx: retried after
 *   exponential backoff with full jitter — a uniformly random delay up to min(60 s, 1 s · 2^attempt),
 *   which spreads the retries of many pages that failed together — never sooner than Retry-After
 *   (capped at 10 minutes; pages asked to wait together spread over a quarter of it more), which
 *   the browser's `online` event does not cut short; the wait holds back everything behind it.
 *   After MAX_ATTEMPTS the body and those behind it go offline, and the offline queue is tried again
 *   OFFLINE_RETRY_MS later while the page stays open.
 * - Page hide: everything not yet in flight goes to navigator.sendBeacon; what a beacon refuses,
 *   or what cannot be beaconed (over 64 KB, or while the server asked to wait), goes offline, and
 *   so does a copy of the body in flight (a closed tab may never see its answer; once it is sent
 *   or refused for good, the copy is removed, and if it was sent after all, the server appends it
 *   once by its batch id), and a copy of each body beaconed while a retry waits out its backoff
 *   (the network may be down; and leaving a page fails its fetch in flight as if it were).
 *   Drops counted after the last body left (storage refusing, the offline queue full) are stored
 *   too (a key of their own, outside the queue's bounds), for the next page load to report.
 * - Beyond `maxQueue` events waiting, the oldest bodies not in flight go offline, stored together
 *   SPILL_MS later or at page hide, whichever comes first, and at once while the page is hidden
 *   (counted `queue_full` if storage refuses).
 * - Offline queue: bodies kept in localStorage, each under a key of its own
 *   (`loupe.offline.<first kept at>.<order><random>`, holding `{b: body, n: events, t: first
 *   kept at}`), and sent on the next page load, when the browser is online again or the page
 *   visible again; at most 50 bodies and 1 M characters stored (the oldest make room, counted
 *   `queue_full`); older than 24 h on load: dropped as `offline_expired`. A key per body means
 *   that a save never rewrites what is stored: two tabs saving at the same moment (each tab's
 *   storage is updated from the others' a little later) cannot overwrite each other's bodies, as
 *   with one list they could. Taking a body removes its key, so that the next page does not send
 *   it again; two tabs loading at the very same moment may still both send one, and its batch
 *   id (see pack) then makes the server append it once.
 * - Drops are counted by reason until the next flush reports them. A body that is lost (refused
 *   by the server, expired offline, pushed out of storage) counts its events for the reason, but
 *   gives back the counts of the `system.client_drops` event it carried, to be reported again,
 *   and, through `lost`, its session metadata, to be sent again.
 */
import { clearTimer, dateNow, setTimer } from './clock';
import { safely } from './guard';
import { byteLen, over } from './limits';
import type { Resolved } from './options';
import { uuid } from './session';

export type DropReason = 'queue_full' | 'rate_limited' | 'too_large' | 'send_failed' | 'offline_expired' | 'before_send';
export type DropCounts = Partial<Record<DropReason, number>>;
/** A request body: its text, the number of events in it and, once kept offline, since when. */
export type Body = { b: string; n: number; t?: number };

export const BEACON_BYTES = 65536;
export const MAX_ATTEMPTS = 5;
export const OFFLINE_BODIES = 50;
export const OFFLINE_CHARS = 1 << 20;
export const OFFLINE_TTL = 864e5;
export const SPILL_MS = 5e3;
export const OFFLINE_RETRY_MS = 6e4;
export const MAX_WAIT_MS = 6e5;
// `loupe.offline.<…>` for each body; `loupe.offline`, a list of them, in earlier versions.
const KEY = 'loupe.offline';
// Drop counts a closing page could not report.
const DROPS_KEY = KEY + '.drops';
/**
 * Orders the bodies that one page keeps in the same millisecond (a fixed width, to sort as text);
 * a random part follows, so that two tabs never choose the same key.
 */
let order = 1e6;

let drops: DropCounts = {};

export const count = (reason: DropReason, n = 1): unknown => n > 0 && (drops[reason] = (drops[reason] || 0) + n);

/** Counts all of `counts` (what a lost body or a closing page had not reported yet). */
const countAll = (counts: any): void => {
  for (const r of Object.keys(counts)) count(r as DropReason, counts[r]);
};

/** Told the text of each body that is lost (see lose). */
let lostHook = (_b: string): void => {};

/**
 * Counts a lost body's events as dropped for `reason` (`c` is the body or its stored text); the
 * counts of a `system.client_drops` event in it are counted again instead (see above).
 */
const lose = (c: Body | string, reason: DropReason): unknown =>
  safely(() => {
    let { b, n }: Body = typeof c == 'string' ? JSON.parse(c) : c;
    const first = b.includes('"system.client_drops"') && JSON.parse(b).events[0];
    if (first?.type == 'system.client_drops') countAll(first.data.drops), n--;
    count(reason, n);
    lostHook(b);
  });

/** The counts so far (undefined when nothing was dropped), resetting them. */
export const takeDrops = (): DropCounts | undefined => {
  const d = drops;
  drops = {};
  return Object.keys(d)[0] ? d : undefined;
};

/** An entry of the offline queue: its key, and its text (stored) or its body (to store, `o` as given). */
type Stored = { k: string; t?: string; c?: Body; o?: Body };

/**
 * The offline queue's keys and texts, oldest first: keys sort by when their body was first kept.
 * Only keys the SDK makes (never a page's own `loupe.offline.settings`), and with `legacy` first
 * the list of bodies that an earlier version kept under `loupe.offline`. A key another tab took
 * meanwhile has no text and is left out.
 */
const stored = (legacy?: 1): Stored[] =>
  Object.keys(localStorage)
    .filter((k) => (legacy && k == KEY) || /^loupe\.offline\.\d+\./.test(k))
    .sort()
    .map((k) => ({ k, t: localStorage.getItem(k)! }))
    .filter((e) => e.t != null);

/**
 * Keeps `bodies` for a later page load, each under a key of its own
 * (`loupe.offline.<first kept at>.<order><random>`); the oldest make room (counted `queue_full`);
 * false when storage is unavailable (or unusable). Each body's key is noted in `keys`. What is kept is the newest run of entries that
 * fits, found from the newest back, so that bodies that cannot fit are never serialized (a spill
 * can hold many). An entry too big to be stored even alone (a network event near 1 MB, whose JSON
 * escaping makes it longer) is left out, counted `too_large`, and the entries before it are still
 * kept. The new entries are written first and the old ones that made room removed after: when
 * storage refuses, what this save wrote is taken back, what was stored stays, nothing is counted,
 * and the caller counts `bodies`.
 */
export const keys = new WeakMap<Body, string>();
export const save = (bodies: Body[]): boolean | undefined => {
  const written: string[] = [];
  try {
    const now = dateNow();
    const list = [...stored(), ...bodies.map((o): Stored => ({ k: `${KEY}.${o.t || now}.${order++}${Math.random()}`, c: { ...o, t: o.t || now }, o }))];
    const dropped: [DropReason, Body | string][] = [];
    let size = 0;
    let kept = 0;
    let i = list.length;
    for (; i-- && kept < OFFLINE_BODIES; ) {
      const e = list[i];
      const t = (e.t ??= JSON.stringify(e.c));
      if (size + t.length <= OFFLINE_CHARS) (size += t.length), kept++, e.c && localStorage.setItem(written[written.push(e.k) - 1], t);
      else if (t.length > OFFLINE_CHARS) dropped.push(['too_large', e.c || t]);
      else break;
    }
    for (const e of list.slice(0, i + 1)) e.c || localStorage.removeItem(e.k), dropped.push(['queue_full', e.c || e.t!]);
    // An old entry's count of events is in its text, read only now that it was dropped (none is
    // counted for a text that the page changed into something else).
    for (const [reason, e] of dropped) lose(e, reason);
    // Only what was written is noted as stored.
    for (const e of list) e.o && written.includes(e.k) && keys.set(e.o, e.k);
    return true;
  } catch {
    safely(() => written.map((k) => localStorage.removeItem(k)));
  }
};

/**
 * Every body kept (but the one under `skip`), removed from storage; those older than the TTL are
 * counted and dropped. The drop counts a closing page stored are counted again, to be reported.
 */
export const takeOffline = (skip?: string): Body[] => {
  const now = dateNow();
  const out: Body[] = [];
  safely(() => {
    const d = localStorage.getItem(DROPS_KEY);
    localStorage.removeItem(DROPS_KEY);
    safely(() => countAll(JSON.parse(d!)));
    for (const { k, t } of stored(1)) {
      // The copy of this page's body in flight, or waiting for its retry, stays (`skip`).
      if (k == skip) continue;
      localStorage.removeItem(k);
      // An earlier version's key holds a list of bodies.
      safely(() => [JSON.parse(t!)].flat().map((e: Body) => (now - e.t! <= OFFLINE_TTL ? out.push(e) : lose(e, 'offline_expired'))));
    }
  });
  return out;
};

/**
 * Stores the drop counts not yet reported (a closing page's), added to those stored before; where
 * storage refuses, they stay counted here.
 */
const saveDrops = (): void => {
  const d = takeDrops();
  if (d)
    try {
      const old = JSON.parse(localStorage.getItem(DROPS_KEY)!) || {};
      for (const r of Object.keys(d)) old[r] = (old[r] || 0) + d[r as DropReason]!;
      localStorage.setItem(DROPS_KEY, JSON.stringify(old));
    } catch {
      countAll(d);
    }
};

/**
 * Delay before retry number `attempt` (1-based): full jitter, or, when the server asked for
 * `floor` ms, that and up to a quarter of it more.
 */
export const backoff = (attempt: number, floor = 0): number => Math.max(floor * (1 + Math.random() / 4), Math.random() * Math.min(6e4, 1e3 * 2 ** attempt));

/** A Retry-After header (seconds or an HTTP date) in ms from `now`, at most MAX_WAIT_MS; 0 when absent or unreadable. */
export const retryAfterMs = (h: string | null | undefined, now = dateNow()): number =>
  Math.min(MAX_WAIT_MS, Math.max(0, (+h! >= 0 ? +h! * 1e3 : Date.parse(h!) - now) || 0));

/**
 * Events in order packed into bodies of at most `max` bytes; the first carries `head`. Each body
 * has an id of its own (`batch`), which it keeps through retries and the offline queue: the server
 * appends a body it is sent twice only once.
 */
export const pack = (events: string[], head = '', max = BEACON_BYTES): Body[] => {
  const out: Body[] = [];
  let parts: string[] = [];
  let size = 0;
  const close = () => {
    if (parts[0]) out.push({ b: `{"batch":"${uuid()}",${out[0] ? '' : head}"events":[${parts}]}`, n: parts.length });
    parts = [];
    // '{"batch":"<36 characters>",', '"events":[' and ']}' and, on the first body, the head.
    size = 60 + (out[0] ? 0 : byteLen(head));
  };
  close();
  for (const json of events) {
    const n = byteLen(json) + 1;
    if (parts[0] && size + n > max) close();
    parts.push(json);
    size += n;
  }
  close();
  return out;
};

export interface Transport {
  /** Queues one serialized event. */
  _add(json: string): void;
  /** Sends what is waiting; `hide`: the page is going away, beacon it. */
  _flush(hide?: boolean): void;
  /** Sends `bodies` after what is pending (the offline queue by default); `resume`: stop waiting out the backoff. */
  _send(bodies?: Body[], resume?: boolean): void;
}

/**
 * `head()` is `"session":{…},` when the session's metadata is due, else ''; `dropsEvent` the
 * serialized `system.client_drops` event for the counts; `lost` is told the text of each body
 * that is lost.
 */
export function createTransport(
  url: string,
  fetchFn: typeof fetch,
  { batchSize, flushInterval, maxQueue, maxEventBytes }: Pick<Resolved, 'batchSize' | 'flushInterval' | 'maxQueue' | 'maxEventBytes'>,
  head: () => string,
  dropsEvent: (counts: DropCounts) => string,
  lost: (body: string) => void = () => {},
): Transport {
  lostHook = lost;
  let items: string[] = [];
  let timer: any;
  const pending: Body[] = [];
  let busy = 0;
  let attempt = 0;
  /** The timer of a retry's wait (the server's Retry-After or the backoff): nothing is sent meanwhile. */
  let waiting: any = 0;
  /** Until when (performance.now()) the server asked to wait. */
  let hold = 0;
  /** The timer that tries the offline queue again. */
  let again: any = 0;
  /** Bodies pushed out by maxQueue, stored together within SPILL_MS (or at page hide). */
  const spill: Body[] = [];
  let spilling: any = 0;

  const big = (c: Body) => over(c.b, BEACON_BYTES) > 0;
  /** Stores bodies offline (a body stored already is not stored again); what storage refuses is lost. */
  const keep = (bodies: Body[], reason: DropReason = 'send_failed') =>
    (bodies = bodies.filter((c) => !keys.has(c)))[0] && !save(bodies) && bodies.map((c) => lose(c, reason));
  const storeSpill = () => keep(spill.splice(0), 'queue_full');

  const pump = (): void => {
    const c = pending[0];
    if (busy || waiting || !c) return;
    busy = 1;
    const done = (status: number, retryAfter?: string | null) => {
      busy = 0;
      const retry = /^(0|408|429|5..)$/.test(status as any);
      // A copy stored at page hide while it was in flight stays while it is retried (the page may
      // be gone before the retry), and is taken back once it is sent or refused for good.
      if (!retry && keys.has(c)) safely(() => localStorage.removeItem(keys.get(c)!)), keys.delete(c);
      const floor = retryAfterMs(retryAfter);
      hold = performance.now() + floor;
      if (retry && ++attempt < MAX_ATTEMPTS) waiting = setTimer(() => ((waiting = 0), pump()), backoff(attempt, floor));
      else {
        attempt = 0;
        pending.shift();
        // Out of attempts, the server is taken to be down: what waits behind goes offline too (in
        // one save), and all of it is tried again a while later, while the page is visible (a
        // hidden page may be discarded with what it took out of storage). Where storage refuses,
        // this body is lost and those behind keep their own attempts.
        if (retry) {
          const out = [c, ...pending].filter((b) => !keys.has(b));
          if (!out[0] || save(out)) (pending.length = 0), (again ||= setTimer(() => ((again = 0), document.hidden || send()), OFFLINE_RETRY_MS));
          else keys.has(c) || lose(c, 'send_failed');
        } else if (!/^2/.test(status as any)) lose(c, status == 413 ? 'too_large' : 'send_failed');
        pump();
      }
    };
    (async () => fetchFn(url, { method: 'POST', body: c.b, keepalive: !big(c), credentials: 'omit' }))().then(
      // A page's stub of fetch, installed before the SDK, may answer anything.
      (r) => done(r?.status, safely(() => r.headers.get('Retry-After'))),
      () => done(0),
    );
  };

  const send = (bodies = takeOffline(keys.get(pending[0])), resume?: boolean) => {
    // Back online: the backoff is not waited out, the server's Retry-After is.
    if (resume && waiting) clearTimer(waiting), (waiting = setTimer(() => ((waiting = 0), pump()), hold - performance.now()));
    pending.push(...bodies);
    // Beyond maxQueue events waiting, the oldest bodies not in flight go offline: stored together
    // a little later, since while the server is down or slow every flush pushes one out, and each
    // save rewrites up to 1 M characters of storage.
    let n = pending.reduce((s, c) => s + c.n, 0);
    while (n > maxQueue && pending[busy]) n -= spill[spill.push(pending.splice(busy, 1)[0]) - 1].n;
    // A hidden page's timers may be throttled for minutes and the page discarded meanwhile: at once.
    if (spill[0]) document.hidden ? storeSpill() : (spilling ||= setTimer(() => ((spilling = 0), storeSpill()), SPILL_MS));
    pump();
  };

  const flush = (hide?: boolean) => {
    clearTimer(timer);
    timer = 0;
    const events = items;
    items = [];
    const d = takeDrops();
    if (d) events.unshift(dropsEvent(d));
    // At page hide they go by beacon, below, not by a fetch started here: as a body in flight it
    // would also be stored, and sent a second time by the next page.
    if (events[0]) hide ? pending.push(...pack(events, head())) : send(pack(events, head()));
    if (hide) {
      storeSpill();
      // A copy of the body in flight: the tab may be closing (nothing is lost if storage refuses it).
      if (busy && !keys.has(pending[0])) save(pending.slice(0, 1));
      // While the server asked to wait, or over 64 KB: stored only. While a retry waits out its
      // backoff, beaconed and a copy stored too: leaving the page fails the fetch in flight as a
      // network error does (seen as one where a pagehide listener of the page's own runs first).
      const asked = hold > performance.now();
      keep(pending.splice(busy).filter((c) => asked || big(c) || !safely(() => navigator.sendBeacon(url, c.b)) || waiting));
      // What is left of pending is in flight: a retry starts over.
      attempt = 0;
      saveDrops();
    }
  };

  return {
    _add: (json) => {
      if (over(json, maxEventBytes) > 0) return void count('too_large');
      if (items[maxQueue - 1]) return void count('queue_full');
      if (items.push(json) >= batchSize) flush();
      else timer ||= setTimer(flush, flushInterval);
    },
    _flush: flush,
    _send: send,
  };
}

/**
 * A token bucket on events per second: `burst` tokens at most, refilled at `rate` per second. Lets
 * a page's start-up burst through while a console.log in a tight loop is cut to `rate`. The
 * returned function takes a token, false when there is none; `peek` only asks whether there is one.
 */
export const tokenBucket = (rate: number, burst: number): (peek?: boolean) => boolean => {
  let tokens = burst;
  let last = dateNow();
  return (peek) => {
    // dateNow(), called on every console call, costs a third of performance.now(); a wall clock
    // set back adds nothing (it would otherwise drain the bucket for as long).
    const now = dateNow();
    tokens = Math.min(burst, tokens + (Math.max(0, now - last) * rate) / 1e3);
    last = now;
    return tokens >= 1 && (peek || tokens-- > 0);
  };
};
