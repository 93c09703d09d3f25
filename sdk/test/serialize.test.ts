import { effect, reactive, readonly } from '@vue/reactivity';
import { autorun, observable, runInAction } from 'mobx';
import { describe, expect, it } from 'vitest';
import { ARG_BYTES, byteLen, cut } from '../src/limits';
import { serialize, serializeArg } from '../src/serialize';

const big = (n: number) => 'x'.repeat(n);

describe('byteLen', () => {
  it('counts UTF-8 bytes, ASCII without encoding', () => {
    expect(byteLen('')).toBe(0);
    expect(byteLen('{"type":"console.log"}')).toBe(22);
    expect(byteLen('\x7f')).toBe(1);
    expect(byteLen('é€😀')).toBe(2 + 3 + 4);
    // A lone surrogate travels as U+FFFD: 3 bytes.
    expect(byteLen('a\ud800')).toBe(4);
  });
});

describe('serialize', () => {
  it('keeps JSON scalars and renders the rest as DevTools does', () => {
    function namedFn() {}
    expect(serialize('a', 100)).toBe('a');
    expect(serialize(1.5, 100)).toBe(1.5);
    expect(serialize(true, 100)).toBe(true);
    expect(serialize(null, 100)).toBe(null);
    expect(serialize(undefined, 100)).toBe('undefined');
    expect(serialize(NaN, 100)).toBe('NaN');
    expect(serialize(-Infinity, 100)).toBe('-Infinity');
    expect(serialize(123n, 100)).toBe('123n');
    expect(serialize(Symbol('s'), 100)).toBe('Symbol(s)');
    expect(serialize(namedFn, 100)).toBe('[Function: namedFn]');
    expect(serialize(() => 1, 100)).toMatch(/^\[Function: /);
    expect(serialize(new Date(0), 100)).toBe('1970-01-01T00:00:00.000Z');
    expect(serialize(/a+/g, 100)).toBe('/a+/g');
  });

  it('writes Errors as name, message and stack', () => {
    const e = new TypeError('boom');
    expect(serialize(e, 4096)).toEqual({ name: 'TypeError', message: 'boom', stack: e.stack });
  });

  it('writes an Error\'s cause the same way, a cycle as [Circular], without calling a getter', () => {
    const io = new TypeError('Failed to fetch');
    const save = new Error('could not save', { cause: io });
    expect(serialize(save, 4096)).toEqual({
      name: 'Error',
      message: 'could not save',
      stack: save.stack,
      cause: { name: 'TypeError', message: 'Failed to fetch', stack: io.stack },
    });
    expect(serialize(new Error('x', { cause: { code: 'ECONNRESET' } }), 4096)).toMatchObject({ cause: { code: 'ECONNRESET' } });
    const a: any = new Error('a');
    a.cause = new Error('b', { cause: a });
    expect((serialize(a, 4096) as any).cause.cause).toBe('[Circular]');
    const guarded = Object.defineProperty(new Error('guarded'), 'cause', {
      get() {
        throw new Error('a getter of the page');
      },
    });
    expect(serialize(guarded, 4096)).toMatchObject({ message: 'guarded', cause: undefined });
  });

  it('keeps keys named __proto__ or like the members of Object.prototype, with their values', () => {
    const out: any = serialize(JSON.parse('{"__proto__":{"x":1},"toString":2,"a":3}'), 4096);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"x":1},"toString":2,"a":3}');
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });

  it('describes DOM nodes briefly', () => {
    document.body.innerHTML = '<button id="buy" class="primary big">Buy</button>';
    const b = document.querySelector('button')!;
    expect(serialize(b, 100)).toBe('<button#buy.primary.big>');
    expect(serialize(b.firstChild, 100)).toBe('#text');
    expect(serialize(document, 100)).toBe('#document');
    expect(serialize({ el: b }, 100)).toEqual({ el: '<button#buy.primary.big>' });
    expect(serialize(window, 100)).toBe('[Window]');
  });

  it('writes Map, Set and typed arrays with their size', () => {
    expect(serialize(new Map<unknown, unknown>([['a', 1], [2, 'b']]), 1000)).toEqual({ 'Map(2)': { a: 1, '2': 'b' } });
    expect(serialize(new Set([1, 'x']), 1000)).toEqual({ 'Set(2)': [1, 'x'] });
    expect(serialize(new Uint8Array([1, 2, 3]), 1000)).toEqual({ 'Uint8Array(3)': [1, 2, 3] });
    expect(serialize(new Float64Array(200), 100000)).toEqual({ 'Float64Array(200)': [...Array(100).fill(0), '… 100 more'] });
    expect(serialize(new ArrayBuffer(16), 100)).toBe('ArrayBuffer(16)');
  });

  it('marks cycles but writes an object seen twice side by side twice', () => {
    const a: any = { name: 'a' };
    a.self = a;
    a.list = [a];
    expect(serialize(a, 1000)).toEqual({ name: 'a', self: '[Circular]', list: ['[Circular]'] });
    const shared = { v: 1 };
    expect(serialize([shared, shared], 1000)).toEqual([{ v: 1 }, { v: 1 }]);
  });

  it('never calls getters, so a throwing getter cannot throw', () => {
    const o = Object.defineProperty({ ok: 1 }, 'bad', {
      enumerable: true,
      get() {
        throw new Error('getter ran');
      },
    });
    expect(serialize(o, 1000)).toEqual({ ok: 1, bad: '[Getter]' });
  });

  it('reads a Vue reactive object without making the effect that logged it depend on it', () => {
    const store = reactive<Record<string, unknown>>({ user: 'ann', cart: { items: [1, 2] } });
    let runs = 0;
    let seen: unknown;
    effect(() => {
      runs++;
      seen = serialize(store, 1000);
    });
    expect(seen).toEqual({ user: 'ann', cart: { items: [1, 2] } });
    // Keys the effect never read itself: without the raw target it would re-run for each.
    store.other = 1;
    store.more = 2;
    (store.cart as any).items.push(3);
    expect(runs).toBe(1);
  });

  it('reads a readonly view of a reactive object (what composables return) through its raw target too', () => {
    const state = reactive<Record<string, unknown>>({ user: 'ann' });
    let runs = 0;
    effect(() => {
      runs++;
      serialize(readonly(state), 1000);
    });
    state.added = 1;
    expect(runs).toBe(1);
    // A proxy that answers every key with itself (it even passes for a window) does not hang it.
    const chain: any = new Proxy({}, { get: () => chain });
    expect(serialize(chain, 1000)).toBe('[Window]');
  });

  it('reads a MobX observable untracked, so that the reaction that logged it does not depend on it', () => {
    const store = observable<Record<string, unknown>>({ user: 'ann', items: [1, 2] });
    let runs = 0;
    let seen: unknown;
    const stop = autorun(() => {
      runs++;
      seen = serialize(store, 1000);
    });
    try {
      // MobX's properties are accessors, shown as DevTools shows them before they are clicked.
      expect(seen).toEqual({ user: '[Getter]', items: '[Getter]' });
      // Its keys, read tracked, would re-run the reaction for every key added.
      runInAction(() => ((store.added = 1), (store.more = 2)));
      expect(runs).toBe(1);
      // What a reaction reads itself is still tracked.
      const own = autorun(() => {
        runs++;
        serialize(Object.keys(store), 100);
      });
      runInAction(() => (store.last = 3));
      own();
      expect(runs).toBe(3);
    } finally {
      stop();
    }
  });

  it('survives values that throw on inspection', () => {
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(serialize(revoked.proxy, 1000)).toBe('[Unserializable]');
  });

  it('stops at the depth limit', () => {
    const deep = { a: { b: { c: { d: { e: { f: { g: { h: 1 } } } } } } } };
    expect(JSON.stringify(serialize(deep, 10000))).toBe('{"a":{"b":{"c":{"d":{"e":{"f":"[Object]"}}}}}}');
  });

  it('stops adding entries once the size budget is spent', () => {
    const wide = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => ['key' + i, big(50)]));
    const out = serialize(wide, 1000) as Record<string, unknown>;
    expect(Object.keys(out).length).toBeLessThan(30);
    expect(out['…']).toMatch(/more$/);
    const long = serialize(big(5000), 1000) as string;
    expect(byteLen(long)).toBeLessThanOrEqual(1000);
    expect(long).toMatch(/…\[truncated \d+ bytes\]$/);
  });

  it('turns a structured argument over 1 KB into its cut JSON text', () => {
    const [arg, text, json] = serializeArg({ a: big(600), b: big(600) }, ARG_BYTES);
    expect(typeof arg).toBe('string');
    expect(byteLen(arg as string)).toBeLessThanOrEqual(ARG_BYTES);
    expect(arg as string).toMatch(/^\{"a":"xxx/);
    expect([text, json]).toEqual([arg, JSON.stringify(arg)]);
    expect(serializeArg({ a: 1 }, ARG_BYTES)).toEqual([{ a: 1 }, '{"a":1}', '{"a":1}']);
    expect(serializeArg('a "b"', ARG_BYTES)).toEqual(['a "b"', 'a "b"', '"a \\"b\\""']);
    const e = new TypeError('t');
    expect(serializeArg(e, ARG_BYTES).slice(1)).toEqual([e.stack, JSON.stringify(serializeArg(e, ARG_BYTES)[0])]);
  });
});

describe('cut', () => {
  it('counts UTF-8 bytes, keeps the marker inside the limit and never splits a surrogate pair', () => {
    const s = '😀'.repeat(100); // 400 bytes
    const c = cut(s, 100);
    expect(byteLen(c)).toBeLessThanOrEqual(100);
    expect(c).toMatch(/^(😀)+…\[truncated \d+ bytes\]$/);
    const removed = +c.match(/truncated (\d+)/)![1];
    expect(byteLen(c.slice(0, c.indexOf('…'))) + removed).toBe(400);
    expect(cut('short', 100)).toBe('short');
  });

  it('counts what it removes from the whole string, however long', () => {
    for (const [s, bytes] of [
      ['x'.repeat(5_000_000), 5_000_000],
      ['é'.repeat(100_000), 200_000],
    ] as const) {
      const c = cut(s, 1024);
      expect(byteLen(c)).toBeLessThanOrEqual(1024);
      const removed = +c.match(/truncated (\d+)/)![1];
      expect(byteLen(c.slice(0, c.indexOf('…'))) + removed).toBe(bytes);
    }
  });
});
