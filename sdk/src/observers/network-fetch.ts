/**
 * fetch → `network.request`. The page gets the same Response (or the same rejection) it would
 * without the SDK: the wrapper calls the original with the same `this` and arguments, and only
 * chains a side branch that records. The response body is read from `response.clone()` in the
 * background, so the page's body stays unread and streams are not drained; the page is never
 * made to wait for it. Event streams and non-text bodies are not read.
 */
import { safely } from '../guard';
import { cut, RESPONSE_BODY_BYTES } from '../limits';
import { bodies, finishRecord, headerObject, isTextual, requestBody, startRecord, type RequestRecord } from './network-record';

/** Set on the init of the SDK's own requests, which are never recorded. */
export const OWN = '__loupe';

/** Reads up to `max` bytes of a body as text; the size counts what was read. */
async function readText(r: Response, max: number): Promise<[string, number]> {
  const reader = r.body!.getReader();
  const dec = new TextDecoder();
  let text = '';
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    text += dec.decode(value, { stream: true });
    if (size > max) {
      reader.cancel().catch(() => {});
      break;
    }
  }
  return [text + dec.decode(), size];
}

function onResponse(rec: RequestRecord, res: Response): void {
  rec.status = res.status;
  rec.status_text = res.statusText;
  rec.response_headers = headerObject(res.headers);
  rec.response_type = res.type;
  const ct = res.headers.get('content-type');
  if (ct) rec.content_type = ct;
  const length = res.headers.get('content-length');
  if (length) rec.response_body_size = +length;
  if (!bodies.on || !isTextual(ct) || !res.body) return finishRecord(rec);
  readText(res.clone(), RESPONSE_BODY_BYTES).then(
    ([text, size]) => {
      rec.response_body = cut(text, RESPONSE_BODY_BYTES);
      rec.response_body_size = Math.max(size, (rec.response_body_size as number) || 0);
      finishRecord(rec);
    },
    () => finishRecord(rec),
  );
}

function onFailure(rec: RequestRecord, err: unknown): void {
  const aborted = (err as Error)?.name == 'AbortError';
  rec.error = String((err as Error)?.message || err);
  if (aborted) rec.aborted = true;
  finishRecord(rec);
}

export function observeFetch(): void {
  const original = window.fetch;
  if (typeof original != 'function') return;
  window.fetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
    const rec = safely(() => {
      if (init && (init as any)[OWN]) return undefined;
      const req = input instanceof Request ? input : undefined;
      const r = startRecord(init?.method || req?.method || 'GET', req ? req.url : (input as string | URL), 'fetch');
      r.request_headers = headerObject((init?.headers as HeadersInit) || req?.headers);
      requestBody(r, init?.body);
      return r;
    });
    const p = original.apply(this, arguments as unknown as [RequestInfo, RequestInit]);
    if (!rec) return p;
    return p.then(
      (res) => {
        safely(() => onResponse(rec, res));
        return res;
      },
      (err) => {
        safely(() => onFailure(rec, err));
        throw err;
      },
    );
  } as typeof fetch;
}
