import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDrops } from '../src/transport/drops';
import { createOffline } from '../src/transport/offline';
import { ev, fakeFetch, pipeline, sentEvents, settle } from './transport-helpers';

const body = (...ids: number[]) => ({ _body: `{"events":[${ids.map((i) => ev(i)).join(',')}]}`, _n: ids.length, _bytes: 0 });

beforeEach(() => {
  vi.useFakeTimers();
  localStorage.clear();
});
afterEach(() => vi.useRealTimers());

describe('the offline queue', () => {
  it('persists bodies in localStorage across instances (page loads)', () => {
    expect(createOffline(createDrops())._save(body(1, 2))).toBe(true);
    const next = createOffline(createDrops());
    expect(next._takeAll().map((c) => [c._body, c._n])).toEqual([[body(1, 2)._body, 2]]);
    expect(next._takeAll()).toEqual([]); // taken out, so another tab does not send them again
  });

  it('is bounded by entries and characters, dropping the oldest as queue_full', () => {
    const drops = createDrops();
    const store = createOffline(drops, { maxEntries: 2, maxChars: 1e6, ttl: 1e9 });
    store._save(body(1));
    store._save(body(2, 3));
    store._save(body(4));
    expect(store._takeAll().map((c) => c._n)).toEqual([2, 1]);
    expect(drops._take()).toEqual({ queue_full: 1 });
    const small = createOffline(drops, { maxEntries: 10, maxChars: body(1)._body.length * 2, ttl: 1e9 });
    small._save(body(1));
    small._save(body(2));
    small._save(body(3));
    expect(small._takeAll()).toHaveLength(2);
    expect(drops._take()).toEqual({ queue_full: 1 });
  });

  it('drops entries older than the TTL on load, counted as offline_expired', () => {
    const drops = createDrops();
    const store = createOffline(drops, { maxEntries: 10, maxChars: 1e6, ttl: 60000 });
    store._save(body(1, 2, 3));
    vi.advanceTimersByTime(30000);
    store._save(body(4));
    vi.advanceTimersByTime(30001);
    expect(store._takeAll().map((c) => c._n)).toEqual([1]);
    expect(drops._take()).toEqual({ offline_expired: 3 });
  });

  it('keeps the age of a body that failed again after being resent', () => {
    const drops = createDrops();
    const store = createOffline(drops, { maxEntries: 10, maxChars: 1e6, ttl: 60000 });
    store._save(body(1));
    vi.advanceTimersByTime(50000);
    for (const c of store._takeAll()) store._save(c);
    vi.advanceTimersByTime(10001);
    expect(store._takeAll()).toEqual([]);
    expect(drops._take()).toEqual({ offline_expired: 1 });
  });

  it('survives unreadable storage', () => {
    localStorage.setItem('loupe.offline', '{not json');
    expect(createOffline(createDrops())._takeAll()).toEqual([]);
  });

  it('is sent again by the next page load', async () => {
    createOffline(createDrops())._save(body(7, 8));
    const f = fakeFetch();
    const { sender, offline } = pipeline(f.fn);
    sender._send(offline._takeAll());
    await settle();
    expect(sentEvents(f.bodies).map((e) => e.data.i)).toEqual([7, 8]);
    expect(localStorage.getItem('loupe.offline')).toBeNull();
  });
});
