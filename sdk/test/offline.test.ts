import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Drops } from '../src/transport/drops';
import { OfflineStore } from '../src/transport/offline';
import { ev, fakeFetch, pipeline, sentEvents, settle } from './transport-helpers';

const body = (...ids: number[]) => ({ body: `{"events":[${ids.map((i) => ev(i)).join(',')}]}`, n: ids.length, bytes: 0 });

beforeEach(() => {
  vi.useFakeTimers();
  localStorage.clear();
});
afterEach(() => vi.useRealTimers());

describe('the offline queue', () => {
  it('persists bodies in localStorage across instances (page loads)', () => {
    expect(new OfflineStore(new Drops()).save(body(1, 2))).toBe(true);
    const next = new OfflineStore(new Drops());
    expect(next.takeAll().map((c) => [c.body, c.n])).toEqual([[body(1, 2).body, 2]]);
    expect(next.takeAll()).toEqual([]); // taken out, so another tab does not send them again
  });

  it('is bounded by entries and characters, dropping the oldest as queue_full', () => {
    const drops = new Drops();
    const store = new OfflineStore(drops, { maxEntries: 2, maxChars: 1e6, ttl: 1e9 });
    store.save(body(1));
    store.save(body(2, 3));
    store.save(body(4));
    expect(store.takeAll().map((c) => c.n)).toEqual([2, 1]);
    expect(drops.take()).toEqual({ queue_full: 1 });
    const small = new OfflineStore(drops, { maxEntries: 10, maxChars: body(1).body.length * 2, ttl: 1e9 });
    small.save(body(1));
    small.save(body(2));
    small.save(body(3));
    expect(small.takeAll()).toHaveLength(2);
    expect(drops.take()).toEqual({ queue_full: 1 });
  });

  it('drops entries older than the TTL on load, counted as offline_expired', () => {
    const drops = new Drops();
    const store = new OfflineStore(drops, { maxEntries: 10, maxChars: 1e6, ttl: 60000 });
    store.save(body(1, 2, 3));
    vi.advanceTimersByTime(30000);
    store.save(body(4));
    vi.advanceTimersByTime(30001);
    expect(store.takeAll().map((c) => c.n)).toEqual([1]);
    expect(drops.take()).toEqual({ offline_expired: 3 });
  });

  it('keeps the age of a body that failed again after being resent', () => {
    const drops = new Drops();
    const store = new OfflineStore(drops, { maxEntries: 10, maxChars: 1e6, ttl: 60000 });
    store.save(body(1));
    vi.advanceTimersByTime(50000);
    for (const c of store.takeAll()) store.save(c);
    vi.advanceTimersByTime(10001);
    expect(store.takeAll()).toEqual([]);
    expect(drops.take()).toEqual({ offline_expired: 1 });
  });

  it('survives unreadable storage', () => {
    localStorage.setItem('loupe.offline', '{not json');
    expect(new OfflineStore(new Drops()).takeAll()).toEqual([]);
  });

  it('is sent again by the next page load', async () => {
    new OfflineStore(new Drops()).save(body(7, 8));
    const f = fakeFetch();
    const { sender, offline } = pipeline(f.fn);
    sender.send(offline.takeAll());
    await settle();
    expect(sentEvents(f.bodies).map((e) => e.data.i)).toEqual([7, 8]);
    expect(localStorage.getItem('loupe.offline')).toBeNull();
  });
});
