/**
 * WebSocket → `websocket.open|message|close|error`. The constructor is replaced by one that
 * builds the real socket with Reflect.construct (so subclasses and `instanceof WebSocket` keep
 * working), shares the original prototype and inherits its statics (OPEN, CLOSED, …). Outgoing
 * messages are seen through the prototype's send, which also covers sockets made before init.
 */
import { emit } from '../emit';
import { safely } from '../guard';
import { byteLen, cut, PREVIEW_BYTES } from '../limits';

const ids = new WeakMap<WebSocket, string>();
let next = 0;

function idOf(ws: WebSocket): string {
  let id = ids.get(ws);
  if (!id) ids.set(ws, (id = `ws-${Date.now().toString(36)}-${++next}`));
  return id;
}

const base = (ws: WebSocket) => ({ url: ws.url, connection_id: idOf(ws) });

function message(ws: WebSocket, direction: 'sent' | 'received', data: unknown): void {
  const text = typeof data == 'string';
  const size = text ? byteLen(data) : ((data as Blob).size ?? (data as ArrayBuffer).byteLength ?? 0);
  const d: Record<string, unknown> = { ...base(ws), direction, size, binary: !text };
  if (text) d.preview = cut(data, PREVIEW_BYTES);
  emit('websocket.message', d, direction == 'sent' ? 'send' : 'message');
}

function track(ws: WebSocket): void {
  idOf(ws);
  const on = (type: string, fn: (e: any) => void) => ws.addEventListener(type, (e) => safely(() => fn(e)));
  on('open', () => emit('websocket.open', { ...base(ws), protocol: ws.protocol }, 'open'));
  on('message', (e: MessageEvent) => message(ws, 'received', e.data));
  on('close', (e: CloseEvent) => emit('websocket.close', { ...base(ws), code: e.code, reason: e.reason, was_clean: e.wasClean }, 'close'));
  on('error', () => emit('websocket.error', base(ws), 'error'));
}

export function observeWebSocket(): void {
  const Original = window.WebSocket;
  if (typeof Original != 'function') return;
  const send = Original.prototype.send;
  Original.prototype.send = function (this: WebSocket, data: string | ArrayBufferLike | Blob | ArrayBufferView) {
    safely(() => message(this, 'sent', data));
    return send.apply(this, arguments as any);
  };
  function WebSocket(this: unknown): WebSocket {
    // Called without `new`: let the original throw its own TypeError.
    if (!new.target) return (Original as any).apply(this, arguments);
    const ws = Reflect.construct(Original, arguments, new.target);
    safely(() => track(ws));
    return ws;
  }
  WebSocket.prototype = Original.prototype;
  Object.setPrototypeOf(WebSocket, Original);
  (window as any).WebSocket = WebSocket;
}
