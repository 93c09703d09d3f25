/**
 * XMLHttpRequest → `network.request`. open/setRequestHeader/send are wrapped on the prototype and
 * always call the original with the same `this` and arguments; the outcome is read in listeners
 * added on send, which change nothing for the page's own listeners. The response is read
 * according to responseType, never through an accessor that would throw for it.
 */
import { byteLen } from '../limits';
import { on, wrap } from '../guard';
import { finishRecord, response, startRecord, type RequestRecord } from './network-record';

/** Without XMLHttpRequest the first line throws, inside the installer's safely(), and nothing changes. */
export function observeXhr(): void {
  const P = XMLHttpRequest.prototype;
  // Per XHR: method, url, request headers as set, and the record of the request last sent.
  const xhrs = new WeakMap<XMLHttpRequest, [string, string, [string, string][], RequestRecord?]>();

  wrap(P, 'open', (xhr, [method, url]) => void xhrs.set(xhr, [method, url, []]));
  wrap(P, 'setRequestHeader', (xhr, [name, value]) => void xhrs.get(xhr)![2].push([name, value]));
  wrap(P, 'send', (xhr: XMLHttpRequest, [body]) => {
    const x = xhrs.get(xhr)!;
    const rec = (x[3] = startRecord(x[0], x[1], 'xhr', body, x[2]));
    if (!rec) return;
    // A reused XHR carries listeners of earlier requests: only the current record is touched.
    const fn = ({ type }: Event) => {
      if (xhrs.get(xhr)![3] != rec) return;
      if (type != 'loadend') return type == 'abort' ? (rec.aborted = true) : (rec.error = type == 'error' ? 'network error' : type);
      const headers: Record<string, string> = {};
      xhr.getAllResponseHeaders().replace(/^(.+?):\s*(.*?)\s*$/gm, (_, k, v) => (headers[k.toLowerCase()] = v));
      const type_ = xhr.responseType || 'text';
      const r = xhr.response;
      // Binary types: the size only (documents have none).
      const text = type_ == 'text' ? r : type_ == 'json' && r != null ? JSON.stringify(r) : undefined;
      response(rec, xhr.status, xhr.statusText, headers, type_, text, text != null ? byteLen(text) : r?.byteLength ?? r?.size);
      finishRecord(rec);
    };
    for (const type of ['abort', 'error', 'timeout', 'loadend']) on(type, fn, xhr, { once: true });
  });
}
