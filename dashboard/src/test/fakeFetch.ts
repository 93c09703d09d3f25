/**
 * A stand-in for `fetch` that answers by "METHOD /path" and records every call, so tests can
 * check exactly what the dashboard asked the server.
 */
export interface RecordedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
}

/** A function of the call, or a fixed JSON body. */
export type Handler = ((call: RecordedCall) => Response | unknown | Promise<Response | unknown>) | object;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

export function fakeFetch(routes: Record<string, Handler>) {
  const calls: RecordedCall[] = [];
  const impl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://dashboard.test');
    const method = (init?.method ?? 'GET').toUpperCase();
    const headers = Object.fromEntries(Object.entries((init?.headers as Record<string, string>) ?? {}));
    const call: RecordedCall = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const handler = routes[`${method} ${url.pathname}`];
    if (!handler) return json({ error: 'not_found', message: `no route ${method} ${url.pathname}` }, 404);
    const answer = typeof handler === 'function' ? await handler(call) : handler;
    return answer instanceof Response ? answer : json(answer);
  }) as typeof fetch;
  return { fetch: impl, calls };
}
