import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { observeErrors } from '../src/observers/errors';
import { parseStack } from '../src/stack';
import { captureEvents, ofType } from './capture';

const events = captureEvents();
/** A failed load's event, as the browser dispatches it (one a page dispatches itself is not trusted). */
const failedLoad = () => Object.defineProperty(new Event('error'), 'isTrusted', { value: true });
beforeAll(observeErrors);
beforeEach(() => void (events.length = 0));

describe('stack parsing', () => {
  it('reads Chrome frames', () => {
    const stack = 'TypeError: x\n    at checkout (https://shop.example/app.js:42:10)\n    at async https://shop.example/main.js:7:3\n    at new Cart (https://shop.example/cart.js:1:2)';
    expect(parseStack(stack)).toEqual([
      { function: 'checkout', url: 'https://shop.example/app.js', line: 42, column: 10 },
      { url: 'https://shop.example/main.js', line: 7, column: 3 },
      { function: 'new Cart', url: 'https://shop.example/cart.js', line: 1, column: 2 },
    ]);
  });

  it('reads Firefox and Safari frames', () => {
    const stack = 'checkout@https://shop.example/app.js:42:10\n@https://shop.example/main.js:7:3\n';
    expect(parseStack(stack)).toEqual([
      { function: 'checkout', url: 'https://shop.example/app.js', line: 42, column: 10 },
      { url: 'https://shop.example/main.js', line: 7, column: 3 },
    ]);
  });
});

describe('stack parsing of code made at run time and of bundles', () => {
  it('gives an eval or new Function frame where the code was made', () => {
    expect(parseStack('Error: x\n    at run (eval at <anonymous> (http://a.test/c.js:13:20), <anonymous>:1:24)\n    at http://a.test/c.js:14:1')).toEqual([
      { function: 'run', url: 'http://a.test/c.js', line: 13, column: 20 },
      { url: 'http://a.test/c.js', line: 14, column: 1 },
    ]);
    expect(parseStack('foo@http://x.test/app.js line 5 > eval:1:7\nbar@http://x.test/app.js line 9 > Function:2:3')).toEqual([
      { function: 'foo', url: 'http://x.test/app.js', line: 5 },
      { function: 'bar', url: 'http://x.test/app.js', line: 9 },
    ]);
  });

  it('reads Firefox names that hold an @ (scoped packages) and its async markers', () => {
    const stack =
      './node_modules/@pmmmwh/react-refresh-webpack-plugin/client/RefreshUtils.js/refreshTimeout<@http://localhost:3000/static/js/bundle.js:1809:17\n' +
      'setTimeout handler*start@http://localhost:3000/app.js:5:3\nasync*run@http://localhost:3000/app.js:9:1';
    expect(parseStack(stack)).toEqual([
      { function: './node_modules/@pmmmwh/react-refresh-webpack-plugin/client/RefreshUtils.js/refreshTimeout<', url: 'http://localhost:3000/static/js/bundle.js', line: 1809, column: 17 },
      { function: 'start', url: 'http://localhost:3000/app.js', line: 5, column: 3 },
      { function: 'run', url: 'http://localhost:3000/app.js', line: 9, column: 1 },
    ]);
  });

  it('reads Firefox and Safari URLs that hold an @ (a CDN path of a scoped package)', () => {
    expect(parseStack('inAt@https://cdn.jsdelivr.net/npm/@scope/pkg@1.2.3/dist/x.js:1:58\n@https://unpkg.com/lib@2/i.js:3:4')).toEqual([
      { function: 'inAt', url: 'https://cdn.jsdelivr.net/npm/@scope/pkg@1.2.3/dist/x.js', line: 1, column: 58 },
      { url: 'https://unpkg.com/lib@2/i.js', line: 3, column: 4 },
    ]);
  });

  it('splits a Firefox frame at its last @ where no URL follows one (debugger eval code, a sourceURL name)', () => {
    expect(parseStack('fn@debugger eval code:1:7\n@my_module.js:2:1')).toEqual([
      { function: 'fn', url: 'debugger eval code', line: 1, column: 7 },
      { url: 'my_module.js', line: 2, column: 1 },
    ]);
  });

  it('reads only the `at` lines of a V8 stack, not a message that looks like a location', () => {
    expect(parseStack('Error: could not reach ws://user@host:8080:1\nsee at x (y:1:2)\n    at f (https://a.test/app.js:1:2)')).toEqual([{ function: 'f', url: 'https://a.test/app.js', line: 1, column: 2 }]);
  });
});

