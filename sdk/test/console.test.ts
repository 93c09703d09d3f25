import { beforeAll, describe, expect, it, vi } from 'vitest';
import { observeConsole } from '../src/observers/console';
import { captureEvents, ofType, whileRateLimited } from './capture';
import { byteLen, ENTRY_BYTES } from '../src/limits';
import { parseStack } from '../src/stack';

const events = captureEvents();
const seen: unknown[][] = [];

beforeAll(() => {
  // What the page had before the SDK: the SDK must call through to it.
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    console[level] = function (this: unknown, ...args: unknown[]) {
      seen.push([level, this, ...args]);
      return 'original result';
    };
  }
  observeConsole();
});

describe('the console observer', () => {
  it('calls the original with the same this and arguments and returns its result', () => {
    const arg = { a: 1 };
    expect(console.warn('x', arg)).toBe('original result');
    expect(seen.at(-1)).toEqual(['warn', console, 'x', arg]);
    expect(seen.at(-1)![3]).toBe(arg);
  });

  it('serializes nothing for a call the rate limit drops, and still calls the original', async () => {
    const ownKeys = vi.fn(() => []);
    await whileRateLimited(() => {
      expect(console.log('dropped', new Proxy({}, { ownKeys }))).toBe('original result');
      expect(ownKeys).not.toHaveBeenCalled();
    });
    console.log('kept', new Proxy({}, { ownKeys }));
    expect(ownKeys).toHaveBeenCalled();
  });

  it('captures no call site for a call the rate limit will drop', async () => {
    const capture = vi.spyOn(Error, 'captureStackTrace');
    try {
      await whileRateLimited(() => console.log('dropped'));
      expect(capture).not.toHaveBeenCalled();
      console.log('kept');
      expect(capture).toHaveBeenCalledTimes(1);
    } finally {
      capture.mockRestore();
    }
  });

  it('records each level with the message as text and the arguments serialized', () => {
    events.length = 0;
    const cyclic: any = { n: 1 };
    cyclic.me = cyclic;
    console.error('failed', 42, cyclic, new RangeError('r'));
    console.debug('dbg');
    const [e] = ofType(events, 'console.error');
    expect(e.message).toMatch(/^failed 42 \{"n":1,"me":"\[Circular\]"\} RangeError: r/);
    expect(e.args.slice(0, 3)).toEqual(['failed', 42, { n: 1, me: '[Circular]' }]);
    expect(e.args[3]).toMatchObject({ name: 'RangeError', message: 'r' });
    expect(e.stack).toMatch(/^RangeError: r/);
    expect(events[0].source).toEqual({ kind: 'page', name: expect.stringMatching(/^loupe-sdk\/\d/), event: 'console.error' });
    expect(ofType(events, 'console.debug')[0].message).toBe('dbg');
  });

  it('applies printf-style substitutions and drops %c styles', () => {
    events.length = 0;
    console.log('%s has %d items%c!', 'cart', 3.7, 'color: red', 'extra');
    expect(ofType(events, 'console.log')[0].message).toBe('cart has 3 items! extra');
    // As Chrome: a symbol is NaN (the call is still recorded), and %j is not a substitution.
    console.log('a %d b', Symbol('x'));
    console.log('json %j', { a: 1 });
    expect(ofType(events, 'console.log').slice(1).map((d) => d.message)).toEqual(['a NaN b', 'json %j {"a":1}']);
  });

  it('records where the call came from, leaving the page its stack trace limit', () => {
    events.length = 0;
    Error.stackTraceLimit = 25;
    // prettier-ignore
    const here = parseStack(new Error().stack)[0]; console.info('here');
    const { location } = ofType(events, 'console.info')[0];
    expect(location.url).toMatch(/console\.test\.ts/);
    expect(location.line).toBe(here.line);
    expect(location.column).toBeGreaterThan(here.column!);
    expect(Error.stackTraceLimit).toBe(25);
    Error.stackTraceLimit = 10;
  });

  it("records the page's call site, not that of another SDK's console wrapper installed after it", () => {
    const inner = console.info;
    console.info = function otherSdk(...args: unknown[]) {
      return inner.apply(console, args);
    };
    try {
      events.length = 0;
      // prettier-ignore
      const here = parseStack(new Error().stack)[0]; console.info('wrapped again');
      const { location } = ofType(events, 'console.info')[0];
      expect(location.line).toBe(here.line);
      // Called by a reference the page kept: below the SDK's own wrapper, as before.
      events.length = 0;
      // prettier-ignore
      const there = parseStack(new Error().stack)[0]; inner.call(console, 'kept reference');
      expect(ofType(events, 'console.info')[0].location.line).toBe(there.line);
    } finally {
      console.info = inner;
    }
  });

  it('finds the caller in a stack of its own where the engine cannot start one below the wrapper', () => {
    const capture = Object.getOwnPropertyDescriptor(Error, 'captureStackTrace')!;
    delete (Error as any).captureStackTrace;
    try {
      events.length = 0;
      // prettier-ignore
      const here = parseStack(new Error().stack)[0]; console.warn('no captureStackTrace');
      const { location } = ofType(events, 'console.warn')[0];
      expect(location.line).toBe(here.line);
      expect(location.column).toBeGreaterThan(here.column!);
      expect(Error.stackTraceLimit).toBe(10);
    } finally {
      Object.defineProperty(Error, 'captureStackTrace', capture);
    }
  });

  it('keeps capturing after a page made Error.stackTraceLimit throw', () => {
    const own = Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit')!;
    Object.defineProperty(Error, 'stackTraceLimit', { configurable: true, get: () => { throw new Error('no'); } });
    try {
      expect(() => console.info('odd page')).not.toThrow();
    } finally {
      Object.defineProperty(Error, 'stackTraceLimit', own);
    }
    events.length = 0;
    console.info('after');
    expect(ofType(events, 'console.info').map((e) => e.message)).toEqual(['after']);
  });

  it("records an error whose stack throws when read (a page's Error.prepareStackTrace), by its name and message", () => {
    const e = new TypeError('boom');
    Object.defineProperty(e, 'stack', {
      get() {
        throw new Error('prepareStackTrace failed');
      },
    });
    events.length = 0;
    console.error('failed:', e);
    expect(ofType(events, 'console.error').map((d) => [d.message, d.stack, d.args[1]])).toEqual([['failed: TypeError: boom', undefined, { name: 'TypeError', message: 'boom' }]]);
  });

  it('records a call without its site, and leaves the page its limit, when captureStackTrace throws', () => {
    const capture = Object.getOwnPropertyDescriptor(Error, 'captureStackTrace')!;
    Object.defineProperty(Error, 'captureStackTrace', { configurable: true, writable: true, value: () => { throw new Error('no'); } });
    try {
      events.length = 0;
      expect(() => console.info('odd capture')).not.toThrow();
      const [e] = ofType(events, 'console.info');
      expect(e.message).toBe('odd capture');
      expect(e.location).toBeUndefined();
      expect(Error.stackTraceLimit).toBe(10);
    } finally {
      Object.defineProperty(Error, 'captureStackTrace', capture);
    }
  });

  it('keeps an entry of multi-byte and escaped text within 10 KB of UTF-8 JSON, and cuts none that fits', () => {
    for (const c of ['中', '\u0001', '"', '😀', 'y']) {
      for (const n of [1, 20, 100, 400]) {
        events.length = 0;
        console.log(...Array.from({ length: 12 }, () => c.repeat(n)));
        const [e] = ofType(events, 'console.log');
        const size = byteLen(JSON.stringify({ message: e.message, args: e.args, location: e.location }));
        expect(size, `${JSON.stringify(c)} × ${n}`).toBeLessThanOrEqual(ENTRY_BYTES);
        const args = Array.from({ length: 12 }, () => c.repeat(n));
        if (byteLen(JSON.stringify({ message: args.join(' '), args, location: e.location })) <= ENTRY_BYTES) expect(e.args, `${JSON.stringify(c)} × ${n}`).toEqual(args);
      }
    }
  });

  it('adds no stack trace limit where the browser has none', () => {
    const own = Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit')!;
    delete (Error as any).stackTraceLimit;
    try {
      events.length = 0;
      console.info('firefox');
      expect(ofType(events, 'console.info')).toHaveLength(1);
      expect(Object.getOwnPropertyNames(Error)).not.toContain('stackTraceLimit');
    } finally {
      Object.defineProperty(Error, 'stackTraceLimit', own);
    }
  });

  it('keeps each argument within 1 KB and the entry within 10 KB', () => {
    events.length = 0;
    console.log(...Array.from({ length: 15 }, () => 'y'.repeat(5000)));
    const [e] = ofType(events, 'console.log');
    for (const a of e.args) expect(new TextEncoder().encode(a).length).toBeLessThanOrEqual(1024);
    expect(new TextEncoder().encode(JSON.stringify(e)).length).toBeLessThanOrEqual(10240);
  });

  it('never throws into the page, even when capture fails', () => {
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error('no'); }, getOwnPropertyDescriptor: () => { throw new Error('no'); } });
    expect(() => console.log(hostile)).not.toThrow();
    expect(seen.at(-1)![2]).toBe(hostile);
  });
});

describe('its own console output', () => {
  it('is not recorded while the SDK itself is logging', () => {
    events.length = 0;
    // A Proxy whose trap logs: the serializer runs it while recording the outer call.
    const noisy = new Proxy({ a: 1 }, { ownKeys: (t) => (console.log('inner'), Reflect.ownKeys(t)) });
    console.log('outer', noisy);
    expect(ofType(events, 'console.log').map((d) => d.args[0])).toEqual(['outer']);
    expect(seen.some((s) => s[2] == 'inner')).toBe(true); // the page still saw it
  });
});
