import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { byteLen } from '../src/limits';
import { BEACON_BYTES, pack, takeOffline } from '../src/transport';
import { ev, fakeFetch, pipeline, sentEvents, settle } from './transport-helpers';

beforeEach(() => {
  vi.useFakeTimers();
  localStorage.clear();
});
afterEach(() => vi.useRealTimers());

describe('the batch queue', () => {
  it('does not send single events; sends one request when 20 are waiting', async () => {
    const f = fakeFetch();
    const queue = pipeline(f.fn);
    for (let i = 0; i < 19; i++) queue._add(ev(i));
    await settle();
    expect(f.calls).not.toHaveBeenCalled();
    queue._add(ev(19));
    await settle();
    expect(f.calls).toHaveBeenCalledTimes(1);
    expect(sentEvents(f.bodies).map((e) => e.data.i)).toEqual([...Array(20).keys()]);
  });

  it('flushes what is waiting 2 s after the first event', async () => {
    const f = fakeFetch();
    const queue = pipeline(f.fn);
    queue._add(ev(1));
    vi.advanceTimersByTime(1000);
    queue._add(ev(2));
    vi.advanceTimersByTime(999);
    await settle();
    expect(f.calls).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    await settle();
    expect(sentEvents(f.bodies).map((e) => e.data.i)).toEqual([1, 2]);
  });

  it('posts text/plain with the key in the URL (no CORS preflight)', async () => {
    const f = fakeFetch();
    const queue = pipeline(f.fn);
    queue._add(ev(1));
    queue._flush();
    await settle();
    const [url, init] = f.calls.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('https://loupe.test/v1/events?key=k');
    expect(init).toMatchObject({ method: 'POST', keepalive: true });
    // A string body without headers: the Fetch standard makes it text/plain;charset=UTF-8.
    expect(typeof init.body).toBe('string');
    expect(init.headers).toBeUndefined();
    expect(new Request(url, init).headers.get('content-type')).toBe('text/plain;charset=UTF-8');
  });

  it('puts the session metadata on the first body only', async () => {
    const f = fakeFetch();
    let head = '"session":{"session_id":"s1"},';
    const queue = pipeline(f.fn, {}, () => {
      const h = head;
      head = '';
      return h;
    });
    queue._add(ev(1));
    queue._flush();
    queue._add(ev(2));
    queue._flush();
    await settle();
    await settle();
    expect(JSON.parse(f.bodies[0]).session).toEqual({ session_id: 's1' });
    expect(JSON.parse(f.bodies[1]).session).toBeUndefined();
  });

  it('beacons what is waiting when the page is hidden, in bodies of at most 64 KB', () => {
    const beacons: string[] = [];
    const sendBeacon = vi.fn((_url: string, b: string) => (beacons.push(b), true));
    Object.defineProperty(navigator, 'sendBeacon', { value: sendBeacon, configurable: true });
    const f = fakeFetch();
    const queue = pipeline(f.fn, { batchSize: 1000 });
    for (let i = 0; i < 40; i++) queue._add(ev(i, 4000));
    queue._flush(true);
    // Every body by beacon: none by a fetch, whose copy the next page would send again.
    expect(f.calls).not.toHaveBeenCalled();
    expect(takeOffline()).toEqual([]);
    expect(sendBeacon.mock.calls.length).toBeGreaterThan(1);
    expect(sendBeacon.mock.calls[0][0]).toBe('https://loupe.test/v1/events?key=k');
    for (const b of beacons) {
      expect(byteLen(b)).toBeLessThanOrEqual(BEACON_BYTES);
      // A string: sendBeacon sends it as text/plain;charset=UTF-8.
      expect(typeof b).toBe('string');
    }
    Reflect.deleteProperty(navigator, 'sendBeacon');
  });

  it('keeps for the next page load what a beacon refuses', () => {
    Object.defineProperty(navigator, 'sendBeacon', { value: () => false, configurable: true });
    const f = fakeFetch();
    const queue = pipeline(f.fn);
    queue._add(ev(1));
    queue._flush(true);
    // Refused by the beacon, never sent by fetch: kept.
    expect(f.calls).not.toHaveBeenCalled();
    expect(sentEvents(takeOffline().map((c) => c.b)).map((e) => e.data.i)).toEqual([1]);
    queue._add(ev(2));
    queue._add(ev(3));
    queue._flush(true);
    expect(sentEvents(takeOffline().map((c) => c.b)).map((e) => e.data.i)).toEqual([2, 3]);
    Reflect.deleteProperty(navigator, 'sendBeacon');
  });
});

describe('pack', () => {
  it('packs in order into bodies of at most 64 KB that are valid JSON', () => {
    const events = Array.from({ length: 100 }, (_, i) => ev(i, 1500 + i * 7));
    const chunks = pack(events, '"session":{"a":1},');
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(byteLen(c.b)).toBeLessThanOrEqual(BEACON_BYTES);
    // Greedy: each body but the last is full, the event after it would not have fitted.
    let next = 0;
    for (const c of chunks.slice(0, -1)) {
      next += c.n;
      expect(byteLen(c.b) + 1 + byteLen(events[next])).toBeGreaterThan(BEACON_BYTES);
    }
    expect(chunks.flatMap((c) => JSON.parse(c.b).events.map((e: any) => e.data.i))).toEqual([...Array(100).keys()]);
    expect(JSON.parse(chunks[0].b).session).toEqual({ a: 1 });
    expect(JSON.parse(chunks[1].b).session).toBeUndefined();
    expect(chunks.reduce((n, c) => n + c.n, 0)).toBe(100);
    // Each body an id of its own.
    expect(new Set(chunks.map((c) => JSON.parse(c.b).batch)).size).toBe(chunks.length);
  });

  it('gives an event over the limit a body of its own', () => {
    expect(pack([ev(1), ev(2, 70000), ev(3)]).map((c) => c.n)).toEqual([1, 1, 1]);
  });
});
