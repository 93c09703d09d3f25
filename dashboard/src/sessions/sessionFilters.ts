/**
 * The session list's filters, in two encodings: the dashboard's own hash parameters (so a
 * filtered list can be linked and survives a reload) and the query of `GET /v1/sessions`.
 */

export const SESSIONS_PAGE_SIZE = 20;

export const TIME_RANGES = {
  any: { label: 'Any time', ms: null },
  '15m': { label: 'Last 15 minutes', ms: 15 * 60_000 },
  '1h': { label: 'Last hour', ms: 3_600_000 },
  '24h': { label: 'Last 24 hours', ms: 86_400_000 },
  '7d': { label: 'Last 7 days', ms: 7 * 86_400_000 },
  '30d': { label: 'Last 30 days', ms: 30 * 86_400_000 },
  custom: { label: 'Custom range…', ms: null },
} as const;
export type TimeRange = keyof typeof TIME_RANGES;

export const SESSION_SORTS = {
  '-started_at': 'Started, newest first',
  started_at: 'Started, oldest first',
  '-last_activity_at': 'Last activity, newest first',
  last_activity_at: 'Last activity, oldest first',
} as const;
export type SessionSort = keyof typeof SESSION_SORTS;

export type ErrorFilter = 'any' | 'with' | 'without';

export interface SessionFilters {
  range: TimeRange;
  /** `datetime-local` values (local time, no zone), used when range is 'custom'. */
  from: string;
  to: string;
  user: string;
  url: string;
  errors: ErrorFilter;
  sort: SessionSort;
}

export const DEFAULT_FILTERS: SessionFilters = {
  range: 'any',
  from: '',
  to: '',
  user: '',
  url: '',
  errors: 'any',
  sort: '-started_at',
};

export function filtersFromParams(params: URLSearchParams): SessionFilters {
  const range = params.get('range');
  const errors = params.get('errors');
  const sort = params.get('sort');
  return {
    range: range !== null && range in TIME_RANGES ? (range as TimeRange) : DEFAULT_FILTERS.range,
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    user: params.get('user') ?? '',
    url: params.get('url') ?? '',
    errors: errors === 'with' || errors === 'without' ? errors : 'any',
    sort: sort !== null && sort in SESSION_SORTS ? (sort as SessionSort) : DEFAULT_FILTERS.sort,
  };
}

/** Only what differs from the defaults, so the plain list has a plain URL. */
export function filtersToParams(filters: SessionFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.range !== DEFAULT_FILTERS.range) params.set('range', filters.range);
  if (filters.range === 'custom') {
    if (filters.from) params.set('from', filters.from);
    if (filters.to) params.set('to', filters.to);
  }
  if (filters.user.trim()) params.set('user', filters.user.trim());
  if (filters.url.trim()) params.set('url', filters.url.trim());
  if (filters.errors !== 'any') params.set('errors', filters.errors);
  if (filters.sort !== DEFAULT_FILTERS.sort) params.set('sort', filters.sort);
  return params;
}

/**
 * The `GET /v1/sessions` query. Times go as integer µs, the one form the API is sure to take;
 * relative ranges are resolved against `nowMs` when the list is fetched.
 */
export function sessionListQuery(filters: SessionFilters, nowMs: number, cursor?: string | null): URLSearchParams {
  const params = new URLSearchParams();
  const { from, to } = timeBounds(filters, nowMs);
  if (from !== null) params.set('from', String(from));
  if (to !== null) params.set('to', String(to));
  if (filters.user.trim()) params.set('user_id', filters.user.trim());
  if (filters.url.trim()) params.set('url', filters.url.trim());
  if (filters.errors === 'with') params.set('has_errors', 'true');
  if (filters.errors === 'without') params.set('has_errors', 'false');
  params.set('sort', filters.sort);
  params.set('limit', String(SESSIONS_PAGE_SIZE));
  if (cursor) params.set('cursor', cursor);
  return params;
}

/** µs bounds of "session started in range"; null where open. */
export function timeBounds(filters: SessionFilters, nowMs: number): { from: number | null; to: number | null } {
  if (filters.range === 'custom') {
    return { from: localDateTimeToMicros(filters.from), to: localDateTimeToMicros(filters.to) };
  }
  const span = TIME_RANGES[filters.range].ms;
  return span === null ? { from: null, to: null } : { from: Math.round((nowMs - span) * 1000), to: null };
}

function localDateTimeToMicros(value: string): number | null {
  if (!value) return null;
  const ms = new Date(value).getTime(); // a zone-less ISO date-time is read as local time
  return Number.isFinite(ms) ? ms * 1000 : null;
}
