import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { observeXhr } from '../src/observers/network-xhr';
import { takeDrops } from '../src/transport';
import { captureEvents, ofType, whileRateLimited } from './capture';

/** A stand-in XMLHttpRequest that answers `send` with a canned response, as browsers do. */
class FakeXhr extends EventTarget {
  static next: { status: number; headers: string; body: unknown; fail?: boolean; loaded?: number; url?: string } = { status: 200, headers: '', body: '' };
  listeners = 0;
  responseType: XMLHttpRequestResponseType = '';
  status = 0;
  statusText = '';
  response: unknown = null;
  responseURL = '';
  sent: unknown[] = [];
  private headers = '';
  get responseText(): string {
    if (this.responseType != '' && this.responseType != 'text') throw new DOMException('not text', 'InvalidStateError');
    return this.response as string;
  }
  addEventListener(...args: Parameters<EventTarget['addEventListener']>) {
    this.listeners++;
    super.addEventListener(...args);
  }
  readyState = 0;
  sync = false;
  open(_method: string, _url: string, async = true) {
    this.readyState = 1;
    this.sync = !async;
  }
  setRequestHeader(n: string, _v: string) {
    if (/\s/.test(n)) throw new DOMException(`'${n}' is not a valid HTTP header field name.`, 'SyntaxError');
  }
  getAllResponseHeaders() {
    return this.headers;
  }
  send(body?: unknown) {
    this.sent.push(body);
    const n = FakeXhr.next;
    // Synchronous and failing on the network: done, no event, and send throws.
    if (this.sync && n.fail) throw ((this.readyState = 4), new DOMException("Failed to execute 'send' on 'XMLHttpRequest'", 'NetworkError'));
    queueMicrotask(() => {
      this.readyState = 4;
      if (n.fail) this.dispatchEvent(new Event('error'));
      else Object.assign(this, { status: n.status, statusText: 'OK', response: n.body, headers: n.headers, responseURL: n.url ?? location.origin + '/api/item' }), this.dispatchEvent(new Event('load'));
      this.dispatchEvent(Object.assign(new Event('loadend'), { loaded: n.loaded ?? 0 }));
    });
  }
}

const events = captureEvents();
beforeAll(() => {
  (globalThis as any).XMLHttpRequest = FakeXhr;
  observeXhr();
});
beforeEach(() => void (events.length = 0));

function request(responseType: XMLHttpRequestResponseType, body: unknown, contentType = 'application/json') {
  FakeXhr.next = { status: 200, headers: `Content-Type: ${contentType}\r\nX-Id: 7\r\n`, body };
  const xhr = new XMLHttpRequest();
  xhr.open('put', '/api/item');
  xhr.setRequestHeader('Content-Type', 'application/json');
  xhr.responseType = responseType;
  return new Promise<XMLHttpRequest>((done) => {
    xhr.addEventListener('loadend', () => done(xhr));
    xhr.send('{"n":1}');
  });
}

