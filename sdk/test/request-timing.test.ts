// A request is one event: its resource timing entry goes into its `network.request` (phases,
// protocol, sizes) instead of making a `network.resource` of its own. The browser has the entry by
// the time the body is read and tells the observer a task later (checked in Chromium); here the
// test hands it over as the browser would.
import { afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { observeFetch } from '../src/observers/network-fetch';
import { sendWaiting, waiting } from '../src/observers/network-record';
import { observePerformance } from '../src/observers/performance';
import { captureEvents, ofType } from './capture';

const events = captureEvents();
let deliver = (_entries: object[]) => {};

beforeAll(() => {
  vi.stubGlobal(
    'PerformanceObserver',
    class {
      static supportedEntryTypes = ['resource'];
      constructor(readonly cb: (list: { getEntries(): object[] }) => void) {}
      observe(o: { type: string }) {
        if (o.type == 'resource') deliver = (entries) => this.cb({ getEntries: () => entries });
      }
      disconnect() {}
    },
  );
  window.fetch = vi.fn(async () => new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } })) as unknown as typeof fetch;
  observeFetch();
  observePerformance(() => false);
});
beforeEach(() => {
  sendWaiting();
  events.length = 0;
});
afterEach(() => vi.useRealTimers());

/** A resource timing entry as Chromium makes it for a request started at `startTime`. */
const entry = (name: string, initiatorType: string, startTime: number) => ({
  name,
  initiatorType,
  startTime,
  duration: 30,
  domainLookupStart: startTime + 1,
  domainLookupEnd: startTime + 3,
  connectStart: startTime + 3,
  secureConnectionStart: startTime + 5,
  connectEnd: startTime + 9,
  requestStart: startTime + 10,
  responseStart: startTime + 25,
  responseEnd: startTime + 30,
  transferSize: 340,
  encodedBodySize: 11,
  decodedBodySize: 11,
  nextHopProtocol: 'h2',
  responseStatus: 200,
});

/** Fetches `path`, waits for its record to be complete, and returns the entry the browser would make for it. */
async function fetched(path: string) {
  const start = performance.now();
  const url = location.origin + path;
  await (await fetch(path)).text();
  // The record is complete once its cloned body was read: it waits, unsent, for its entry.
  await vi.waitFor(() => expect([...waiting.keys()].some((r) => r.url == url)).toBe(true));
  return entry(url, 'fetch', start + 0.5);
}

it('sends a request whose entry does not come after at most a second, and its entry later on its own', async () => {
  // First in this file: no timer of an earlier test's records is pending.
  vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
  const e = await fetched('/api/download');
  await vi.advanceTimersByTimeAsync(400);
  expect(ofType(events, 'network.request')).toHaveLength(0);
  await vi.advanceTimersByTimeAsync(600);
  const [req] = ofType(events, 'network.request');
  expect(req.url).toBe(e.name);
  expect(req.timing).toBeUndefined();
  deliver([e]);
  expect(ofType(events, 'network.resource')).toMatchObject([{ url: e.name, initiator_type: 'fetch', timing: { ttfb_ms: 15 } }]);
});

it('puts the timing entry of a fetch into its request, which makes no network.resource', async () => {
  const e = await fetched('/api/cart');
  // Not sent before its entry came.
  expect(ofType(events, 'network.request')).toHaveLength(0);
  deliver([e]);
  const [req] = ofType(events, 'network.request');
  expect(req).toMatchObject({
    url: e.name,
    status: 200,
    protocol: 'h2',
    transfer_size: 340,
    encoded_body_size: 11,
    decoded_body_size: 11,
    timing: { dns_ms: 2, connect_ms: 6, tls_ms: 4, ttfb_ms: 15, download_ms: 5 },
  });
  expect(ofType(events, 'network.resource')).toHaveLength(0);
});

it('keeps apart entries that are not the request: another initiator, or one that started before it', async () => {
  const e = await fetched('/api/items');
  // An image of the same URL, and a request to it that started before this one (made before the
  // SDK, or one the rate limit dropped).
  deliver([{ ...e, initiatorType: 'img' }, { ...e, startTime: e.startTime - 50 }]);
  expect(ofType(events, 'network.request')).toHaveLength(0);
  expect(ofType(events, 'network.resource').map((r) => r.initiator_type)).toEqual(['img', 'fetch']);
  deliver([e]);
  expect(ofType(events, 'network.request')[0].timing.ttfb_ms).toBe(15);
});

it('sends waiting requests at once on a flush (page hide, loupe.flush())', async () => {
  await fetched('/api/a');
  await fetched('/api/b');
  expect(ofType(events, 'network.request')).toHaveLength(0);
  sendWaiting();
  expect(ofType(events, 'network.request').map((r) => r.url)).toEqual([location.origin + '/api/a', location.origin + '/api/b']);
});