describe('the errors observer', () => {
  it('records uncaught errors with name, stack and frames', () => {
    const error = new TypeError('x is undefined');
    error.stack = 'TypeError: x is undefined\n    at f (https://shop.example/app.js:1:2)';
    window.dispatchEvent(new ErrorEvent('error', { error, message: 'Uncaught TypeError: x is undefined', filename: 'https://shop.example/app.js', lineno: 1, colno: 2 }));
    expect(ofType(events, 'error.uncaught')[0]).toEqual({
      message: 'x is undefined',
      name: 'TypeError',
      stack: error.stack,
      frames: [{ function: 'f', url: 'https://shop.example/app.js', line: 1, column: 2 }],
      source: 'https://shop.example/app.js',
      line: 1,
      column: 2,
      handled: false,
    });
  });

  it('records a failed image load as error.resource, seen in the capture phase', () => {
    const img = document.createElement('img');
    img.id = 'hero';
    img.setAttribute('src', 'https://cdn.example/missing.png');
    document.body.append(img);
    img.dispatchEvent(failedLoad()); // does not bubble
    expect(ofType(events, 'error.resource')[0]).toMatchObject({
      target: { tag: 'img', url: 'https://cdn.example/missing.png', selector: '#hero' },
    });
  });

  it('serializes a thrown object that is no Error, and names an Error without a message', () => {
    window.dispatchEvent(new ErrorEvent('error', { error: { code: 7 }, message: 'Uncaught [object Object]' }));
    window.dispatchEvent(Object.assign(new Event('unhandledrejection'), { reason: new RangeError(), promise: Promise.resolve() }));
    expect(ofType(events, 'error.uncaught')[0].message).toBe('Uncaught {"code":7}');
    expect(ofType(events, 'error.unhandled_rejection')[0]).toMatchObject({ message: 'RangeError', name: 'RangeError' });
  });

  it('keeps the event where a page made stacks something else, or made reading one throw', () => {
    const odd = new Error('odd');
    Object.defineProperty(odd, 'stack', { value: [{ callSite: 1 }] });
    const hostile = new Error('hostile');
    Object.defineProperty(hostile, 'stack', {
      get() {
        throw new Error('prepareStackTrace failed');
      },
    });
    for (const error of [odd, hostile]) window.dispatchEvent(new ErrorEvent('error', { error, message: 'Uncaught Error' }));
    expect(ofType(events, 'error.uncaught').map(({ message, stack, frames }) => [message, stack, frames])).toEqual([
      ['odd', undefined, []],
      ['hostile', undefined, []],
    ]);
  });

  it('takes the URL of an SVG image and an <object>, and no error event a page dispatches itself for a failed load', () => {
    const image = document.createElementNS('http://www.w3.org/2000/svg', 'image');
    image.setAttribute('href', 'https://cdn.example/missing.svg');
    Object.defineProperty(image, 'href', { value: { baseVal: 'https://cdn.example/missing.svg' } });
    const object = Object.assign(document.createElement('object'), { data: 'https://cdn.example/missing.pdf' });
    document.body.append(image, object);
    for (const el of [image, object]) el.dispatchEvent(failedLoad());
    // One the page dispatches itself, though it does not bubble either.
    object.dispatchEvent(new Event('error'));
    document.body.dispatchEvent(new CustomEvent('error', { bubbles: true }));
    window.dispatchEvent(new Event('error'));
    expect(ofType(events, 'error.resource').map((d) => d.target.url)).toEqual(['https://cdn.example/missing.svg', 'https://cdn.example/missing.pdf']);
    expect(ofType(events, 'error.uncaught')).toEqual([]);
  });

  it('records a failed load inside a shadow root, whose event does not leave it', () => {
    const host = document.createElement('x-card');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'closed' });
    const img = document.createElement('img');
    img.setAttribute('src', 'https://cdn.example/icon.png');
    root.append(img);
    img.dispatchEvent(failedLoad()); // neither bubbles nor is composed
    expect(ofType(events, 'error.resource').map((d) => d.target.url)).toEqual(['https://cdn.example/icon.png']);
  });

  it('records the failed load of an element slotted into a shadow root once', () => {
    const host = document.createElement('x-slot');
    const img = host.appendChild(document.createElement('img'));
    img.setAttribute('src', 'https://cdn.example/slotted.png');
    document.body.append(host);
    host.attachShadow({ mode: 'open' }).append(document.createElement('slot'));
    img.dispatchEvent(failedLoad());
    expect(ofType(events, 'error.resource').map((d) => d.target.url)).toEqual(['https://cdn.example/slotted.png']);
  });

  it('records the errors an error links to: its cause chain and an AggregateError\'s errors', () => {
    const io = new TypeError('Failed to fetch');
    io.stack = 'TypeError: Failed to fetch\n    at load (https://shop.example/api.js:3:9)';
    const save = new Error('could not save the cart', { cause: io });
    const all = new AggregateError([new RangeError('quota'), 'offline', { code: 7 }], 'every retry failed', { cause: 'timeout' });
    window.dispatchEvent(new ErrorEvent('error', { error: save, message: 'Uncaught Error: could not save the cart' }));
    window.dispatchEvent(Object.assign(new Event('unhandledrejection'), { reason: all, promise: Promise.resolve() }));
    expect(ofType(events, 'error.uncaught')[0].cause).toEqual({
      message: 'Failed to fetch',
      name: 'TypeError',
      stack: io.stack,
      frames: [{ function: 'load', url: 'https://shop.example/api.js', line: 3, column: 9 }],
    });
    const rejection = ofType(events, 'error.unhandled_rejection')[0];
    expect(rejection).toMatchObject({ message: 'every retry failed', name: 'AggregateError', cause: { message: 'timeout' }, handled: false });
    expect(rejection.errors.map((e: any) => [e.name, e.message])).toEqual([
      ['RangeError', 'quota'],
      [undefined, 'offline'],
      [undefined, '{"code":7}'],
    ]);
  });

  it('follows a cause chain through ten errors in all at most, each once, and calls no getter of the page\'s', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as any).cause = b; // a cycle
    let called = false;
    const guarded = Object.defineProperty(new Error('guarded'), 'cause', {
      get() {
        called = true;
        throw new Error('a getter of the page');
      },
    });
    let deep: Error = new Error('root');
    for (let i = 0; i < 100; i++) deep = new Error('level ' + i, { cause: deep });
    for (const error of [a, guarded, deep]) window.dispatchEvent(new ErrorEvent('error', { error, message: 'Uncaught Error' }));
    const chain = (d: any): string[] => (d ? [d.message, ...chain(d.cause)] : []);
    const [cycle, getter, long] = ofType(events, 'error.uncaught');
    expect(chain(cycle)).toEqual(['a', 'b']);
    expect(getter.message).toBe('guarded');
    expect(getter.cause).toBeUndefined();
    expect(called).toBe(false);
    expect(chain(long)).toHaveLength(10);
  });

  it('leaves out a linked error it cannot read, not the event, and cuts every message as a stack is cut', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const unreadable = new Error('outer', { cause: proxy });
    let long: Error = new Error('x'.repeat(1e6));
    for (let i = 0; i < 3; i++) long = new Error('y'.repeat(1e6), { cause: long });
    for (const error of [unreadable, long]) window.dispatchEvent(new ErrorEvent('error', { error, message: 'Uncaught Error' }));
    const [outer, chain] = ofType(events, 'error.uncaught');
    expect(outer.message).toBe('outer');
    expect(outer.cause).toBeUndefined();
    const sizes = (d: any): number[] => (d ? [d.message.length, ...sizes(d.cause)] : []);
    expect(sizes(chain)).toHaveLength(4);
    for (const n of sizes(chain)) expect(n).toBeLessThanOrEqual(5120);
    // A thrown string's message (the browser's `Uncaught …`) too.
    window.dispatchEvent(new ErrorEvent('error', { error: 'z'.repeat(1e6), message: 'Uncaught ' + 'z'.repeat(1e6) }));
    expect(ofType(events, 'error.uncaught')[2].message.length).toBeLessThanOrEqual(5120);
  });

  it('records rejections whose reason is not an Error', () => {
    const ev = Object.assign(new Event('unhandledrejection'), { reason: { code: 42 }, promise: Promise.resolve() });
    window.dispatchEvent(ev);
    expect(ofType(events, 'error.unhandled_rejection')[0]).toEqual({ message: '{"code":42}', handled: false });
  });
});
