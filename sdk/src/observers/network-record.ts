/**
 * What fetch and XHR share: the record of a request in flight, header and body capture, and the
 * `network.request` event. Bodies are text (JSON as its text) of textual content types only, cut
 * to 1 MB (request) and 5 MB (response); an event with a body is `detail_level: verbose`.
 */
import { ms, nowUs } from '../clock';
import { emit } from '../emit';
import { byteLen, cut, REQUEST_BODY_BYTES } from '../limits';

export interface RequestRecord {
  method: string;
  url: string;
  initiator: 'fetch' | 'xhr';
  started_at: number;
  request_headers: Record<string, string>;
  request_body?: string;
  request_body_size?: number;
  [field: string]: unknown;
}

/** Whether bodies are recorded at all (the `captureBodies` option). */
export const bodies = { on: true };

const TEXT_TYPE = /^text\/|json|xml|javascript|x-www-form-urlencoded|graphql/i;

/** A content type whose body is text worth recording (never event streams, which do not end). */
export const isTextual = (contentType: string | null): boolean =>
  !!contentType && TEXT_TYPE.test(contentType) && !/event-stream/i.test(contentType);

export const absolute = (url: string | URL): string => {
  try {
    return new URL(String(url), location.href).href;
  } catch {
    return String(url);
  }
};

export function headerObject(h: Headers | [string, string][] | Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (h) new Headers(h).forEach((v, k) => (out[k.toLowerCase()] = v));
  return out;
}

/** Request body fields: text of strings and URLSearchParams, the size of binary bodies. */
export function requestBody(rec: RequestRecord, body: unknown): void {
  if (body == null) return;
  let text: string | undefined;
  let size: number | undefined;
  if (typeof body == 'string') text = body;
  else if (body instanceof URLSearchParams) text = body.toString();
  else if (typeof Blob != 'undefined' && body instanceof Blob) size = body.size;
  else if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) size = body.byteLength;
  if (text !== undefined) {
    size = byteLen(text);
    if (bodies.on) rec.request_body = cut(text, REQUEST_BODY_BYTES);
  }
  rec.request_body_size = size;
}

export function startRecord(method: string, url: string | URL, initiator: RequestRecord['initiator']): RequestRecord {
  return { method: (method || 'GET').toUpperCase(), url: absolute(url), initiator, started_at: nowUs(), request_headers: {} };
}

/** Emits the record, timing it from its start. */
export function finishRecord(rec: RequestRecord): void {
  rec.duration_ms = ms((nowUs() - rec.started_at) / 1000);
  emit('network.request', rec, rec.initiator, rec.request_body !== undefined || rec.response_body !== undefined);
}
