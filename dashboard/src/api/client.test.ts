import { describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError, toSearchParams } from './client';
import { exchangeLoginToken, listAllSessionEvents } from './endpoints';
import { fakeFetch, json } from '../test/fakeFetch';
import { envelope } from '../test/fixtures';

function client(routes: Parameters<typeof fakeFetch>[0], token: string | null = 'sess-token') {
  const server = fakeFetch(routes);
  const onUnauthorized = vi.fn();
  const api = new ApiClient({ getToken: () => token, onUnauthorized, fetch: server.fetch });
  return { api, server, onUnauthorized };
}

describe('ApiClient', () => {
  it('sends the session token as a Bearer header', async () => {
    const { api, server } = client({ 'GET /v1/sessions': { data: [], total: 0, next_cursor: null } });
    await api.getJson('/v1/sessions');
    expect(server.calls[0].headers.Authorization).toBe('Bearer sess-token');
  });

  it('sends no Authorization header when signed out', async () => {
    const { api, server } = client({ 'GET /v1/sessions': { data: [] } }, null);
    await api.getJson('/v1/sessions');
    expect(server.calls[0].headers.Authorization).toBeUndefined();
  });

  it('reports a 401 to the app and rejects with an unauthorized ApiError', async () => {
    const { api, onUnauthorized } = client({ 'GET /v1/sessions': () => json({ error: 'unauthorized', message: 'unknown token' }, 401) });
    const error = await api.getJson('/v1/sessions').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).unauthorized).toBe(true);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('does not treat a refused login as the end of a session', async () => {
    const { api, server, onUnauthorized } = client({ 'POST /v1/auth/session': () => json({ error: 'unauthorized', message: 'bad key' }, 401) }, 'stale');
    await expect(exchangeLoginToken(api, 'wrong')).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    expect(onUnauthorized).not.toHaveBeenCalled();
    expect(server.calls[0].headers.Authorization).toBeUndefined();
    expect(server.calls[0].body).toEqual({ token: 'wrong' });
  });

  it('turns the error JSON into code and message', async () => {
    const { api } = client({ 'GET /v1/sessions': () => json({ error: 'bad_parameter', message: "'limit' must be 1–100" }, 400) });
    await expect(api.getJson('/v1/sessions')).rejects.toMatchObject({ status: 400, code: 'bad_parameter', message: "'limit' must be 1–100" });
  });

  it('reads Retry-After on 429 and 503', async () => {
    const { api } = client({ 'GET /v1/stats': () => json({ error: 'rate_limited', message: 'slow down' }, 429, { 'Retry-After': '7' }) });
    await expect(api.getJson('/v1/stats')).rejects.toMatchObject({ code: 'rate_limited', retryAfter: 7 });
  });

  it('makes a code from the status when the error body is not JSON', async () => {
    const { api } = client({ 'GET /v1/stats': () => new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' }) });
    await expect(api.getJson('/v1/stats')).rejects.toMatchObject({ status: 502, code: 'http_502', message: '502 Bad Gateway' });
  });

  it('says the server could not be reached when fetch itself fails', async () => {
    const api = new ApiClient({ getToken: () => 't', onUnauthorized: vi.fn(), fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    await expect(api.getJson('/v1/sessions')).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('rejects a success answer that is not JSON', async () => {
    const { api } = client({ 'GET /v1/sessions': () => new Response('oops', { status: 200 }) });
    await expect(api.getJson('/v1/sessions')).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('repeats array parameters and leaves out empty ones', () => {
    expect(toSearchParams({ category: ['console', 'network'], type: 'network.*', q: '', after_seq: undefined, limit: 5 }).toString()).toBe(
      'category=console&category=network&type=network.*&limit=5',
    );
  });
});

describe('listAllSessionEvents', () => {
  it('pages with after_seq = next_cursor until the cursor is null', async () => {
    const first = [envelope('console.log', { message: 'a' }, { seq: 1 }), envelope('console.log', { message: 'b' }, { seq: 2 })];
    const second = [envelope('console.log', { message: 'c' }, { seq: 3 })];
    const { api, server } = client({
      'GET /v1/sessions/s%201/events': (call) =>
        call.query.get('after_seq') === null ? { data: first, total: 3, next_cursor: '2' } : { data: second, total: 3, next_cursor: null },
    });
    const result = await listAllSessionEvents(api, 's 1');
    expect(result.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(result.capped).toBe(false);
    expect(server.calls.map((c) => c.query.get('after_seq'))).toEqual([null, '2']);
    expect(server.calls[0].query.get('limit')).toBe('10000');
  });

  it('stops at maxEvents and says so', async () => {
    const page = [envelope('console.log', {}, { seq: 1 }), envelope('console.log', {}, { seq: 2 })];
    const { api } = client({ 'GET /v1/sessions/s/events': { data: page, total: 10, next_cursor: 2 } });
    const result = await listAllSessionEvents(api, 's', { maxEvents: 2 });
    expect(result).toMatchObject({ capped: true });
    expect(result.events).toHaveLength(2);
  });
});
