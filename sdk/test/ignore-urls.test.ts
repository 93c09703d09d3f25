// Requests the SDK does not record: its own uploads, whichever way they go (a fetch built on XHR,
// installed before the SDK, sends them through the XHR wrapper and made each upload record the one
// before, without end), and the `ignoreUrls` option's (another SDK's uploads, which with one that
// records the SDK's own made the two feed each other).
import { beforeAll, expect, it, vi } from 'vitest';
import { init } from '../src/index';
import { bodies } from '../src/observers/network-record';
import { takeDrops } from '../src/transport';
import { stubResourceObserver } from './capture';

const sent: any[] = [];
/** Hands resource timing entries to the SDK's observer, as the browser would. */
const browser = stubResourceObserver();
const resources = (entries: object[]) => browser.deliver(entries);

beforeAll(() => {
  sessionStorage.clear();
  localStorage.clear();
  window.fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    if (String(input).includes('/v1/events')) sent.push(...JSON.parse(String(init!.body)).events);
    return new Response('{}', { status: 202, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
  // The endpoint as a user may write it; as one data-ignore-urls attribute gives the option: one
  // string, commas or spaces between.
  init({ key: 'k', endpoint: 'https://Loupe.TEST:443/', ignoreUrls: 'https://intake.example/api/, https://o1.ingest.example  ' });
});

// Made after the requests started, as their entries are.
const resource = (name: string, initiatorType = 'fetch') => ({ name, initiatorType, duration: 5, startTime: performance.now() });

it("records neither the SDK's own uploads nor the ignored URLs, and everything else", async () => {
  // The own URL as the browser writes it; an empty entry (the trailing spaces) would be all.
  expect(bodies._ignored('https://loupe.test/v1/events?key=k')).toBe(true);
  expect(bodies._ignored('https://intake.example/api/v2/rum?batch=1')).toBe(true);
  expect(bodies._ignored('https://o1.ingest.example/envelope/')).toBe(true);
  expect(bodies._ignored('https://shop.example/api/cart')).toBe(false);

  // Through the page's fetch, which the SDK wraps (as a polyfill installed before it would carry
  // its uploads through its XHR wrapper).
  await fetch('https://loupe.test/v1/events?key=k', { method: 'POST', body: '{"events":[]}' });
  await fetch('https://intake.example/api/v2/rum', { method: 'POST', body: 'x' });
  await fetch('https://shop.example/api/cart');
  // (Also as beacons: an entry of a fetch or XHR no record takes waits a while before it goes alone.)
  resources([resource('https://loupe.test/v1/events?key=k'), resource('https://intake.example/api/v2/rum'), resource('https://shop.example/api/cart')]);
  resources([resource('https://loupe.test/v1/events?key=k', 'beacon'), resource('https://intake.example/api/v2/rum', 'beacon')]);
  // Each event is in once its response body was read: flushed until it is.
  await vi.waitFor(() => {
    (window as any).__loupe.flush();
    expect(sent.some((e) => e.type == 'network.request')).toBe(true);
  });
  // The page's request, with its timing entry in it; neither the requests nor the entries of the others.
  expect(sent.filter((e) => e.type == 'network.request').map((e) => [e.data.url, e.data.duration_ms >= 0])).toEqual([['https://shop.example/api/cart', true]]);
  expect(sent.filter((e) => e.type == 'network.resource')).toEqual([]);
  expect(sent.find((e) => e.type == 'system.client_drops')).toBeUndefined();
});

it('does not count an ignored request as dropped while the rate limit has no room', async () => {
  // The count is an event of its own in the next upload: counting the SDK's own uploads made one
  // upload call for the next.
  takeDrops();
  // The rate limit has no room.
  const keeps = vi.spyOn(await import('../src/emit'), 'admits').mockReturnValue(false);
  try {
    await fetch('https://loupe.test/v1/events?key=k', { method: 'POST', body: '{"events":[]}' });
    expect(takeDrops()).toBeUndefined();
    await fetch('https://shop.example/api/cart');
    expect(takeDrops()).toEqual({ rate_limited: 1 });
  } finally {
    keeps.mockRestore();
  }
});
