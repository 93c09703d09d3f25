/**
 * WebSocket → `websocket.open|message|close|error`. The constructor is replaced by one that
 * builds the real socket with Reflect.construct (so subclasses and `instanceof WebSocket` keep
 * working) and has the original's own properties (prototype, statics such as OPEN); the
 * prototype's `constructor` is the wrapper, as it was the original. Outgoing
 * messages are seen through the prototype's send, which also covers sockets made before init.
 */
import { dateNow } from '../clock';
import { emit } from '../emit';
import { native, on, safely, wrap } from '../guard';
import { byteLen, cut, PREVIEW_BYTES } from '../limits';

const ids = new WeakMap<WebSocket, string>();
let next = 0;

/**
 * url and connection_id (made when the socket is first seen), plus what `data` makes. The event is
 * made only when the rate limit keeps it, so that a flood of messages costs little more than a count.
 */
const send = (ws: WebSocket, type: string, data: () => object, native?: string) =>
  emit('websocket.' + type, () => ({ url: ws.url, connection_id: ids.get(ws) || ids.set(ws, `ws-${dateNow().toString(36)}-${++next}`).get(ws), ...data() }), native);

/** A message's event: binary data (a Blob, an ArrayBuffer or a view of one) by its size; anything else as the text the browser sends (`String(data)`). */
const message = (ws: WebSocket, direction: 'sent' | 'received', data: any) =>
  send(
    ws,
    'message',
    () => {
      const binary = data instanceof Blob || data?.byteLength != null;
      return {
        direction,
        size: binary ? (data.size ?? data.byteLength) : byteLen(String(data)),
        binary,
        preview: binary ? undefined : cut(String(data), PREVIEW_BYTES),
      };
    },
    direction == 'sent' ? 'send' : 'message',
  );

/** Without WebSocket the first line throws, inside the installer's safely(), and nothing changes. */
export const observeWebSocket = (): void => {
  const Original = window.WebSocket;
  // Only what is sent: not before the socket is open (the page gets InvalidStateError), after it
  // closed (the browser drops it), or with a `this` that is no socket.
  wrap(Original.prototype, 'send', (ws, [data]) => void (ws.readyState == 1 && message(ws, 'sent', data)));
  const Wrapped = function (this: unknown): WebSocket {
    // Called without `new`: let the original throw its own TypeError.
    if (!new.target) return (Original as any).apply(this, arguments);
    const ws: WebSocket = Reflect.construct(Original, arguments, new.target);
    safely(() => {
      for (const type of ['open', 'message', 'close', 'error'])
        on(
          type,
          (e) =>
            type == 'message'
              ? message(ws, 'received', e.data)
              : send(ws, type, () => (type == 'open' ? { protocol: ws.protocol } : type == 'close' ? { code: e.code, reason: e.reason, was_clean: e.wasClean } : {})),
          ws,
        );
    });
    return ws;
  };
  // All a page can see of the constructor is the original's: its own properties (name, length,
  // prototype and the statics OPEN, …), its prototype chain and its text (native()).
  Object.defineProperties(Wrapped, Object.getOwnPropertyDescriptors(Original));
  // And a socket's constructor is the wrapper (`ws.constructor === WebSocket`, a socket made by it is seen).
  Object.defineProperty(Original.prototype, 'constructor', { value: Wrapped, writable: true, configurable: true });
  Object.setPrototypeOf(Wrapped, Object.getPrototypeOf(Original));
  native(Wrapped, Original);
  (window as any).WebSocket = Wrapped;
};
