/**
 * Hash routes, so the server needs no fallback for deep links:
 * `#/sessions?…filters`, `#/sessions/<id>?seq=<n>`, `#/live`, `#/stats`.
 */
export type Route =
  | { name: 'sessions'; params: URLSearchParams }
  | { name: 'session'; sessionId: string; params: URLSearchParams }
  | { name: 'live'; params: URLSearchParams }
  | { name: 'stats'; params: URLSearchParams };

export function parseRoute(hash: string): Route {
  const fragment = hash.replace(/^#/, '');
  const [pathPart, queryPart = ''] = splitOnce(fragment, '?');
  const params = new URLSearchParams(queryPart);
  const segments = pathPart.split('/').filter(Boolean);
  const [first, second] = segments;
  if (first === 'sessions' && second !== undefined) {
    return { name: 'session', sessionId: safeDecode(second), params };
  }
  if (first === 'live') return { name: 'live', params };
  if (first === 'stats') return { name: 'stats', params };
  return { name: 'sessions', params };
}

export function sessionsHref(params?: URLSearchParams): string {
  const qs = params?.toString();
  return qs ? `#/sessions?${qs}` : '#/sessions';
}

/** Always a fragment link: a captured session id can never turn this into another scheme. */
export function sessionHref(sessionId: string, seq?: number): string {
  const base = `#/sessions/${encodeURIComponent(sessionId)}`;
  return seq === undefined ? base : `${base}?seq=${seq}`;
}

export const LIVE_HREF = '#/live';
export const STATS_HREF = '#/stats';

function splitOnce(text: string, separator: string): [string, string?] {
  const index = text.indexOf(separator);
  return index < 0 ? [text] : [text.slice(0, index), text.slice(index + 1)];
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
