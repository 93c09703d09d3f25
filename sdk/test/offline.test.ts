import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OFFLINE_BODIES, OFFLINE_CHARS, OFFLINE_TTL, save, takeDrops, takeOffline } from '../src/transport';
import { ev, fakeFetch, offlineKeys, pipeline, sentEvents, settle } from './transport-helpers';

const body = (...ids: number[]) => ({ b: `{"events":[${ids.map((i) => ev(i)).join(',')}]}`, n: ids.length });

beforeEach(() => {
  vi.useFakeTimers();
  localStorage.clear();
  takeDrops();
});
afterEach(() => vi.useRealTimers());

describe('the offline queue', () => {
  it('persists bodies in localStorage across page loads', () => {
    expect(save([body(1, 2)])).toBe(true);
    // What a later page load finds: storage only, a key per body.
    expect(offlineKeys()).toEqual([expect.stringMatching(new RegExp(`^loupe\\.offline\\.${Date.now()}\\.\\d{7}[\\d.e-]+$`))]);
    expect(JSON.parse(localStorage.getItem(offlineKeys()[0])!)).toEqual({ ...body(1, 2), t: Date.now() });
    expect(takeOffline().map((c) => [c.b, c.n])).toEqual([[body(1, 2).b, 2]]);
    expect(takeOffline()).toEqual([]); // taken out, so another tab does not send them again
  });

  it('is bounded by bodies and characters, dropping the oldest as queue_full', () => {
    save([body(1, 2)]);
    for (let i = 0; i < OFFLINE_BODIES; i++) save([body(i + 3)]);
    const kept = takeOffline();
    expect(kept).toHaveLength(OFFLINE_BODIES);
    expect(kept[0].b).toBe(body(3).b); // the oldest made room
    expect(takeDrops()).toEqual({ queue_full: 2 });
    const large = (i: number) => ({ b: `{"events":[${ev(i, OFFLINE_CHARS / 3)}]}`, n: 1 });
    save([large(1)]);
    save([large(2)]);
    save([large(3)]);
    expect(offlineKeys().reduce((n, k) => n + localStorage.getItem(k)!.length, 0)).toBeLessThanOrEqual(OFFLINE_CHARS);
    expect(takeOffline().map((c) => JSON.parse(c.b).events[0].data.i)).toEqual([2, 3]);
    expect(takeDrops()).toEqual({ queue_full: 1 });
  });

  it('never rewrites what is stored, so that tabs saving at the same moment cannot lose bodies', () => {
    save([body(1)]);
    const first = offlineKeys();
    // Another tab's save, whose key this tab may not see yet when it saves.
    vi.advanceTimersByTime(1);
    const other = { ...body(9), t: Date.now() };
    localStorage.setItem(`loupe.offline.${other.t}.1000000.1`, JSON.stringify(other));
    vi.advanceTimersByTime(1);
    const setItem = vi.spyOn(localStorage, 'setItem');
    const removeItem = vi.spyOn(localStorage, 'removeItem');
    save([body(2), body(3)]);
    // Only new keys are written, one per body, and nothing stored is removed or written again.
    expect(setItem.mock.calls.map(([k]) => k).filter((k) => offlineKeys().includes(k) && !first.includes(k))).toHaveLength(2);
    expect(removeItem).not.toHaveBeenCalled();
    setItem.mockRestore();
    removeItem.mockRestore();
    expect(takeOffline().map((c) => c.b)).toEqual([body(1).b, other.b, body(2).b, body(3).b]);
    expect(offlineKeys()).toEqual([]);
  });

  it('takes the list an earlier version kept under one key, and leaves the keys of the page alone', () => {
    localStorage.setItem('loupe.offline', JSON.stringify([{ ...body(1), t: Date.now() }, { ...body(2, 3), t: Date.now() }]));
    const page = { 'loupe.offlineDrafts': '[1]', 'loupe.offline.settings': JSON.stringify({ t: Date.now(), n: 1, b: 'mine' }), 'loupe.offline.flag': 'on' };
    for (const [k, v] of Object.entries(page)) localStorage.setItem(k, v);
    // The old list is not one of the 50 bodies, and saves never drop it.
    for (let i = 0; i < OFFLINE_BODIES; i++) save([body(10 + i)]);
    expect(takeDrops()).toBeUndefined();
    const taken = takeOffline();
    expect(taken.map((c) => c.b).slice(0, 4)).toEqual([body(1).b, body(2, 3).b, body(10).b, body(11).b]);
    expect(taken).toHaveLength(2 + OFFLINE_BODIES);
    expect(offlineKeys()).toEqual(Object.keys(page).sort());
  });

  it('skips a key that another tab took meanwhile', () => {
    save([body(1)]);
    save([body(2)]);
    const [first] = offlineKeys();
    const getItem = Storage.prototype.getItem;
    // Listed, then gone by the time it is read.
    vi.spyOn(localStorage, 'getItem').mockImplementation((k) => (k == first ? null : getItem.call(localStorage, k)));
    expect(save([body(3)])).toBe(true);
    expect(takeOffline().map((c) => c.b)).toEqual([body(2).b, body(3).b]);
  });

  it('makes room in one pass, however many bodies go at once', () => {
    const bodies = Array.from({ length: OFFLINE_BODIES + 5 }, (_, i) => body(i));
    const setItem = vi.spyOn(localStorage, 'setItem');
    const stringify = vi.spyOn(JSON, 'stringify');
    save(bodies);
    // Only the entries kept, once each (not the list again for every one that makes room).
    expect(setItem).toHaveBeenCalledTimes(OFFLINE_BODIES);
    expect(stringify).toHaveBeenCalledTimes(OFFLINE_BODIES);
    setItem.mockRestore();
    stringify.mockRestore();
    expect(takeDrops()).toEqual({ queue_full: 5 });
    expect(takeOffline().map((c) => c.b)[0]).toBe(body(5).b);
  });

  it('leaves out an entry too big to store even alone, keeping the ones around it', () => {
    save([body(1)]);
    // A network event near 1 MB: its JSON escaping makes the stored entry longer than the queue.
    const big = { b: `{"events":[${JSON.stringify({ body: '"'.repeat(OFFLINE_CHARS / 2 + 10) })}]}`, n: 1 };
    save([body(2), big, body(3)]);
    expect(takeOffline().map((c) => c.b)).toEqual([body(1).b, body(2).b, body(3).b]);
    expect(takeDrops()).toEqual({ too_large: 1 });
  });

  it('counts nothing and keeps what it held when storage refuses', () => {
    save([body(1)]);
    const setItem = vi.spyOn(localStorage, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    expect(save(Array.from({ length: OFFLINE_BODIES + 1 }, (_, i) => body(i + 2)))).toBeUndefined();
    setItem.mockRestore();
    expect(takeDrops()).toBeUndefined();
    expect(takeOffline().map((c) => c.b)).toEqual([body(1).b]);
  });

  it('takes back what it wrote when storage refuses part of a save', () => {
    save([body(1)]);
    const setItem = Storage.prototype.setItem;
    let calls = 0;
    vi.spyOn(localStorage, 'setItem').mockImplementation((k, v) => {
      if (calls++) throw new DOMException('full', 'QuotaExceededError');
      setItem.call(localStorage, k, v);
    });
    expect(save([body(2), body(3)])).toBeUndefined();
    vi.mocked(localStorage.setItem).mockRestore();
    expect(calls).toBe(2);
    expect(takeDrops()).toBeUndefined();
    expect(takeOffline().map((c) => c.b)).toEqual([body(1).b]);
  });

  it('drops entries older than the TTL on load, counted as offline_expired', () => {
    save([body(1, 2, 3)]);
    vi.advanceTimersByTime(OFFLINE_TTL / 2);
    save([body(4)]);
    vi.advanceTimersByTime(OFFLINE_TTL / 2 + 1);
    expect(takeOffline().map((c) => c.n)).toEqual([1]);
    expect(takeDrops()).toEqual({ offline_expired: 3 });
  });

  it('keeps the age of a body that failed again after being resent', () => {
    save([body(1)]);
    vi.advanceTimersByTime(OFFLINE_TTL - 10000);
    save(takeOffline());
    vi.advanceTimersByTime(10001);
    expect(takeOffline()).toEqual([]);
    expect(takeDrops()).toEqual({ offline_expired: 1 });
  });

  it('survives unreadable storage', () => {
    localStorage.setItem('loupe.offline', '{not json');
    expect(takeOffline()).toEqual([]);
    localStorage.setItem('loupe.offline', '{"not":"a list"}');
    expect(takeOffline()).toEqual([]);
    expect(save([body(1)])).toBe(true);
    expect(takeOffline().map((c) => c.n)).toEqual([1]);
  });

  it('is sent again by the next page load', async () => {
    save([body(7, 8)]);
    const f = fakeFetch();
    pipeline(f.fn)._send();
    await settle();
    expect(sentEvents(f.bodies).map((e) => e.data.i)).toEqual([7, 8]);
    expect(offlineKeys()).toEqual([]);
  });
});
