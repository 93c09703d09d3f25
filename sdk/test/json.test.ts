import { describe, expect, it } from 'vitest';
import { event, processEvent } from '../src/emit';
import { toJson } from '../src/json';

/** Runs a job to its end: its result and how many units it took. */
function run<T>(job: Generator<void, T>): [T, number] {
  let units = 0;
  for (;;) {
    const r = job.next();
    if (r.done) return [r.value, units];
    units++;
  }
}

describe('a parsed JSON value made text', () => {
  it('reads as JSON.stringify writes it, including what it leaves out or writes as null', () => {
    const holes = [1, , 3];
    const v: any = { a: [1, 'x', null, true, { b: 2.5, u: undefined, f() {} }], holes, s: '"quoted"\n', d: new Date(0), e: {}, l: [], n: NaN };
    v.a.extra = 'not an index';
    expect(run(toJson(v))[0]).toBe(JSON.stringify(v));
    expect(run(toJson(null))[0]).toBe('null');
    expect(run(toJson('text'))[0]).toBe('"text"');
  });

  it('is made a piece at a time, one unit per 1,024 entries, never in one long step', () => {
    const items = Array.from({ length: 5000 }, (_, i) => ({ id: i, tags: ['a', 'b'] }));
    const [text, units] = run(toJson({ items }));
    expect(text).toBe(JSON.stringify({ items }));
    // 1 + 5,000 × 5 entries (each item, its two members, its two tags); the count goes on across
    // values, so one unit more or less.
    expect(units).toBeGreaterThanOrEqual(23);
    expect(units).toBeLessThanOrEqual(25);
    const series = Array.from({ length: 100_000 }, (_, i) => i / 7);
    const [seriesText, seriesUnits] = run(toJson(series));
    expect(seriesText).toBe(JSON.stringify(series));
    expect(seriesUnits).toBeGreaterThanOrEqual(97);
    expect(seriesUnits).toBeLessThanOrEqual(98);
  });

  it('throws on a cycle, as JSON.stringify does', () => {
    const v: any = { a: {} };
    v.a.self = v;
    expect(() => run(toJson(v))).toThrow();
  });

  it("becomes an XHR event's response body, redacted as text", () => {
    const ev = event('network.request', { method: 'GET', url: 'https://api.example/me', response_body: { user: 'jane', password: 'hunter2', items: [1, 2] } });
    let out = '';
    run(processEvent(ev, (json) => (out = json), 1 << 20));
    const body = JSON.parse(JSON.parse(out).data.response_body);
    expect(body).toEqual({ user: 'jane', password: '[REDACTED:key]', items: [1, 2] });
  });

  it("leaves an app's own event with a response_body field as it is", () => {
    let out = '';
    run(processEvent(event('custom.checkout', { response_body: { plan: 'pro' }, request_body: null }), (json) => (out = json), 1 << 20));
    expect(JSON.parse(out).data).toEqual({ response_body: { plan: 'pro' }, request_body: null });
  });

  it('leaves out a body the page made cyclic, and keeps the event', () => {
    const body: any = { a: 1 };
    body.self = body;
    let out = '';
    run(processEvent(event('network.request', { method: 'GET', url: 'https://api.example/', response_body: body }), (json) => (out = json), 1 << 20));
    expect(JSON.parse(out).data).toEqual({ method: 'GET', url: 'https://api.example/' });
  });
});
