// Delivery when things go wrong: a tab closed with a body in flight, a long outage, bodies the
// server refuses, drop counts that must not be lost with them, waits the server asked for, and
// clocks that jump.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  backoff,
  count,
  createTransport,
  MAX_ATTEMPTS,
  MAX_WAIT_MS,
  OFFLINE_RETRY_MS,
  OFFLINE_TTL,
  pack,
  retryAfterMs,
  save,
  takeDrops,
  takeOffline,
  tokenBucket,
} from '../src/transport';
import { ev, fakeFetch, offlineKeys, pipeline, sentEvents, settle } from './transport-helpers';

beforeEach(() => {
  vi.useFakeTimers();
  localStorage.clear();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  Reflect.deleteProperty(navigator, 'sendBeacon');
});

const drops = (counts: object) => JSON.stringify({ type: 'system.client_drops', data: { drops: counts } });

/** A page hidden while its one body is in flight, whose answer comes when `answer` is called. */
function hiddenWithBodyInFlight() {
  const answers: ((r: Response) => void)[] = [];
  const fetchFn = vi.fn(() => new Promise<Response>((r) => answers.push(r))) as unknown as typeof fetch;
  Object.defineProperty(navigator, 'sendBeacon', { value: vi.fn(() => true), configurable: true });
  const queue = pipeline(fetchFn);
  queue._add(ev(1));
  queue._flush();
  queue._flush(true);
  return { fetchFn, queue, answer: (r: Response) => answers.shift()!(r) };
}

