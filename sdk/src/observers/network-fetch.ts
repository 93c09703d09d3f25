/**
 * fetch → `network.request`. The page gets the same Response (or the same rejection) it would
 * without the SDK: the wrapper calls the original with the same `this` and arguments, and only
 * chains a side branch that records. The response body is read from `response.clone()` in the
 * background, so the page's body stays unread and streams are not drained; the page is never
 * made to wait for it. Event streams, NDJSON and non-text bodies are not read. A body of unknown
 * length still coming after STREAM_MS is let go, with a marker: the page may have cancelled its
 * own copy (a "Stop" button), and the clone, read on, would keep the download and its connection
 * going (over HTTP/1.1 six of them stall every later request to that origin). The SDK's own uploads go
 * through the fetch the page had before init, below this wrapper, so they are never recorded.
 */
import { clearTimer, setTimer } from '../clock';
import { safely, wrap } from '../guard';
import { REQUEST_BODY_BYTES, RESPONSE_BODY_BYTES } from '../limits';
import { bodies, finishRecord, headerObject, isTextual, response, startRecord, type RequestRecord } from './network-record';

export const STREAM_MS = 10_000;

/**
 * Reads up to about `max` bytes of a body of unknown length as text, for at most STREAM_MS; the
 * size counts what was read. (A body whose Content-Length fits is read by the browser's own
 * `text()`, which is cheaper.)
 */
const readText = async (r: Body, max: number): Promise<[string, number]> => {
  const reader = r.body!.getReader();
  const dec = new TextDecoder();
  let text = '';
  let size = 0;
  let late = 0;
  // A pending read() ends (done) when the reader is cancelled.
  const stop = () => reader.cancel().catch(() => {});
  const timer = setTimer(() => ((late = 1), stop()), STREAM_MS);
  for (let chunk; size <= max && !late && !(chunk = await reader.read()).done; ) {
    size += chunk.value.byteLength;
    text += dec.decode(chunk.value, { stream: true });
  }
  clearTimer(timer);
  if (size > max) stop();
  return [late ? text + `…[not read after ${STREAM_MS / 1000} s]` : text, size];
};

/** A request that failed (also while its body came): its error, and whether the page aborted it. */
const failed = (rec: RequestRecord, err: any): void => {
  rec.error = String(err?.message || err);
  if (err?.name == 'AbortError') rec.aborted = true;
  finishRecord(rec);
};

const onResponse = (rec: RequestRecord, res: Response): void => {
  const headers = headerObject(res.headers);
  const length = headers['content-length'];
  const finish = (text?: string, size?: number) => {
    response(rec, res, headers, res.type, res.url, text, size);
    finishRecord(rec);
  };
  // A body not read here is as long as the response says (none for HEAD).
  if (!bodies._on || !isTextual(headers['content-type']) || !res.body) return finish(undefined, length && rec.method != 'HEAD' ? +length : undefined);
  const copy = res.clone();
  // The browser's own text() where the length is known to fit: a same-origin response that is
  // not compressed (a cross-origin one shows Content-Length but may hide its Content-Encoding,
  // and a compressed body can be far bigger than its length says); else read and cut here.
  (res.type == 'basic' && !headers['content-encoding'] && +length <= RESPONSE_BODY_BYTES ? copy.text().then((t) => [t, +length] as [string, number]) : readText(copy, RESPONSE_BODY_BYTES)).then(
    ([text, size]) => finish(text, Math.max(size, +length || 0)),
    // The body failed after the headers (the page aborted, the connection was cut): so did the request.
    (err) => (response(rec, res, headers, res.type, res.url), failed(rec, err)),
  );
};

export const observeFetch = (): unknown =>
  wrap(window, 'fetch', (_, [input, init]: any) => {
    const req = input instanceof Request ? input : undefined;
    const rec = startRecord(init?.method || req?.method, req?.url ?? input, 'fetch', init?.body, init?.headers || req?.headers);
    // A Request's own text body (ky and others always make one): read from a copy, before fetch
    // takes the body, as a response's is (at most the limit, for at most STREAM_MS: it may be a
    // stream); the event waits for it.
    if (rec && req?.body && init?.body == null && bodies._on && isTextual(req.headers.get('content-type'))) rec._body = readText(req.clone(), REQUEST_BODY_BYTES);
    return (
      rec &&
      // A page's stub of fetch may return no promise: the page gets what it returned.
      ((p: Promise<Response>) =>
        !p?.then
          ? p
          : p.then(
              (res) => (safely(onResponse, rec, res), res),
              (err) => {
                safely(failed, rec, err);
                throw err;
              },
            ))
    );
  });
