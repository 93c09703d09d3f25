/**
 * WebSocket → `websocket.open|message|close|error`. The constructor is replaced by one that
 * builds the real socket with Reflect.construct (so subclasses and `instanceof WebSocket` keep
 * working), shares the original prototype and inherits its statics (OPEN, CLOSED, …). Outgoing
 * messages are seen through the prototype's send, which also covers sockets made before init.
 */
import { emit } from '../emit';
import { safely, wrap } from '../guard';
import { byteLen, cut, PREVIEW_BYTES } from '../limits';

const ids = new WeakMap<WebSocket, string>();
let next = 0;

/** The socket's connection id, made when first seen. */
const idOf = (ws: WebSocket): string => ids.get(ws) || (ids.set(ws, `ws-${Date.now().toString(36)}-${++next}`), ids.get(ws)!);

/** url and connection_id, plus `data`. */
const send = (ws: WebSocket, type: string, native: string, data?: object) =>
  emit('websocket.' + type, { url: ws.url, connection_id: idOf(ws), ...data }, native);

function message(ws: WebSocket, direction: 'sent' | 'received', data: any): void {
  const text = typeof data == 'string';
  send(ws, 'message', direction == 'sent' ? 'send' : 'message', {
    direction,
    size: text ? byteLen(data) : (data.size ?? data.byteLength ?? 0),
    binary: !text,
    preview: text ? cut(data, PREVIEW_BYTES) : undefined,
  });
}

export function observeWebSocket(): void {
  const Original = window.WebSocket;
  if (typeof Original != 'function') return;
  wrap(Original.prototype, 'send', (ws, [data]) => message(ws, 'sent', data));
  function WebSocket(this: unknown): WebSocket {
    // Called without `new`: let the original throw its own TypeError.
    if (!new.target) return (Original as any).apply(this, arguments);
    const ws: WebSocket = Reflect.construct(Original, arguments, new.target);
    safely(() => {
      idOf(ws);
      const on = (type: string, fn: (e: any) => unknown) => ws.addEventListener(type, (e) => safely(() => fn(e)));
      on('open', () => send(ws, 'open', 'open', { protocol: ws.protocol }));
      on('message', (e: MessageEvent) => message(ws, 'received', e.data));
      on('close', (e: CloseEvent) => send(ws, 'close', 'close', { code: e.code, reason: e.reason, was_clean: e.wasClean }));
      on('error', () => send(ws, 'error', 'error'));
    });
    return ws;
  }
  WebSocket.prototype = Original.prototype;
  Object.setPrototypeOf(WebSocket, Original);
  (window as any).WebSocket = WebSocket;
}
