/**
 * fetch → `network.request`. The page gets the same Response (or the same rejection) it would
 * without the SDK: the wrapper calls the original with the same `this` and arguments, and only
 * chains a side branch that records. The response body is read from `response.clone()` in the
 * background, so the page's body stays unread and streams are not drained; the page is never
 * made to wait for it. Event streams and non-text bodies are not read.
 */
import { safely } from '../guard';
import { RESPONSE_BODY_BYTES } from '../limits';
import { bodies, finishRecord, headerObject, isTextual, requestBody, response, responseBody, startRecord, type RequestRecord } from './network-record';

/** Set on the init of the SDK's own requests, which are never recorded. */
export const OWN = '__loupe';

/** Reads up to about `max` bytes of a body as text; the size counts what was read. */
async function readText(r: Response, max: number): Promise<[string, number]> {
  const reader = r.body!.getReader();
  const dec = new TextDecoder();
  let text = '';
  let size = 0;
  for (let chunk; size <= max && !(chunk = await reader.read()).done; ) {
    size += chunk.value.byteLength;
    text += dec.decode(chunk.value, { stream: true });
  }
  if (size > max) reader.cancel().catch(() => {});
  return [text + dec.decode(), size];
}

function onResponse(rec: RequestRecord, res: Response): void {
  const ct = response(rec, res.status, res.statusText, headerObject(res.headers), res.type);
  const length = res.headers.get('content-length');
  if (length) rec.response_body_size = +length;
  if (!bodies._on || !isTextual(ct) || !res.body) return finishRecord(rec);
  readText(res.clone(), RESPONSE_BODY_BYTES)
    .then(([text, size]) => responseBody(rec, text, Math.max(size, (rec.response_body_size as number) || 0)), () => {})
    .then(() => finishRecord(rec));
}

export function observeFetch(): void {
  const original = window.fetch;
  if (typeof original != 'function') return;
  window.fetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
    const rec = safely(() => {
      if (init && (init as any)[OWN]) return;
      const req = input instanceof Request ? input : undefined;
      const r = startRecord(init?.method || req?.method!, req ? req.url : (input as string | URL), 'fetch');
      r.request_headers = headerObject(init?.headers || req?.headers);
      requestBody(r, init?.body);
      return r;
    });
    const p = original.apply(this, arguments as unknown as [RequestInfo, RequestInit]);
    return rec
      ? p.then(
          (res) => (safely(() => onResponse(rec, res)), res),
          (err) => {
            safely(() => {
              rec.error = String(err?.message || err);
              if (err?.name == 'AbortError') rec.aborted = true;
              finishRecord(rec);
            });
            throw err;
          },
        )
      : p;
  } as typeof fetch;
}
