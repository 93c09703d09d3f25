/**
 * XMLHttpRequest → `network.request`. open/setRequestHeader/send are wrapped on the prototype and
 * always call the original with the same `this` and arguments; the outcome is read in a
 * `loadend` listener added on send, which changes nothing for the page's own listeners. The
 * response is read according to responseType, never through an accessor that would throw for it.
 */
import { nowUs } from '../clock';
import { safely, wrap } from '../guard';
import { byteLen } from '../limits';
import { finishRecord, requestBody, response, responseBody, startRecord, type RequestRecord } from './network-record';

function responseFields(xhr: XMLHttpRequest, rec: RequestRecord): void {
  const headers: Record<string, string> = {};
  for (const line of xhr.getAllResponseHeaders().split(/[\r\n]+/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const type = xhr.responseType || 'text';
  const r = xhr.response;
  response(rec, xhr.status, xhr.statusText, headers, type);
  const text = type == 'text' ? xhr.responseText : type == 'json' && r != null ? JSON.stringify(r) : undefined;
  // Binary types: the size only (documents have none).
  text != null ? responseBody(rec, text, byteLen(text)) : (rec.response_body_size = r?.byteLength ?? r?.size);
}

/** Without XMLHttpRequest the first line throws, inside the installer's safely(), and nothing changes. */
export function observeXhr(): void {
  const P = XMLHttpRequest.prototype;
  const records = new WeakMap<XMLHttpRequest, RequestRecord>();

  wrap(P, 'open', (xhr, [method, url]) => records.set(xhr, startRecord(method, url, 'xhr')));
  wrap(P, 'setRequestHeader', (xhr, [name, value]) => {
    const h = records.get(xhr)!.request_headers;
    const k = name.toLowerCase();
    h[k] = h[k] ? h[k] + ', ' + value : value;
  });
  wrap(P, 'send', (xhr: XMLHttpRequest, [body]) => {
    const rec = records.get(xhr);
    if (!rec) return;
    rec.started_at = nowUs();
    requestBody(rec, body);
    const on = (type: string, fn: () => void, once?: boolean) => xhr.addEventListener(type, () => safely(fn), { once });
    on('abort', () => (rec.aborted = true));
    on('error', () => (rec.error = 'network error'));
    on('timeout', () => (rec.error = 'timeout'));
    // A reused XHR carries listeners of earlier requests: only the current record finishes.
    on('loadend', () => records.get(xhr) == rec && (responseFields(xhr, rec), finishRecord(rec)), true);
  });
}
