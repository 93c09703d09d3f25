import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { observeFetch, STREAM_MS } from '../src/observers/network-fetch';
import { takeDrops } from '../src/transport';
import { captureEvents, ofType, whileRateLimited } from './capture';

const events = captureEvents();
let answer: () => Promise<Response>;
const original = vi.fn((_input: RequestInfo | URL, _init?: RequestInit) => answer());

beforeAll(() => {
  window.fetch = original as unknown as typeof fetch;
  observeFetch();
});
beforeEach(() => {
  events.length = 0;
  original.mockClear();
});

/** Waits for the background body read and the event. */
const recorded = async () => {
  await vi.waitFor(() => expect(ofType(events, 'network.request')).toHaveLength(1));
  return ofType(events, 'network.request')[0];
};

describe('the fetch observer', () => {
  it('gives the page the very Response, its body still unread, and records both bodies', async () => {
    const res = new Response('{"ok":true}', { status: 201, statusText: 'Created', headers: { 'content-type': 'application/json', 'x-trace': 't1' } });
    answer = async () => res;
    const got = await fetch('/api/cart', { method: 'post', headers: { 'Content-Type': 'application/json' }, body: '{"sku":1}' });
    expect(got).toBe(res);
    expect(await got.json()).toEqual({ ok: true });
    expect(original).toHaveBeenCalledWith('/api/cart', expect.objectContaining({ method: 'post' }));
    const d = await recorded();
    expect(d).toMatchObject({
      method: 'POST',
      url: location.origin + '/api/cart',
      status: 201,
      status_text: 'Created',
      initiator: 'fetch',
      request_headers: { 'content-type': 'application/json' },
      response_headers: { 'x-trace': 't1' },
      request_body: '{"sku":1}',
      request_body_size: 9,
      response_body: '{"ok":true}',
      response_body_size: 11,
      content_type: 'application/json',
    });
    expect(d.duration_ms).toBeGreaterThanOrEqual(0);
    expect(Number.isInteger(d.started_at)).toBe(true);
    expect(events[0].detail_level).toBe('verbose');
  });

  it('reads a same-origin body of known length with text(), others in chunks, cut at 5 MB', async () => {
    const clones: Response[] = [];
    /** A response of `type` whose clones' text() is watched. */
    const watched = (type: string) => {
      const res = new Response('{"n":1}', { headers: { 'content-type': 'application/json', 'content-length': '7' } });
      Object.defineProperty(res, 'type', { value: type });
      const clone = res.clone.bind(res);
      res.clone = () => {
        const copy = clone();
        vi.spyOn(copy, 'text');
        clones.push(copy);
        return copy;
      };
      return res;
    };
    const same = watched('basic');
    answer = async () => same;
    await fetch('/api/known');
    expect((await recorded()).response_body).toBe('{"n":1}');
    expect(clones[0].text).toHaveBeenCalled();

    // Cross-origin: Content-Length is visible but Content-Encoding may not be, so the length
    // does not bound the text.
    events.length = 0;
    const cors = watched('cors');
    answer = async () => cors;
    await fetch('https://api.example/known');
    expect((await recorded()).response_body).toBe('{"n":1}');
    expect(clones[1].text).not.toHaveBeenCalled();

    events.length = 0;
    const big = 'x'.repeat(6 << 20);
    const chunks = new ReadableStream({
      start(c) {
        for (let i = 0; i < big.length; i += 1 << 20) c.enqueue(new TextEncoder().encode(big.slice(i, i + (1 << 20))));
        c.close();
      },
    });
    answer = async () => new Response(chunks, { headers: { 'content-type': 'text/plain' } });
    await fetch('/api/unknown');
    const d = await recorded();
    expect(d.response_body).toMatch(/^x+…\[truncated \d+ bytes\]$/);
    expect(new TextEncoder().encode(d.response_body).length).toBeLessThanOrEqual(5 << 20);
  });

  it('lets go of a body still coming after 10 s, so that a stream the page cancelled ends', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let cancelled = false;
      const endless = new ReadableStream({
        start: (c) => c.enqueue(new TextEncoder().encode('{"token":"first"}\n')),
        cancel: () => void (cancelled = true),
      });
      answer = async () => new Response(endless, { headers: { 'content-type': 'text/plain' } });
      const res = await fetch('/api/chat');
      const page = res.body!.getReader();
      await page.read();
      void page.cancel(); // settles once both copies are cancelled
      // The SDK's copy still reads: the download goes on until it lets go.
      expect(cancelled).toBe(false);
      await vi.advanceTimersByTimeAsync(STREAM_MS);
      vi.useRealTimers();
      const d = await recorded();
      expect(cancelled).toBe(true);
      expect(d.response_body).toBe('{"token":"first"}\n…[not read after 10 s]');
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not read event streams or NDJSON, which may never end', async () => {
    for (const type of ['text/event-stream', 'application/x-ndjson', 'application/jsonl', 'application/stream+json']) {
      events.length = 0;
      answer = async () => new Response('{"a":1}\n', { headers: { 'content-type': type } });
      await fetch('/s');
      expect((await recorded()).response_body, type).toBeUndefined();
    }
  });

  it('does not read bodies that are not text, and then stays at standard detail', async () => {
    answer = async () => new Response(new Uint8Array([1, 2, 3]), { headers: { 'content-type': 'image/png' } });
    await fetch('/img.png');
    const d = await recorded();
    expect(d.response_body).toBeUndefined();
    expect(events[0].detail_level).toBe('standard');
  });

  it('returns a streaming response without waiting for its end', async () => {
    let push!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (push = c) });
    answer = async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    const res = await fetch('/events');
    expect(res.status).toBe(200);
    expect(await recorded()).toMatchObject({ url: location.origin + '/events', status: 200 });
    push.enqueue(new TextEncoder().encode('data: 1\n\n'));
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: 1\n\n');
  });

  it('rejects with the same error, recording the failure or the abort', async () => {
    const err = new TypeError('Failed to fetch');
    answer = async () => Promise.reject(err);
    await expect(fetch('https://down.example/x')).rejects.toBe(err);
    expect(await recorded()).toMatchObject({ url: 'https://down.example/x', error: 'Failed to fetch' });
    events.length = 0;
    const abort = new DOMException('The operation was aborted.', 'AbortError');
    answer = async () => Promise.reject(abort);
    await expect(fetch('/slow')).rejects.toBe(abort);
    expect(await recorded()).toMatchObject({ aborted: true });
  });

  it('records a body that failed after the headers (the page aborted, the connection was cut) as a failure', async () => {
    const body = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode('{"part'));
        c.error(new DOMException('signal is aborted without reason', 'AbortError'));
      },
    });
    answer = async () => new Response(body, { headers: { 'content-type': 'application/json', 'content-length': '1000' } });
    const res = await fetch('/api/slow');
    await expect(res.text()).rejects.toThrow();
    const d = await recorded();
    expect(d).toMatchObject({ status: 200, error: 'signal is aborted without reason', aborted: true });
    expect(d.response_body_size).toBeUndefined();
  });

  it('records the URL a redirect ended at, not one that differs from the request by its fragment only', async () => {
    const at = (url: string) => async () => Object.defineProperty(new Response('x', { headers: { 'content-type': 'text/plain' } }), 'url', { value: url });
    answer = at(location.origin + '/login?next=%2Fcart');
    await fetch('/api/cart');
    answer = at(location.origin + '/api/cart');
    await fetch('/api/cart#summary');
    await vi.waitFor(() => expect(ofType(events, 'network.request')).toHaveLength(2));
    expect(ofType(events, 'network.request').map((r) => [r.url, r.final_url])).toEqual([
      [location.origin + '/api/cart', location.origin + '/login?next=%2Fcart'],
      [location.origin + '/api/cart#summary', undefined],
    ]);
  });

  it('keeps a method as fetch sends it (only the standard ones upper-cased), and no size for a HEAD', async () => {
    answer = async () => new Response(null, { headers: { 'content-type': 'application/octet-stream', 'content-length': '19' } });
    await fetch('/api/item', { method: 'patch' });
    await fetch('/api/item', { method: 'head' });
    await vi.waitFor(() => expect(ofType(events, 'network.request')).toHaveLength(2));
    expect(ofType(events, 'network.request').map((r) => [r.method, r.response_body_size])).toEqual([
      ['patch', 19],
      ['HEAD', undefined],
    ]);
  });

  it('reads nothing of a request the rate limit will drop, counting the drop', async () => {
    const res = new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } });
    const clone = vi.spyOn(res, 'clone');
    const headers = new Headers({ 'x-trace': 't1' });
    const readHeaders = vi.spyOn(headers, 'forEach');
    answer = async () => res;
    takeDrops();
    await whileRateLimited(async () => expect(await fetch('/api/busy', { headers })).toBe(res));
    expect(clone).not.toHaveBeenCalled();
    expect(readHeaders).not.toHaveBeenCalled();
    expect(events).toEqual([]);
    expect(takeDrops()).toEqual({ rate_limited: 1 });
    expect(await res.json()).toEqual({ ok: true });
  });

  it('resolves a relative URL against the document\'s base URL, as the browser does', async () => {
    const base = document.head.appendChild(document.createElement('base'));
    base.href = 'https://shop.example/app/';
    try {
      answer = async () => new Response('{}', { headers: { 'content-type': 'application/json' } });
      await fetch('api/heroes');
      expect((await recorded()).url).toBe('https://shop.example/app/api/heroes');
    } finally {
      base.remove();
    }
  });

  it('records the body of a Request it is given, leaving the Request to the page', async () => {
    answer = async () => new Response('{}', { headers: { 'content-type': 'application/json' } });
    const req = new Request('https://api.example/items', { method: 'POST', body: '{"name":"widget"}', headers: { 'content-type': 'application/json' } });
    await fetch(req);
    const d = await recorded();
    expect(d).toMatchObject({ method: 'POST', request_body: '{"name":"widget"}', request_body_size: 17 });
    expect(req.bodyUsed).toBe(false);
    expect(await (original.mock.calls[0][0] as Request).text()).toBe('{"name":"widget"}');
  });

  it('lets go of a streamed Request body that does not end, and still records the request', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      answer = async () => new Response('{}', { headers: { 'content-type': 'application/json' } });
      const upload = new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('line 1\n')) });
      await fetch(new Request('https://api.example/upload', { method: 'POST', body: upload, duplex: 'half', headers: { 'content-type': 'text/plain' } } as RequestInit));
      await vi.advanceTimersByTimeAsync(STREAM_MS);
      vi.useRealTimers();
      expect(await recorded()).toMatchObject({ method: 'POST', request_body: 'line 1\n…[not read after 10 s]', request_body_size: 7 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('passes `this` and all arguments through unchanged', async () => {
    answer = async () => new Response('');
    const init = { method: 'GET', extra: 1 } as RequestInit;
    const self = {};
    await window.fetch.call(self, '/a', init);
    expect(original.mock.contexts[0]).toBe(self);
    expect(original.mock.calls[0][1]).toBe(init);
  });
});
