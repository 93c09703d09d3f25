/**
 * XMLHttpRequest → `network.request`. open/setRequestHeader/send are wrapped on the prototype and
 * always call the original with the same `this` and arguments; the outcome is read in listeners
 * added at an XHR's first send (once per XHR, however often a page reuses it; each finds the
 * record of the request in flight, and a reopened XHR's earlier request is finished at open),
 * which change nothing for the page's own listeners. The record
 * is let go at loadend. The response is read according to responseType, never through an accessor
 * that would throw for it; a JSON response is turned back into text by the event's time-sliced job,
 * and one of more bytes than the body limit not at all (its size is kept).
 */
import { byteLen, RESPONSE_BODY_BYTES } from '../limits';
import { on, wrap } from '../guard';
import { finishRecord, response, startRecord, type RequestRecord } from './network-record';

/** Without XMLHttpRequest the first line throws, inside the installer's safely(), and nothing changes. */
export const observeXhr = (): void => {
  const P = XMLHttpRequest.prototype;
  // Per XHR: method, url, request headers as set, and the record of the request last sent.
  const xhrs = new WeakMap<XMLHttpRequest, [string, string, [string, string][], RequestRecord?]>();

  const listening = new WeakSet<XMLHttpRequest>();
  /**
   * The outcome of the request in flight on `xhr`, if it has a record: `type` is the event's
   * (abort, error, timeout, loadend), `loaded` its bytes received (none where no event fired).
   */
  const outcome = (xhr: XMLHttpRequest, type: string, loaded?: number) => {
    const x = xhrs.get(xhr);
    const rec = x?.[3];
    if (!rec) return;
    if (type != 'loadend') return type == 'abort' ? (rec.aborted = true) : (rec.error = type == 'error' ? 'network error' : type);
    // The loadend of a request the page reopened this XHR after (from its own load handler) comes
    // late, with the next request already opened: not this record's (which that open finished).
    if (xhr.readyState != 4) return;
    x[3] = undefined;
    const headers: Record<string, string> = {};
    xhr.getAllResponseHeaders().replace(/^(.+?):\s*(.*?)\s*$/gm, (_, k, v) => (headers[k.toLowerCase()] = v));
    const type_ = xhr.responseType || 'text';
    const r = xhr.response;
    const json = type_ == 'json';
    // Text as it is. JSON as the parsed object or array, which the event's job makes text a piece
    // at a time (a large one in one go would be a long task), and not at all over the body limit;
    // its size is the bytes received. Binary types: the size only (documents have none).
    const text = type_ == 'text' ? r : json && !(loaded! > RESPONSE_BODY_BYTES) ? (typeof r == 'object' ? r : JSON.stringify(r)) : undefined;
    response(rec, xhr, headers, type_, xhr.responseURL, text, json ? loaded || undefined : typeof r == 'string' ? byteLen(r) : (r?.byteLength ?? r?.size ?? (loaded || undefined)));
    finishRecord(rec);
  };

  wrap(P, 'open', (xhr, [method, url]) => {
    // A request still recorded is finished first: done (the page reopens the XHR from its load
    // or readystatechange handler, before its loadend), or still in flight, which open aborts.
    const rec = xhrs.get(xhr)?.[3];
    if (rec) xhr.readyState == 4 ? outcome(xhr, 'loadend') : ((rec.aborted = true), finishRecord(rec));
    xhrs.set(xhr, [method, url, []]);
  });
  // Kept once the browser took it (a name it refuses throws, and is not sent).
  wrap(P, 'setRequestHeader', (xhr, [name, value]) => (result) => (xhrs.get(xhr)![2].push([name, value]), result));
  wrap(P, 'send', (xhr: XMLHttpRequest, [body]) => {
    const x = xhrs.get(xhr)!;
    const rec = (x[3] = startRecord(x[0], x[1], 'xhr', body, x[2]));
    // A synchronous XHR that fails on the network throws from send, and no event fires: it is done
    // and still this record's (not reopened) once the page's code after it ran.
    rec && queueMicrotask(() => xhrs.get(xhr) == x && x[3] == rec && xhr.readyState == 4 && (outcome(xhr, 'error'), outcome(xhr, 'loadend')));
    if (!rec || listening.has(xhr)) return;
    listening.add(xhr);
    for (const type of ['abort', 'error', 'timeout', 'loadend']) on(type, (e) => outcome(xhr, type, e.loaded), xhr);
  });
};
