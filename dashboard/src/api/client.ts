import type { ApiErrorBody } from './types';

/**
 * A failed call: the server's `{"error", "message"}` when it sent one, otherwise a code made
 * here (`network` when the request never got an answer, `http_<status>` for a non-JSON answer).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** Seconds, from `Retry-After` on 429/503. */
  readonly retryAfter: number | null;

  constructor(status: number, code: string, message: string, retryAfter: number | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }

  get unauthorized(): boolean {
    return this.status === 401;
  }
}

export type QueryValue = string | number | boolean | null | undefined | ReadonlyArray<string | number>;
export type Query = URLSearchParams | Record<string, QueryValue>;

export interface ApiClientOptions {
  /** Prefix for every path; '' talks to the origin that served the dashboard. */
  baseUrl?: string;
  /** The current credential for `Authorization: Bearer`, or null when signed out. */
  getToken: () => string | null;
  /** Called once per 401 from an authenticated call, before the call's promise rejects. */
  onUnauthorized: (error: ApiError) => void;
  fetch?: typeof fetch;
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Send the Bearer token and treat 401 as "signed out" (true except for the login call). */
  authenticated?: boolean;
  /** What the answer may be: JSON, except for images and HAR files. */
  accept?: string;
}

/**
 * The one place the dashboard talks HTTP. Adds the Bearer token, turns error answers into
 * {@link ApiError}, and reports a 401 to the app so any page, wherever it is, falls back to login.
 */
export class ApiClient {
  private readonly baseUrl: string;
  private readonly getToken: () => string | null;
  private readonly onUnauthorized: (error: ApiError) => void;
  private readonly fetchImpl: typeof fetch;

  constructor(options: ApiClientOptions) {
    this.baseUrl = options.baseUrl ?? '';
    this.getToken = options.getToken;
    this.onUnauthorized = options.onUnauthorized;
    // Bound so that window.fetch is not called with a foreign `this` ("Illegal invocation").
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  url(path: string, query?: Query): string {
    const qs = query ? toSearchParams(query).toString() : '';
    return this.baseUrl + path + (qs ? `?${qs}` : '');
  }

  getJson<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
    return this.request(path, 'GET', { query, signal }).then((r) => readJson<T>(r));
  }

  postJson<T>(path: string, body: unknown, options: { signal?: AbortSignal; authenticated?: boolean } = {}): Promise<T> {
    return this.request(path, 'POST', { body, ...options }).then((r) => readJson<T>(r));
  }

  /** For binary answers (screenshots, HAR): the body as a Blob, typed by the answer's Content-Type. */
  getBlob(path: string, query?: Query, signal?: AbortSignal): Promise<Blob> {
    return this.request(path, 'GET', { query, signal, accept: '*/*' }).then((r) => r.blob());
  }

  private async request(path: string, method: string, options: RequestOptions): Promise<Response> {
    const authenticated = options.authenticated ?? true;
    const headers: Record<string, string> = { Accept: options.accept ?? 'application/json' };
    if (authenticated) {
      const token = this.getToken();
      if (token) headers.Authorization = `Bearer ${token}`;
    }
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    let response: Response;
    try {
      response = await this.fetchImpl(this.url(path, options.query), {
        method,
        headers,
        body,
        signal: options.signal,
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch (cause) {
      if (isAbort(cause)) throw cause;
      throw new ApiError(0, 'network', 'Could not reach the Loupe server. Is it running?');
    }
    if (response.ok) return response;
    const error = await toApiError(response);
    if (error.status === 401 && authenticated) this.onUnauthorized(error);
    throw error;
  }
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException
    ? error.name === 'AbortError'
    : typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/** Repeated keys for arrays (the API's "repeat a parameter for OR"); empty values left out. */
export function toSearchParams(query: Query): URLSearchParams {
  if (query instanceof URLSearchParams) return query;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      for (const item of value) params.append(key, String(item));
    } else {
      params.append(key, String(value));
    }
  }
  return params;
}

async function readJson<T>(response: Response): Promise<T> {
  const text = await response.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(response.status, 'bad_response', 'The server sent an answer that is not JSON.');
  }
}

export async function toApiError(response: Response): Promise<ApiError> {
  const retryAfterHeader = response.headers.get('Retry-After');
  const retryAfter = retryAfterHeader !== null && /^\d+$/.test(retryAfterHeader) ? Number(retryAfterHeader) : null;
  let text = '';
  try {
    text = await response.text();
  } catch {
    // an unreadable body still leaves the status to report
  }
  try {
    const parsed = JSON.parse(text) as Partial<ApiErrorBody>;
    if (parsed && typeof parsed.error === 'string') {
      const message = typeof parsed.message === 'string' && parsed.message ? parsed.message : parsed.error;
      return new ApiError(response.status, parsed.error, message, retryAfter);
    }
  } catch {
    // not JSON: fall through to a message made from the status
  }
  const statusText = response.statusText || 'request failed';
  return new ApiError(response.status, `http_${response.status}`, `${response.status} ${statusText}`, retryAfter);
}
