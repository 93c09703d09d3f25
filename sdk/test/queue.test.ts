import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { byteLen } from '../src/limits';
import { BEACON_BYTES, chunk } from '../src/transport/chunk';
import { ev, fakeFetch, pipeline, sentEvents, settle } from './transport-helpers';

beforeEach(() => {
  vi.useFakeTimers();
  localStorage.clear();
});
afterEach(() => vi.useRealTimers());

describe('the batch queue', () => {
  it('does not send single events; sends one request when 20 are waiting', async () => {
    const f = fakeFetch();
    const { queue } = pipeline(f.fn);
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
    const { queue } = pipeline(f.fn);
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
    const { queue } = pipeline(f.fn);
    queue._add(ev(1));
    queue._flush();
    await settle();
    const [url, init] = f.calls.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('https://loupe.test/v1/events?key=k');
    expect(init).toMatchObject({ method: 'POST', headers: { 'Content-Type': 'text/plain' }, keepalive: true });
  });

  it('puts the session metadata on the first body only', async () => {
    const f = fakeFetch();
    let head = '"session":{"session_id":"s1"},';
    const { queue } = pipeline(f.fn, {}, () => {
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
    const beacons: Blob[] = [];
    const sendBeacon = vi.fn((_url: string, b: Blob) => (beacons.push(b), true));
    Object.defineProperty(navigator, 'sendBeacon', { value: sendBeacon, configurable: true });
    const f = fakeFetch();
    const { queue } = pipeline(f.fn, { batchSize: 1000 });
    for (let i = 0; i < 40; i++) queue._add(ev(i, 4000));
    queue._flush(true);
    expect(f.calls).toHaveBeenCalledTimes(1); // the first body was already in flight
    expect(sendBeacon.mock.calls.length).toBeGreaterThan(1);
    expect(sendBeacon.mock.calls[0][0]).toBe('https://loupe.test/v1/events?key=k');
    for (const b of beacons) {
      expect(b.size).toBeLessThanOrEqual(BEACON_BYTES);
      expect(b.type).toBe('text/plain');
    }
    Reflect.deleteProperty(navigator, 'sendBeacon');
  });

  it('keeps for the next page load what a beacon refuses', () => {
    Object.defineProperty(navigator, 'sendBeacon', { value: () => false, configurable: true });
    const f = fakeFetch();
    const { queue, offline } = pipeline(f.fn);
    queue._add(ev(1));
    queue._flush(true);
    // In flight before the hide: not beaconed twice.
    expect(offline._takeAll()).toEqual([]);
    queue._add(ev(2));
    queue._add(ev(3));
    queue._flush(true);
    expect(sentEvents(offline._takeAll().map((c) => c._body)).map((e) => e.data.i)).toEqual([2, 3]);
    Reflect.deleteProperty(navigator, 'sendBeacon');
  });
});

describe('chunk', () => {
  it('packs in order into bodies of at most 64 KB that are valid JSON', () => {
    const events = Array.from({ length: 100 }, (_, i) => ev(i, 1500 + i * 7)).map((json): [string, number] => [json, byteLen(json)]);
    const chunks = chunk(events, '"session":{"a":1},');
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(byteLen(c._body)).toBe(c._bytes);
      expect(c._bytes).toBeLessThanOrEqual(BEACON_BYTES);
    }
    expect(chunks.flatMap((c) => JSON.parse(c._body).events.map((e: any) => e.data.i))).toEqual([...Array(100).keys()]);
    expect(JSON.parse(chunks[0]._body).session).toEqual({ a: 1 });
    expect(JSON.parse(chunks[1]._body).session).toBeUndefined();
    expect(chunks.reduce((n, c) => n + c._n, 0)).toBe(100);
  });

  it('gives an event over the limit a body of its own', () => {
    const events = [ev(1), ev(2, 70000), ev(3)].map((json): [string, number] => [json, byteLen(json)]);
    expect(chunk(events).map((c) => c._n)).toEqual([1, 1, 1]);
  });
});
