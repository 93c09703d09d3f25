import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoff, MAX_ATTEMPTS, retryAfterMs, SPILL_MS, takeDrops, takeOffline } from '../src/transport';
import { ev, fakeFetch, pipeline, sentEvents, settle } from './transport-helpers';

beforeEach(() => {
  vi.useFakeTimers();
  localStorage.clear();
});
afterEach(() => vi.useRealTimers());

const BASE_MS = 1000;
const CAP_MS = 60000;

describe('backoff', () => {
  it('draws the delay uniformly between 0 and base·2^attempt (full jitter), capped', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    expect(backoff(3)).toBe(0);
    vi.spyOn(Math, 'random').mockReturnValue(0.999999);
    expect(backoff(1)).toBeCloseTo(2 * BASE_MS, -1);
    expect(backoff(3)).toBeCloseTo(8 * BASE_MS, -1);
    expect(backoff(30)).toBeCloseTo(CAP_MS, -1);
    vi.restoreAllMocks();
    for (let i = 0; i < 200; i++) {
      const d = backoff(2);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(4 * BASE_MS);
    }
  });

  it('never waits less than Retry-After', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    expect(backoff(1, 30000)).toBe(30000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('Mon, 23 Nov 2026 10:00:30 GMT', now)).toBe(30000);
    expect(retryAfterMs('garbage', now)).toBe(0);
    expect(retryAfterMs(null, now)).toBe(0);
  });
});

describe('sending with retries', () => {
  it('retries a failed request after the backoff and sends each event once', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const f = fakeFetch(503, 0);
    const queue = pipeline(f.fn);
    queue._add(ev(1));
    queue._flush();
    await settle();
    expect(f.calls).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(999); // attempt 1: 0.5 · 2 s
    await settle();
    expect(f.calls).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    await settle();
    expect(f.calls).toHaveBeenCalledTimes(2); // network error this time
    vi.advanceTimersByTime(2000); // attempt 2: 0.5 · 4 s
    await settle();
    expect(f.calls).toHaveBeenCalledTimes(3);
    // The same body each time, with its batch id, by which the server appends it only once.
    expect(new Set(f.bodies).size).toBe(1);
    expect(JSON.parse(f.bodies[0]).batch).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('honours 429 with Retry-After, holding back everything behind it', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const f = fakeFetch([429, '10']);
    const queue = pipeline(f.fn);
    queue._add(ev(1));
    queue._flush();
    await settle();
    queue._add(ev(2));
    queue._flush();
    vi.advanceTimersByTime(9999);
    await settle();
    expect(f.calls).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    await settle();
    await settle();
    expect(sentEvents(f.bodies.slice(1)).map((e) => e.data.i)).toEqual([1, 2]);
  });

  it('keeps the body offline after the last attempt', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const f = fakeFetch(...Array(MAX_ATTEMPTS).fill(500));
    const queue = pipeline(f.fn);
    queue._add(ev(1));
    queue._flush();
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await settle();
      vi.advanceTimersByTime(0);
    }
    await settle();
    expect(f.calls).toHaveBeenCalledTimes(MAX_ATTEMPTS);
    expect(sentEvents(takeOffline().map((c) => c.b)).map((e) => e.data.i)).toEqual([1]);
  });

  it('does not retry what the server refused for good, and counts it', async () => {
    const f = fakeFetch(413, 400);
    const queue = pipeline(f.fn);
    queue._add(ev(1));
    queue._flush();
    await settle();
    queue._add(ev(2));
    queue._add(ev(3));
    queue._flush();
    await settle();
    vi.advanceTimersByTime(60000);
    await settle();
    expect(f.calls).toHaveBeenCalledTimes(2);
    // The first refusal was reported in the second body, which was refused too: its 2 events are
    // counted, and the report's counts are given back, to go in the next body.
    expect(sentEvents([f.bodies[1]])[0]).toMatchObject({ type: 'system.client_drops', data: { drops: { too_large: 1 } } });
    expect(takeDrops()).toEqual({ too_large: 1, send_failed: 2 });
  });

  it('sends bodies waiting beyond maxQueue events offline, oldest first, never the one in flight', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const f = fakeFetch(503);
    const queue = pipeline(f.fn, { maxQueue: 3 });
    for (const i of [1, 2, 3, 4]) {
      queue._add(ev(i));
      queue._flush();
    }
    await settle();
    // 1 is in flight, waiting to be retried; 2 made room for 4 and is stored a little later.
    expect(takeOffline()).toEqual([]);
    vi.advanceTimersByTime(SPILL_MS);
    expect(sentEvents(takeOffline().map((c) => c.b)).map((e) => e.data.i)).toEqual([2]);
    vi.advanceTimersByTime(1000);
    await settle();
    await settle();
    expect(sentEvents(f.bodies).map((e) => e.data.i)).toEqual([1, 1, 3, 4]);
  });

  it('stores what overflows together, a little later or at page hide', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const f = fakeFetch(503);
    const queue = pipeline(f.fn, { maxQueue: 3, batchSize: 100 });
    const one = (i: number) => ({ b: `{"events":[${ev(i)}]}`, n: 1 });
    queue._add(ev(1));
    queue._flush();
    await settle();
    const setItem = vi.spyOn(localStorage, 'setItem');
    // 1 waits for its retry (not in flight): it and 2 make room, then 3 and 4 as more come.
    queue._send([2, 3, 4, 5].map(one));
    queue._send([6, 7].map(one));
    expect(setItem).not.toHaveBeenCalled();
    vi.advanceTimersByTime(SPILL_MS);
    // One save, which writes a key per body.
    expect(setItem).toHaveBeenCalledTimes(4);
    expect(sentEvents(takeOffline().map((c) => c.b)).map((e) => e.data.i)).toEqual([1, 2, 3, 4]);

    // Meanwhile 1's retry came due, so 5 is in flight (never pushed out). Hidden before the spill is
    // due: the spill is stored at once, then a copy of 5 (the tab may be closing before its answer
    // comes), then (in one more save) what the page could not beacon.
    expect(sentEvents(f.bodies).map((e) => e.data.i)).toEqual([1, 5]);
    queue._send([8, 9].map(one));
    setItem.mockClear();
    Object.defineProperty(navigator, 'sendBeacon', { value: vi.fn(() => false), configurable: true });
    queue._flush(true);
    expect(setItem).toHaveBeenCalledTimes(5);
    expect(sentEvents(takeOffline().map((c) => c.b)).map((e) => e.data.i)).toEqual([6, 7, 5, 8, 9]);
    expect(takeDrops()).toBeUndefined();

    // Where storage refuses, the spill counts as queue_full and the rest as send_failed.
    queue._send([10, 11, 12, 13].map(one));
    setItem.mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    queue._flush(true);
    setItem.mockRestore();
    expect(takeDrops()).toEqual({ queue_full: 2, send_failed: 2 });
  });

  it('stores what overflows at once while the page is hidden', async () => {
    const f = fakeFetch(503);
    const queue = pipeline(f.fn, { maxQueue: 1, batchSize: 100 });
    queue._add(ev(1));
    queue._flush();
    await settle();
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    try {
      queue._send([{ b: `{"events":[${ev(2)}]}`, n: 1 }]);
      // No timer: a hidden page's may not run before the page is discarded.
      expect(sentEvents(takeOffline().map((c) => c.b)).map((e) => e.data.i)).toEqual([1]);
    } finally {
      Reflect.deleteProperty(document, 'hidden');
    }
  });
});