describe('delivery when things go wrong', () => {
  it('keeps a copy of the body in flight at page hide until it is sent', async () => {
    const { answer } = hiddenWithBodyInFlight();
    // A closed tab never sees the answer: the next page load sends the copy (its batch id lets
    // the server append it once).
    expect(offlineKeys()).toHaveLength(1);
    // A failure keeps it while the body is retried (the page may be gone before the retry)...
    answer(new Response(null, { status: 503 }));
    await settle();
    expect(offlineKeys()).toHaveLength(1);
    // ...and once it is sent, the copy goes.
    await vi.advanceTimersByTimeAsync(60_000);
    answer(new Response(null, { status: 202 }));
    await settle();
    expect(offlineKeys()).toEqual([]);
    expect(takeDrops()).toBeUndefined();
  });

  it('takes the server for down after a body ran out of attempts, and tries again while the page stays open', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const f = fakeFetch(...Array(MAX_ATTEMPTS).fill(503));
    const queue = pipeline(f.fn);
    queue._add(ev(1));
    queue._flush();
    queue._add(ev(2));
    queue._flush();
    for (let i = 0; i < 2 * MAX_ATTEMPTS; i++) await vi.advanceTimersByTimeAsync(1), await settle();
    // The body behind went offline with it, without attempts of its own.
    expect(f.calls).toHaveBeenCalledTimes(MAX_ATTEMPTS);
    expect(offlineKeys()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(OFFLINE_RETRY_MS);
    await settle();
    expect(offlineKeys()).toEqual([]);
    expect(sentEvents(f.bodies.slice(-2)).map((e) => e.data.i)).toEqual([1, 2]);
    expect(takeDrops()).toBeUndefined();
  });

  it('gives back the drop counts a lost body carried, and its session metadata', async () => {
    const lost: string[] = [];
    const f = fakeFetch(413);
    takeDrops();
    const options = { batchSize: 20, flushInterval: 2000, maxQueue: 1000, maxEventBytes: 1 << 20 };
    const queue = createTransport('https://loupe.test/v1/events?key=k', f.fn, options, () => '"session":{"session_id":"s1"},', drops, (b) => lost.push(b));
    count('rate_limited', 7);
    queue._add(ev(1));
    queue._flush();
    await settle();
    // The body (the report and one event) was refused as too large: its event is counted, and the
    // report's counts are given back, to go out again; so is the session metadata it carried.
    expect(takeDrops()).toEqual({ rate_limited: 7, too_large: 1 });
    expect(lost).toHaveLength(1);
    expect(JSON.parse(lost[0]).session).toEqual({ session_id: 's1' });

    // The same when a stored body expires offline.
    const [old] = pack([drops({ queue_full: 3 }), ev(2), ev(3)]);
    localStorage.setItem(`loupe.offline.${Date.now() - OFFLINE_TTL - 1}.1000000`, JSON.stringify({ ...old, t: Date.now() - OFFLINE_TTL - 1 }));
    expect(takeOffline()).toEqual([]);
    expect(takeDrops()).toEqual({ queue_full: 3, offline_expired: 2 });
  });

  it('does not take back the copy of a body it is still retrying when the page is shown again', async () => {
    const { fetchFn, queue, answer } = hiddenWithBodyInFlight();
    answer(new Response(null, { status: 503, headers: { 'Retry-After': '3' } }));
    await settle();
    // Shown again during the wait: the offline queue is sent, but the copy is of the body retried.
    queue._send();
    await vi.advanceTimersByTimeAsync(60_000);
    answer(new Response(null, { status: 400 }));
    await settle();
    expect(fetchFn).toHaveBeenCalledTimes(2);
    expect(takeDrops()).toEqual({ send_failed: 1 });
    expect(offlineKeys()).toEqual([]);
  });

  it('beacons, and keeps a copy of, what waits for a retry after a network error at page hide', async () => {
    const beacons: string[] = [];
    Object.defineProperty(navigator, 'sendBeacon', { value: vi.fn((_u: string, b: string) => beacons.push(b) > 0), configurable: true });
    // Leaving a page fails the fetch in flight with a network error, and a pagehide listener of
    // the page's own that runs before the SDK's lets that be seen before the SDK's page hide.
    const queue = pipeline(fakeFetch(0).fn);
    queue._add(ev(1));
    queue._flush();
    await settle();
    queue._add(ev(2));
    queue._flush(true);
    expect(sentEvents(beacons).map((e) => e.data.i)).toEqual([1, 2]);
    // The network may really be down: the next page load sends the copies (their batch ids let the
    // server append each once).
    expect(takeOffline().map((c) => c.b)).toEqual(beacons);
  });

  it('only stores, never beacons, what waits while the server asked to wait', async () => {
    const beacon = vi.fn(() => true);
    Object.defineProperty(navigator, 'sendBeacon', { value: beacon, configurable: true });
    const queue = pipeline(fakeFetch([503, '30']).fn);
    queue._add(ev(1));
    queue._flush();
    await settle();
    queue._flush(true);
    expect(beacon).not.toHaveBeenCalled();
    expect(sentEvents(takeOffline().map((c) => c.b)).map((e) => e.data.i)).toEqual([1]);
  });

  it('stores the drops a closing page counts after its last body, for the next page to report', () => {
    Object.defineProperty(navigator, 'sendBeacon', { value: vi.fn(() => false), configurable: true });
    // The offline queue is full: keeping what the beacon refused pushes out the oldest body.
    save(Array.from({ length: 50 }, (_, i) => ({ b: `{"events":[${ev(100 + i)}]}`, n: 1 })));
    const queue = pipeline(fakeFetch().fn);
    queue._add(ev(1));
    queue._flush(true);
    expect(takeDrops()).toBeUndefined();
    const next = takeOffline();
    expect(next).toHaveLength(50);
    expect(takeDrops()).toEqual({ queue_full: 1 });
  });

  it('gives the next body every attempt after page hide moved a failing one offline', async () => {
    // Waits of 1, 2, 4 and 8 s between the attempts.
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const f = fakeFetch(...Array(2 * MAX_ATTEMPTS).fill(503));
    const queue = pipeline(f.fn);
    queue._add(ev(1));
    queue._flush();
    await vi.advanceTimersByTimeAsync(7000);
    expect(f.calls).toHaveBeenCalledTimes(MAX_ATTEMPTS - 1);
    Object.defineProperty(navigator, 'sendBeacon', { value: vi.fn(() => true), configurable: true });
    queue._flush(true);
    queue._add(ev(2));
    queue._flush();
    await vi.advanceTimersByTimeAsync(8000 + 15000);
    expect(sentEvents(f.bodies.slice(MAX_ATTEMPTS - 1)).map((e) => e.data.i)).toEqual(Array(MAX_ATTEMPTS).fill(2));
  });

  it('does not let the browser coming back online cut short a wait the server asked for', async () => {
    const f = fakeFetch([429, '120']);
    const queue = pipeline(f.fn);
    queue._add(ev(1));
    queue._flush();
    await settle();
    await vi.advanceTimersByTimeAsync(1000);
    queue._send([], true);
    await vi.advanceTimersByTimeAsync(100_000);
    expect(f.calls).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(f.calls).toHaveBeenCalledTimes(2);
  });

  it('spreads the retries of pages asked to wait together, and bounds the wait', () => {
    const waits = new Set(Array.from({ length: 50 }, () => backoff(1, 10_000)));
    expect(waits.size).toBeGreaterThan(40);
    for (const w of waits) expect(w).toBeGreaterThanOrEqual(10_000), expect(w).toBeLessThanOrEqual(12_500);
    expect(retryAfterMs('2592000')).toBe(MAX_WAIT_MS);
    expect(retryAfterMs('Mon, 23 Nov 2026 09:00:00 GMT', Date.parse('2026-11-23T10:00:00Z'))).toBe(0);
  });

  it('keeps its rate limit when the wall clock is set back', () => {
    const take = tokenBucket(1, 1);
    expect(take()).toBe(true);
    vi.setSystemTime(Date.now() - 3600_000);
    expect(take()).toBe(false);
    // A second later (not an hour) there is a token again.
    vi.advanceTimersByTime(1000);
    expect(take()).toBe(true);
  });

  it('sends bodies stored under a clock before 2001', () => {
    const [body] = pack([ev(1)]);
    const t = 999_999_999_999;
    vi.setSystemTime(t + 1000);
    localStorage.setItem(`loupe.offline.${t}.1000000`, JSON.stringify({ ...body, t }));
    expect(sentEvents(takeOffline().map((c) => c.b)).map((e) => e.data.i)).toEqual([1]);
  });

  it('leaves the offline queue in storage while the page is hidden', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const f = fakeFetch(...Array(MAX_ATTEMPTS).fill(503));
    const queue = pipeline(f.fn);
    queue._add(ev(1));
    queue._flush();
    for (let i = 0; i < 2 * MAX_ATTEMPTS; i++) await vi.advanceTimersByTimeAsync(1), await settle();
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    try {
      await vi.advanceTimersByTimeAsync(OFFLINE_RETRY_MS);
      expect(f.calls).toHaveBeenCalledTimes(MAX_ATTEMPTS);
      expect(offlineKeys()).toHaveLength(1);
    } finally {
      Reflect.deleteProperty(document, 'hidden');
    }
  });

  it('counts a body in flight whose copy storage refused, once it runs out of attempts', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    Object.defineProperty(navigator, 'sendBeacon', { value: vi.fn(() => true), configurable: true });
    const f = fakeFetch(...Array(MAX_ATTEMPTS).fill(503));
    const queue = pipeline(f.fn);
    queue._add(ev(1));
    queue._flush();
    const setItem = vi.spyOn(localStorage, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    queue._flush(true);
    for (let i = 0; i < 2 * MAX_ATTEMPTS; i++) await vi.advanceTimersByTimeAsync(1), await settle();
    setItem.mockRestore();
    expect(takeDrops()).toEqual({ send_failed: 1 });
  });

  it('gives the bodies behind their own attempts where storage refuses to keep them', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const f = fakeFetch(...Array(MAX_ATTEMPTS).fill(503));
    const queue = pipeline(f.fn, { batchSize: 1 });
    const setItem = vi.spyOn(localStorage, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    for (const i of [1, 2, 3]) queue._add(ev(i));
    for (let i = 0; i < 4 * MAX_ATTEMPTS; i++) await vi.advanceTimersByTimeAsync(1), await settle();
    setItem.mockRestore();
    expect(sentEvents(f.bodies.slice(MAX_ATTEMPTS)).map((e) => e.data.i)).toEqual([2, 3]);
    expect(takeDrops()).toEqual({ send_failed: 1 });
  });

  it('does not send the copy of its own body in flight when the page is shown again', async () => {
    const { fetchFn, answer, queue } = hiddenWithBodyInFlight();
    queue._send(); // shown again: the offline queue is taken
    expect(fetchFn).toHaveBeenCalledTimes(1);
    answer(new Response(null, { status: 202 }));
    await settle();
    expect(offlineKeys()).toEqual([]);
    expect(fetchFn).toHaveBeenCalledTimes(1);
  });
});