describe('the XHR observer', () => {
  it('records method, url, status, headers and both text bodies', async () => {
    const xhr = await request('', '{"id":7}');
    expect(xhr.responseText).toBe('{"id":7}');
    expect((xhr as unknown as FakeXhr).sent).toEqual(['{"n":1}']);
    expect(ofType(events, 'network.request')[0]).toMatchObject({
      method: 'PUT',
      url: location.origin + '/api/item',
      status: 200,
      initiator: 'xhr',
      request_headers: { 'content-type': 'application/json' },
      response_headers: { 'content-type': 'application/json', 'x-id': '7' },
      request_body: '{"n":1}',
      response_body: '{"id":7}',
      response_type: 'text',
    });
    expect(ofType(events, 'network.request')[0].final_url).toBeUndefined();
  });

  it('records the URL a redirect ended at', async () => {
    FakeXhr.next = { status: 200, headers: 'Content-Type: text/plain\r\n', body: 'login', url: location.origin + '/login?next=%2Fapi' };
    const xhr = new XMLHttpRequest();
    xhr.open('GET', '/api/item#top');
    await new Promise((done) => (xhr.addEventListener('loadend', done), xhr.send()));
    expect(ofType(events, 'network.request')[0]).toMatchObject({ url: location.origin + '/api/item#top', final_url: location.origin + '/login?next=%2Fapi' });
  });

  it('reads nothing of a request the rate limit will drop, counting the drop', async () => {
    const readHeaders = vi.spyOn(FakeXhr.prototype, 'getAllResponseHeaders');
    takeDrops();
    let xhr!: XMLHttpRequest;
    await whileRateLimited(async () => (xhr = await request('', '{"id":7}')));
    expect(xhr.responseText).toBe('{"id":7}');
    expect(readHeaders).not.toHaveBeenCalled();
    expect(events).toEqual([]);
    expect(takeDrops()).toEqual({ rate_limited: 1 });
    readHeaders.mockRestore();
  });

  it('works with every responseType, never touching responseText where it throws', async () => {
    const json = await request('json', { id: 1 });
    expect(json.response).toEqual({ id: 1 });
    const blob = await request('blob', new Blob(['abcd']), 'image/png');
    const buffer = await request('arraybuffer', new ArrayBuffer(8), 'application/octet-stream');
    const doc = await request('document', document, 'text/html');
    expect(doc.response).toBe(document);
    // A JSON text that is not an object or array is written back at once.
    await request('json', 'plain');
    await request('json', 42);
    const [j, b, a, d, s, n] = ofType(events, 'network.request');
    expect([s.response_body, n.response_body]).toEqual(['"plain"', '42']);
    // The parsed value, which the event's job makes text (test/json.test.ts).
    expect(j).toMatchObject({ response_type: 'json', response_body: { id: 1 } });
    expect(b).toMatchObject({ response_type: 'blob', response_body_size: 4 });
    expect(a).toMatchObject({ response_type: 'arraybuffer', response_body_size: 8 });
    expect(d).toMatchObject({ response_type: 'document' });
    expect(blob.response).toBeInstanceOf(Blob);
    expect(buffer.response).toBeInstanceOf(ArrayBuffer);
  });

  it('records a synchronous XHR that fails on the network, whose send throws and fires no event', async () => {
    FakeXhr.next = { status: 0, headers: '', body: null, fail: true };
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/unload', false);
    expect(() => xhr.send('bye')).toThrow('Failed to execute');
    await vi.waitFor(() => expect(ofType(events, 'network.request')).toHaveLength(1));
    expect(ofType(events, 'network.request')[0]).toMatchObject({ method: 'POST', url: location.origin + '/api/unload', error: 'network error', status: 0, request_body: 'bye' });
  });

  it('records a network failure', async () => {
    FakeXhr.next = { status: 0, headers: '', body: null, fail: true };
    const xhr = new XMLHttpRequest();
    xhr.open('GET', 'https://down.example/');
    await new Promise((done) => {
      xhr.addEventListener('loadend', done);
      xhr.send();
    });
    expect(ofType(events, 'network.request')[0]).toMatchObject({ status: 0, error: 'network error' });
  });

  it('keeps four listeners on an XHR however often it is reused, and lets each record go', async () => {
    const xhr = new XMLHttpRequest() as unknown as FakeXhr;
    for (let i = 0; i < 5; i++) {
      FakeXhr.next = { status: 200, headers: 'content-type: text/plain\r\n', body: 'reply ' + i };
      xhr.open('GET', 'https://api.example/poll?i=' + i);
      await new Promise((done) => {
        xhr.addEventListener('loadend', done, { once: true });
        xhr.send();
      });
    }
    // The page's own five, plus the SDK's four.
    expect(xhr.listeners).toBe(5 + 4);
    expect(ofType(events, 'network.request').map((r) => r.response_body)).toEqual(['reply 0', 'reply 1', 'reply 2', 'reply 3', 'reply 4']);
  });

  it('records each request of an XHR the page reopens from its own load handler, and one reopened in flight as aborted', async () => {
    const xhr = new XMLHttpRequest() as unknown as FakeXhr;
    let i = 0;
    const chain = () => {
      FakeXhr.next = { status: 200, headers: 'content-type: text/plain\r\n', body: 'reply ' + i };
      xhr.open('GET', 'https://api.example/poll?i=' + i);
      xhr.send();
    };
    await new Promise<void>((done) => {
      // The next request goes from the load handler, before this one's loadend.
      xhr.addEventListener('load', () => (++i < 3 ? chain() : done()));
      chain();
    });
    await Promise.resolve();
    expect(ofType(events, 'network.request').map((r) => [r.url, r.status, r.response_body])).toEqual([
      ['https://api.example/poll?i=0', 200, 'reply 0'],
      ['https://api.example/poll?i=1', 200, 'reply 1'],
      ['https://api.example/poll?i=2', 200, 'reply 2'],
    ]);
    events.length = 0;
    // Reopened while the first is in flight: open aborts it.
    const other = new XMLHttpRequest() as unknown as FakeXhr;
    other.open('GET', 'https://api.example/first');
    other.send();
    other.readyState = 1;
    other.open('GET', 'https://api.example/second');
    expect(ofType(events, 'network.request').map((r) => [r.url, r.aborted])).toEqual([['https://api.example/first', true]]);
  });

  it('keeps a request whose page set a header the browser refused', async () => {
    const xhr = new XMLHttpRequest() as unknown as FakeXhr;
    FakeXhr.next = { status: 204, headers: '', body: '' };
    xhr.open('GET', 'https://api.example/ok');
    expect(() => xhr.setRequestHeader('bad name', 'v')).toThrow(DOMException);
    xhr.setRequestHeader('X-Ok', '1');
    await new Promise((done) => {
      xhr.addEventListener('loadend', done, { once: true });
      xhr.send();
    });
    expect(ofType(events, 'network.request').map((r) => [r.url, r.status, r.request_headers])).toEqual([['https://api.example/ok', 204, { 'x-ok': '1' }]]);
  });

  it('keeps only the size of a JSON response over the body limit, without turning it into text', async () => {
    FakeXhr.next = { status: 200, headers: 'content-type: application/json\r\n', body: { big: true }, loaded: 6 << 20 };
    const xhr = new XMLHttpRequest() as unknown as FakeXhr;
    xhr.responseType = 'json';
    xhr.open('GET', 'https://api.example/huge');
    const stringify = vi.spyOn(JSON, 'stringify');
    await new Promise((done) => {
      xhr.addEventListener('loadend', done);
      xhr.send();
    });
    const calls = stringify.mock.calls.filter(([v]) => v?.big).length;
    stringify.mockRestore();
    expect(calls).toBe(0);
    const [rec] = ofType(events, 'network.request');
    expect(rec).toMatchObject({ response_type: 'json', response_body_size: 6 << 20 });
    expect(rec.response_body).toBeUndefined();
  });
});
