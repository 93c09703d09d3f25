import { describe, expect, it } from 'vitest';
import { event, processEvent } from '../src/emit';
import { byteLen, EVENT_BYTES } from '../src/limits';

/** Runs the time-sliced job to its end; the JSON it hands on, if any. */
function run(data: object, max = EVENT_BYTES, type = 'network.request'): string | undefined {
  let out: string | undefined;
  const job = processEvent(event(type, data), (json) => (out = json), max);
  while (!job.next().done);
  return out;
}

const request = (response_body: string, request_body?: string) => ({
  method: 'POST',
  url: 'https://shop.example/api/catalog',
  status: 200,
  response_headers: { 'content-type': 'application/json' },
  request_body,
  response_body,
});

describe('processing one event', () => {
  it('keeps a request whose bodies are over the record limit, cutting them to fit', () => {
    // JSON text: every quote is escaped again inside the event, so the text is longer there than it is.
    const big = '[' + Array.from({ length: 60_000 }, (_, i) => `{"id":${i},"name":"item \\"${i}\\""}`).join(',') + ']';
    expect(byteLen(big)).toBeGreaterThan(EVENT_BYTES * 1.5);
    const json = run(request(big, 'q'.repeat(300_000)))!;
    expect(byteLen(json)).toBeLessThanOrEqual(EVENT_BYTES - 16384);
    // Cut to fit, not much further: the excess is scaled from JSON bytes back to the body's own.
    expect(byteLen(json)).toBeGreaterThan(EVENT_BYTES - 16384 - 8192);
    const ev = JSON.parse(json);
    expect(ev.data).toMatchObject({ method: 'POST', url: 'https://shop.example/api/catalog', status: 200 });
    expect(ev.data.response_body).toMatch(/^\[\{"id":0,.*…\[truncated \d+ bytes\]$/s);
    // The marker counts all that was removed from the whole body, over every cut.
    const kept = ev.data.response_body.slice(0, ev.data.response_body.indexOf('…[truncated'));
    expect(byteLen(kept) + +ev.data.response_body.match(/truncated (\d+) bytes/)[1]).toBe(byteLen(big));
    // The longer body was cut; the shorter one kept whole.
    expect(ev.data.request_body).toBe('q'.repeat(300_000));
  });

  it('keeps bodies up to a raised limit whole', () => {
    const body = 'x'.repeat(3 << 20);
    const ev = JSON.parse(run(request(body), 8 << 20)!);
    expect(ev.data.response_body).toBe(body);
  });

  it('leaves an event within a small limit as it is', () => {
    const ev = JSON.parse(run(request('r'.repeat(3000)), 8192)!);
    expect(ev.data.response_body).toBe('r'.repeat(3000));
  });

  it('hands on other events over the limit as they are, for the transport to count', () => {
    const json = run({ value: 'v'.repeat(EVENT_BYTES) }, EVENT_BYTES, 'custom.big')!;
    expect(byteLen(json)).toBeGreaterThan(EVENT_BYTES);
  });
});
