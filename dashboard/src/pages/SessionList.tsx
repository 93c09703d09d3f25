import { useCallback, useMemo, useState } from 'preact/hooks';
import { useApi } from '../api/ApiContext';
import { listSessions } from '../api/endpoints';
import { EmptyState } from '../components/EmptyState';
import { ErrorBox } from '../components/ErrorBox';
import { Loading, SkeletonRows } from '../components/Loading';
import { formatCount } from '../format/numbers';
import { useAsync } from '../hooks/useAsync';
import { sessionsHref } from '../router/routes';
import { navigate } from '../router/useHashRoute';
import { SessionFiltersBar } from '../sessions/SessionFiltersBar';
import { SESSION_COLUMNS, SessionRow } from '../sessions/SessionRow';
import {
  DEFAULT_FILTERS,
  SESSIONS_PAGE_SIZE,
  filtersFromParams,
  filtersToParams,
  sessionListQuery,
  type SessionFilters,
} from '../sessions/sessionFilters';

/**
 * Sessions, 20 a page, newest first by default. Filters live in the hash (linkable, kept on
 * reload); the pages visited are a stack of cursors so "Previous" returns exactly where it was.
 */
export function SessionList({ params }: { params: URLSearchParams }) {
  const api = useApi();
  const filters = useMemo(() => filtersFromParams(params), [params.toString()]);
  const filterKey = filtersToParams(filters).toString();
  // The cursor stack belongs to one set of filters; new filters start again at page 1.
  const [paging, setPaging] = useState<{ key: string; cursors: (string | null)[] }>({ key: filterKey, cursors: [null] });
  const cursors = paging.key === filterKey ? paging.cursors : [null];
  const pageIndex = cursors.length - 1;
  const cursor = cursors[pageIndex];

  const result = useAsync((signal) => listSessions(api, sessionListQuery(filters, Date.now(), cursor), signal), [api, filterKey, cursor, pageIndex]);

  const onFilters = useCallback((next: SessionFilters) => {
    navigate(sessionsHref(filtersToParams(next)), { replace: true });
  }, []);

  const page = result.data;
  const nextCursor = page?.next_cursor === undefined || page.next_cursor === null ? null : String(page.next_cursor);
  const filtered = filterKey !== filtersToParams({ ...DEFAULT_FILTERS, sort: filters.sort }).toString();
  const firstShown = pageIndex * SESSIONS_PAGE_SIZE + 1;

  return (
    <section class="sessions" data-testid="sessions-page">
      <div class="page-head">
        <h1 class="page-title">Sessions</h1>
        {page && (
          <span class="page-sub" data-testid="sessions-total">
            {page.total === 0 ? 'none' : `${formatCount(firstShown)}–${formatCount(firstShown + page.data.length - 1)} of ${formatCount(page.total)}`}
          </span>
        )}
        <span class="spacer" />
        {result.status === 'loading' && page && <Loading inline label="Updating…" />}
        <button type="button" class="button" onClick={result.reload} data-testid="sessions-refresh">
          Refresh
        </button>
      </div>
      <SessionFiltersBar filters={filters} onChange={onFilters} />
      {result.status === 'error' ? (
        <ErrorBox title="Could not load sessions" error={result.error} onRetry={result.reload} />
      ) : page && page.data.length === 0 && result.status === 'ok' ? (
        filtered ? (
          <EmptyState title="No sessions match these filters">
            <button type="button" class="button" onClick={() => onFilters({ ...DEFAULT_FILTERS, sort: filters.sort })}>
              Clear filters
            </button>
          </EmptyState>
        ) : (
          <EmptyState title="No sessions yet">Sessions appear here once a page with the Loupe SDK sends its first events.</EmptyState>
        )
      ) : (
        <div class={`table-wrap${result.status === 'loading' && page ? ' is-refreshing' : ''}`}>
          <table class="table sessions-table" data-testid="sessions-table" aria-busy={result.status === 'loading'}>
            <thead>
              <tr>
                {SESSION_COLUMNS.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {page ? page.data.map((s) => <SessionRow key={s.session_id} session={s} />) : <SkeletonRows columns={SESSION_COLUMNS.length} />}
            </tbody>
          </table>
        </div>
      )}
      <div class="pager">
        <button
          type="button"
          class="button"
          disabled={pageIndex === 0 || result.status === 'loading'}
          onClick={() => setPaging({ key: filterKey, cursors: cursors.slice(0, -1) })}
          data-testid="page-prev"
        >
          ← Previous
        </button>
        <span class="muted" data-testid="page-number">
          Page {pageIndex + 1}
        </span>
        <button
          type="button"
          class="button"
          disabled={nextCursor === null || result.status !== 'ok'}
          onClick={() => setPaging({ key: filterKey, cursors: [...cursors, nextCursor] })}
          data-testid="page-next"
        >
          Next →
        </button>
      </div>
    </section>
  );
}
