import type { ApiClient, Query } from './client';
import type {
  AuthSessionResponse,
  Envelope,
  ListResponse,
  Screenshot,
  Session,
  StreamTokenResponse,
} from './types';
import type { RawStats } from '../stats/statsTypes';

/** Paths of docs/api.md, one function per route the dashboard uses. */

export function exchangeLoginToken(api: ApiClient, token: string, signal?: AbortSignal): Promise<AuthSessionResponse> {
  // Not authenticated: a 401 here means "wrong key", not "your session ended".
  return api.postJson<AuthSessionResponse>('/v1/auth/session', { token }, { signal, authenticated: false });
}

export function createStreamToken(api: ApiClient, signal?: AbortSignal): Promise<StreamTokenResponse> {
  return api.postJson<StreamTokenResponse>('/v1/stream/token', {}, { signal });
}

export function listSessions(api: ApiClient, query: URLSearchParams, signal?: AbortSignal): Promise<ListResponse<Session>> {
  return api.getJson<ListResponse<Session>>('/v1/sessions', query, signal);
}

export function getSession(api: ApiClient, sessionId: string, signal?: AbortSignal): Promise<Session> {
  return api.getJson<Session>(`/v1/sessions/${encodeURIComponent(sessionId)}`, undefined, signal);
}

export function listSessionEvents(
  api: ApiClient,
  sessionId: string,
  query: Query,
  signal?: AbortSignal,
): Promise<ListResponse<Envelope>> {
  return api.getJson<ListResponse<Envelope>>(`/v1/sessions/${encodeURIComponent(sessionId)}/events`, query, signal);
}

/** Largest page the events route serves (limit 1–10 000). */
export const EVENTS_PAGE_LIMIT = 10_000;

export interface AllEvents {
  events: Envelope[];
  /** True when `maxEvents` was reached and more may exist. */
  capped: boolean;
}

/**
 * Every event of a session, paging with `after_seq` = the previous page's `next_cursor` (which
 * the API defines as the last seq returned), up to `maxEvents`.
 */
export async function listAllSessionEvents(
  api: ApiClient,
  sessionId: string,
  options: { maxEvents?: number; signal?: AbortSignal } = {},
): Promise<AllEvents> {
  const maxEvents = options.maxEvents ?? 50_000;
  const events: Envelope[] = [];
  let afterSeq: string | number | undefined;
  for (;;) {
    const limit = Math.min(EVENTS_PAGE_LIMIT, maxEvents - events.length);
    const page = await listSessionEvents(api, sessionId, { limit, after_seq: afterSeq }, options.signal);
    events.push(...page.data);
    const next = page.next_cursor;
    if (next === null || next === undefined || next === '' || page.data.length === 0) return { events, capped: false };
    if (events.length >= maxEvents) return { events, capped: true };
    afterSeq = next;
  }
}

export function listScreenshots(api: ApiClient, sessionId: string, signal?: AbortSignal): Promise<ListResponse<Screenshot>> {
  return api.getJson<ListResponse<Screenshot>>(`/v1/sessions/${encodeURIComponent(sessionId)}/screenshots`, undefined, signal);
}

export function getScreenshotBlob(api: ApiClient, screenshotId: number, signal?: AbortSignal): Promise<Blob> {
  return api.getBlob(`/v1/screenshots/${encodeURIComponent(String(screenshotId))}`, undefined, signal);
}

export function getSessionHar(api: ApiClient, sessionId: string, signal?: AbortSignal): Promise<Blob> {
  return api.getBlob(`/v1/sessions/${encodeURIComponent(sessionId)}/har`, undefined, signal);
}

export function getStats(api: ApiClient, signal?: AbortSignal): Promise<RawStats> {
  return api.getJson<RawStats>('/v1/stats', undefined, signal);
}
