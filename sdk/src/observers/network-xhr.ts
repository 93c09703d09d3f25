/**
 * XMLHttpRequest → `network.request`. open/setRequestHeader/send are wrapped on the prototype and
 * always call the original with the same `this` and arguments; the outcome is read in a
 * `loadend` listener added on send, which changes nothing for the page's own listeners. The
 * response is read according to responseType, never through an accessor that would throw for it.
 */
import { nowUs } from '../clock';
import { safely } from '../guard';
import { byteLen, cut, RESPONSE_BODY_BYTES } from '../limits';
import { bodies, finishRecord, isTextual, requestBody, startRecord, type RequestRecord } from './network-record';

function responseFields(xhr: XMLHttpRequest, rec: RequestRecord): void {
  const headers: Record<string, string> = {};
  for (const line of xhr.getAllResponseHeaders().trim().split(/[\r\n]+/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const type = xhr.responseType || 'text';
  const ct = headers['content-type'] || null;
  Object.assign(rec, { status: xhr.status, status_text: xhr.statusText, response_headers: headers, response_type: type });
  if (ct) rec.content_type = ct;
  let text: string | undefined;
  if (type == 'text') text = xhr.responseText;
  else if (type == 'json') text = xhr.response == null ? undefined : JSON.stringify(xhr.response);
  else if (type == 'arraybuffer') rec.response_body_size = xhr.response?.byteLength;
  else if (type == 'blob') rec.response_body_size = xhr.response?.size;
  if (text != null) {
    rec.response_body_size = byteLen(text);
    if (bodies.on && isTextual(ct)) rec.response_body = cut(text, RESPONSE_BODY_BYTES);
  }
}

export function observeXhr(): void {
  if (typeof XMLHttpRequest != 'function') return;
  const P = XMLHttpRequest.prototype;
  const { open, send, setRequestHeader } = P;
  const records = new WeakMap<XMLHttpRequest, RequestRecord>();

  P.open = function (this: XMLHttpRequest, method: string, url: string | URL) {
    safely(() => records.set(this, startRecord(method, url, 'xhr')));
    return open.apply(this, arguments as any);
  } as typeof open;

  P.setRequestHeader = function (this: XMLHttpRequest, name: string, value: string) {
    safely(() => {
      const h = records.get(this)!.request_headers;
      const k = name.toLowerCase();
      h[k] = h[k] ? h[k] + ', ' + value : value;
    });
    return setRequestHeader.apply(this, arguments as any);
  };

  P.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    safely(() => {
      const rec = records.get(this);
      if (!rec) return;
      rec.started_at = nowUs();
      requestBody(rec, body);
      const mark = (field: string, value: unknown) => () => (rec[field] = value);
      this.addEventListener('abort', mark('aborted', true));
      this.addEventListener('error', mark('error', 'network error'));
      this.addEventListener('timeout', mark('error', 'timeout'));
      // A reused XHR carries listeners of earlier requests: only the current record finishes.
      this.addEventListener(
        'loadend',
        () =>
          safely(() => {
            if (records.get(this) != rec) return;
            responseFields(this, rec);
            finishRecord(rec);
          }),
        { once: true },
      );
    });
    return send.apply(this, arguments as any);
  };
}
