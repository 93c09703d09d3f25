import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { count, takeDrops, tokenBucket } from '../src/transport';
import { ev, fakeFetch, pipeline, sentEvents, settle } from './transport-helpers';

beforeEach(() => {
  vi.useFakeTimers();
  localStorage.clear();
});
afterEach(() => vi.useRealTimers());

describe('the client rate limit', () => {
  it('lets a burst through, then refills at the rate', () => {
    const bucket = tokenBucket(10, 5);
    const taken = () => Array.from({ length: 20 }, () => bucket()).filter(Boolean).length;
    expect(taken()).toBe(5);
    vi.advanceTimersByTime(300);
    expect(taken()).toBe(3);
    vi.advanceTimersByTime(10000);
    expect(taken()).toBe(5);
  });

  it('answers a peek without using up a token', () => {
    const bucket = tokenBucket(10, 1);
    expect(bucket(true)).toBe(true);
    expect(bucket(true)).toBe(true);
    expect(bucket()).toBe(true);
    expect(bucket(true)).toBe(false);
    expect(bucket()).toBe(false);
  });
});

describe('drop reporting', () => {
  it('counts by reason and resets once taken', () => {
    takeDrops();
    expect(takeDrops()).toBeUndefined();
    count('rate_limited');
    count('rate_limited', 2);
    count('too_large');
    count('queue_full', 0);
    expect(takeDrops()).toEqual({ rate_limited: 3, too_large: 1 });
    expect(takeDrops()).toBeUndefined();
  });

  it('reports drops as system.client_drops at the head of the next batch, once', async () => {
    const f = fakeFetch();
    const queue = pipeline(f.fn);
    count('rate_limited', 4);
    queue._add(ev(1));
    queue._flush();
    queue._add(ev(2));
    queue._flush();
    await settle();
    await settle();
    const events = sentEvents(f.bodies);
    expect(events[0]).toEqual({ type: 'system.client_drops', data: { drops: { rate_limited: 4 } } });
    expect(events.slice(1).map((e) => e.data.i)).toEqual([1, 2]);
  });

  it('counts an event over 1 MB as too_large and a full queue as queue_full', () => {
    const queue = pipeline(fakeFetch().fn, { maxQueue: 2, batchSize: 100 });
    queue._add(ev(1, 1 << 20));
    queue._add(ev(2));
    queue._add(ev(3));
    queue._add(ev(4));
    expect(takeDrops()).toEqual({ too_large: 1, queue_full: 1 });
  });
});
