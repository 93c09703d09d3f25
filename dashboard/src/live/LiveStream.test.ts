import { describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../api/client';
import { fakeFetch, json } from '../test/fakeFetch';
import { envelope } from '../test/fixtures';
import { LiveStream, parseGap, type StreamStatus } from './LiveStream';
import { FakeEventSource } from '../test/FakeEventSource';
import { streamUrl } from './liveSelectors';

function setup(tokenStatus = 200) {
  let tokens = 0;
  const server = fakeFetch({
    'POST /v1/stream/token': () => (tokenStatus === 200 ? { token: `st-${++tokens}`, expires_at: 0 } : json({ error: 'unauthorized', message: 'no' }, tokenStatus)),
  });
  const onUnauthorized = vi.fn();
  const api = new ApiClient({ getToken: () => 'sess', onUnauthorized, fetch: server.fetch });
  const sources: FakeEventSource[] = [];
  const timers: (() => void)[] = [];
  const statuses: StreamStatus[] = [];
  const events: number[] = [];
  const gaps: unknown[] = [];
  let lastSeq: number | null = null;
  const stream = new LiveStream({
    api,
    selectors: { categories: ['network'], types: ['network.*'], sourceKind: 'page', sessionId: 's-1' },
    lastSeq: () => lastSeq,
    onEvent: (e) => {
      events.push(e.seq);
      lastSeq = e.seq;
    },
    onGap: (g) => gaps.push(g),
    onStatus: (s) => statuses.push(s),
    createEventSource: (url) => {
      const s = new FakeEventSource(url);
      sources.push(s);
      return s;
    },
    setTimer: (cb) => timers.push(cb),
    clearTimer: () => undefined,
  });
  const flush = () => new Promise((r) => setTimeout(r, 0));
  return { stream, sources, timers, statuses, events, gaps, server, onUnauthorized, flush };
}

describe('LiveStream', () => {
  it('gets a stream token and subscribes with it and the selectors, starting live', async () => {
    const t = setup();
    t.stream.start();
    await t.flush();
    expect(t.server.calls[0]).toMatchObject({ method: 'POST', path: '/v1/stream/token' });
    expect(t.server.calls[0].headers.Authorization).toBe('Bearer sess');
    const url = new URL(t.sources[0].url, 'http://x');
    expect(url.pathname).toBe('/v1/stream');
    expect(url.searchParams.get('token')).toBe('st-1');
    expect(url.searchParams.getAll('category')).toEqual(['network']);
    expect(url.searchParams.getAll('type')).toEqual(['network.*']);
    expect(url.searchParams.get('source_kind')).toBe('page');
    expect(url.searchParams.get('session_id')).toBe('s-1');
    expect(url.searchParams.has('after_seq')).toBe(false);
    t.sources[0].open();
    expect(t.statuses).toEqual(['connecting', 'live']);
  });

  it('delivers envelopes and gap frames, skipping frames that are not valid', async () => {
    const t = setup();
    t.stream.start();
    await t.flush();
    t.sources[0].message(envelope('network.request', {}, { seq: 41 }));
    t.sources[0].onmessage?.(new MessageEvent('message', { data: 'not json' }));
    t.sources[0].named('gap', { from: 42, to: 50, count: 9, reason: 'retention' });
    expect(t.events).toEqual([41]);
    expect(t.gaps).toEqual([{ from: 42, to: 50, count: 9, reason: 'retention' }]);
  });

  it('after an error, reconnects with a fresh token and after_seq = the last seq seen', async () => {
    const t = setup();
    t.stream.start();
    await t.flush();
    t.sources[0].open();
    t.sources[0].message(envelope('network.request', {}, { seq: 77 }));
    t.sources[0].fail();
    expect(t.sources[0].closed).toBe(true);
    expect(t.statuses.at(-1)).toBe('reconnecting');
    expect(t.timers).toHaveLength(1);
    t.timers[0]();
    await t.flush();
    const url = new URL(t.sources[1].url, 'http://x');
    expect(url.searchParams.get('token')).toBe('st-2');
    expect(url.searchParams.get('after_seq')).toBe('77');
  });

  it('stops for good when the dashboard session is no longer valid', async () => {
    const t = setup(401);
    t.stream.start();
    await t.flush();
    expect(t.onUnauthorized).toHaveBeenCalled();
    expect(t.sources).toHaveLength(0);
    expect(t.timers).toHaveLength(0);
    expect(t.statuses.at(-1)).toBe('stopped');
  });

  it('retries the token call when the server is unavailable', async () => {
    const t = setup(503);
    t.stream.start();
    await t.flush();
    expect(t.timers).toHaveLength(1);
    expect(t.statuses.at(-1)).toBe('reconnecting');
  });

  it('ignores a closed source after stop', async () => {
    const t = setup();
    t.stream.start();
    await t.flush();
    const source = t.sources[0];
    t.stream.stop();
    expect(source.closed).toBe(true);
    expect(source.onmessage).toBeNull();
  });
});

describe('stream frames', () => {
  it('builds the stream URL with repeated selectors', () => {
    expect(streamUrl('tok', { categories: ['console', 'error'], types: [], sourceKind: '', sessionId: '' }, 10)).toBe(
      '/v1/stream?category=console&category=error&token=tok&after_seq=10',
    );
  });

  it('fills in a missing gap count', () => {
    expect(parseGap('{"from":5,"to":9}')).toEqual({ from: 5, to: 9, count: 5, reason: 'unknown' });
    expect(parseGap('{"from":"5"}')).toBeNull();
  });
});
