import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { observeWebSocket } from '../src/observers/websocket';
import { captureEvents, ofType, whileRateLimited } from './capture';

/** A stand-in for the browser's WebSocket: statics, prototype send, events on demand. */
class FakeSocket extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readonly protocol = 'chat';
  readyState = 1;
  sent: unknown[] = [];
  constructor(
    readonly url: string,
    readonly protocols?: string | string[],
  ) {
    super();
  }
  send(data: unknown) {
    this.sent.push(data);
  }
}

const events = captureEvents();
let Original: typeof WebSocket;
beforeAll(() => {
  (window as any).WebSocket = FakeSocket;
  Original = window.WebSocket;
  observeWebSocket();
});
beforeEach(() => void (events.length = 0));

describe('the WebSocket observer', () => {
  it('keeps instanceof, the statics, the prototype and the constructor arguments', () => {
    expect(window.WebSocket).not.toBe(Original);
    const ws = new WebSocket('wss://rt.example/s', ['chat']);
    expect(ws).toBeInstanceOf(WebSocket);
    expect(ws).toBeInstanceOf(Original);
    expect(Object.getPrototypeOf(ws)).toBe(Original.prototype);
    expect(WebSocket.OPEN).toBe(1);
    expect(WebSocket.CLOSED).toBe(3);
    expect((ws as unknown as FakeSocket).protocols).toEqual(['chat']);
    expect(() => (WebSocket as any)('wss://x')).toThrow(TypeError);
    // What a page can see of the constructor itself is the original's.
    for (const k of Reflect.ownKeys(Original)) expect(Object.getOwnPropertyDescriptor(WebSocket, k)).toEqual(Object.getOwnPropertyDescriptor(Original, k));
    expect(Reflect.ownKeys(WebSocket).sort()).toEqual(Reflect.ownKeys(Original).sort());
    expect(Object.getPrototypeOf(WebSocket)).toBe(Object.getPrototypeOf(Original));
    expect(Function.prototype.toString.call(WebSocket)).toBe(Function.prototype.toString.call(Original));
  });

  it('is the constructor of its sockets, so that a socket made from one is seen too', () => {
    const ws = new WebSocket('wss://rt.example/a');
    expect(ws.constructor).toBe(WebSocket);
    expect(WebSocket.prototype.constructor).toBe(WebSocket);
    expect(Object.getOwnPropertyDescriptor(WebSocket.prototype, 'constructor')).toMatchObject({ writable: true, enumerable: false, configurable: true });
    const again = new (ws.constructor as typeof WebSocket)('wss://rt.example/b');
    again.dispatchEvent(new Event('open'));
    expect(ofType(events, 'websocket.open').map((d) => d.url)).toEqual(['wss://rt.example/b']);
  });

  it('lets pages subclass it', () => {
    class Reconnecting extends WebSocket {
      hello() {
        return 'hi';
      }
    }
    const ws = new Reconnecting('wss://rt.example/s');
    expect(ws.hello()).toBe('hi');
    expect(ws).toBeInstanceOf(WebSocket);
  });

  it('records open, messages both ways, close and error', () => {
    const ws = new WebSocket('wss://rt.example/s');
    const fake = ws as unknown as FakeSocket;
    ws.dispatchEvent(new Event('open'));
    ws.send('hello');
    ws.send(new Uint8Array(10));
    ws.dispatchEvent(new MessageEvent('message', { data: 'x'.repeat(3000) }));
    ws.dispatchEvent(new Event('error'));
    ws.dispatchEvent(Object.assign(new Event('close'), { code: 1006, reason: 'gone', wasClean: false }));
    expect(fake.sent).toEqual(['hello', new Uint8Array(10)]);
    const id = ofType(events, 'websocket.open')[0].connection_id;
    expect(ofType(events, 'websocket.open')[0]).toEqual({ url: 'wss://rt.example/s', connection_id: id, protocol: 'chat' });
    const [sent, binary, received] = ofType(events, 'websocket.message');
    expect(sent).toEqual({ url: 'wss://rt.example/s', connection_id: id, direction: 'sent', size: 5, binary: false, preview: 'hello' });
    expect(binary).toEqual({ url: 'wss://rt.example/s', connection_id: id, direction: 'sent', size: 10, binary: true });
    expect(received).toMatchObject({ direction: 'received', size: 3000 });
    expect(new TextEncoder().encode(received.preview).length).toBeLessThanOrEqual(1024);
    expect(ofType(events, 'websocket.error')).toHaveLength(1);
    expect(ofType(events, 'websocket.close')[0]).toMatchObject({ code: 1006, reason: 'gone', was_clean: false });
  });

  it('makes nothing of messages the rate limit drops', async () => {
    const ws = new WebSocket('wss://rt.example/s');
    const size = vi.fn(() => 3);
    const blob = new (class extends Blob {
      get size() {
        return size();
      }
    })();
    await whileRateLimited(() => {
      ws.send(blob as unknown as Blob);
      ws.dispatchEvent(new MessageEvent('message', { data: blob }));
    });
    expect((ws as unknown as FakeSocket).sent).toEqual([blob]);
    expect(size).not.toHaveBeenCalled();
    expect(events).toEqual([]);
    ws.send(blob as unknown as Blob);
    expect(ofType(events, 'websocket.message')[0]).toMatchObject({ direction: 'sent', size: 3, binary: true });
  });

  it('records only what is sent: not before open or after close, and non-strings as the text the browser sends', () => {
    const ws = new WebSocket('wss://rt.example/s');
    const fake = ws as unknown as FakeSocket;
    fake.readyState = 0;
    ws.send('early');
    fake.readyState = 1;
    ws.send(12345 as unknown as string);
    ws.send({ a: 1 } as unknown as string);
    fake.readyState = 3;
    ws.send('late');
    // The page gets the original's exception (here the fake's), and nothing is recorded.
    expect(() => WebSocket.prototype.send.call({}, 'not a socket')).toThrow(TypeError);
    expect(ofType(events, 'websocket.message').map(({ size, binary, preview }) => [size, binary, preview])).toEqual([
      [5, false, '12345'],
      [15, false, '[object Object]'],
    ]);
  });
});
