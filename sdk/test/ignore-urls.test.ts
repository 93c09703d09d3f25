// Requests the SDK does not record: its own uploads, whichever way they go (a fetch built on XHR,
// installed before the SDK, sends them through the XHR wrapper and made each upload record the one
// before, without end), and the `ignoreUrls` option's (another SDK's uploads, which with one that
// records the SDK's own made the two feed each other).
import { beforeAll, expect, it, vi } from 'vitest';
import { init } from '../src/index';
import { bodies } from '../src/observers/network-record';

const sent: any[] = [];
beforeAll(() => {
  sessionStorage.clear();
  localStorage.clear();
  window.fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    if (String(input).includes('/v1/events')) sent.push(...JSON.parse(String(init!.body)).events);
    return new Response('{}', { status: 202, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
  // As a data-ignore-urls attribute gives it: one string, commas or spaces between.
  init({ key: 'k', endpoint: 'https://loupe.test', ignoreUrls: 'https://intake.example/api/, https://o1.ingest.example  ', disable: ['performance'] });
});

it("records neither the SDK's own uploads nor the ignored URLs, and everything else", async () => {
  expect(bodies._ignored('https://loupe.test/v1/events?key=k')).toBe(true);
  expect(bodies._ignored('https://intake.example/api/v2/rum?batch=1')).toBe(true);
  expect(bodies._ignored('https://o1.ingest.example/envelope/')).toBe(true);
  // An empty entry (the trailing spaces) would have ignored everything.
  expect(bodies._ignored('https://shop.example/api/cart')).toBe(false);

  // Through the page's fetch, which the SDK wraps (as a polyfill installed before it would carry
  // its uploads through its XHR wrapper).
  await fetch('https://loupe.test/v1/events?key=k', { method: 'POST', body: '{"events":[]}' });
  await fetch('https://intake.example/api/v2/rum', { method: 'POST', body: 'x' });
  await fetch('https://shop.example/api/cart');
  // Each event is in once its response body was read: flushed until it is.
  await vi.waitFor(() => {
    (window as any).__loupe.flush();
    expect(sent.some((e) => e.type == 'network.request')).toBe(true);
  });
  expect(sent.filter((e) => e.type == 'network.request').map((e) => e.data.url)).toEqual(['https://shop.example/api/cart']);
  expect(sent.find((e) => e.type == 'system.client_drops')).toBeUndefined();
});
