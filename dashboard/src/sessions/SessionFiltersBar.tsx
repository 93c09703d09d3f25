import { useEffect, useState } from 'preact/hooks';
import {
  DEFAULT_FILTERS,
  SESSION_SORTS,
  TIME_RANGES,
  type ErrorFilter,
  type SessionFilters,
  type SessionSort,
  type TimeRange,
} from './sessionFilters';

/** Typing pauses this long before the list reloads, so a query is not sent per keystroke. */
const TEXT_DEBOUNCE_MS = 350;

/** The session list's filter and sort controls. Selects apply at once; text fields after a pause or Enter. */
export function SessionFiltersBar({ filters, onChange }: { filters: SessionFilters; onChange: (next: SessionFilters) => void }) {
  const [user, setUser] = useState(filters.user);
  const [url, setUrl] = useState(filters.url);

  // Follow outside changes (back button, "clear filters").
  useEffect(() => setUser(filters.user), [filters.user]);
  useEffect(() => setUrl(filters.url), [filters.url]);

  useEffect(() => {
    if (user === filters.user && url === filters.url) return undefined;
    const timer = setTimeout(() => onChange({ ...filters, user, url }), TEXT_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [user, url, filters, onChange]);

  const set = (patch: Partial<SessionFilters>) => onChange({ ...filters, user, url, ...patch });
  const active = JSON.stringify({ ...filters, sort: DEFAULT_FILTERS.sort }) !== JSON.stringify({ ...DEFAULT_FILTERS });

  return (
    <form
      class="filters"
      data-testid="session-filters"
      onSubmit={(e) => {
        e.preventDefault();
        set({});
      }}
    >
      <label class="field field--inline">
        <span class="field__label">Started</span>
        <select class="input" value={filters.range} onChange={(e) => set({ range: e.currentTarget.value as TimeRange })} data-testid="filter-range">
          {Object.entries(TIME_RANGES).map(([value, { label }]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {filters.range === 'custom' && (
        <>
          <label class="field field--inline">
            <span class="field__label">From</span>
            <input class="input" type="datetime-local" value={filters.from} onChange={(e) => set({ from: e.currentTarget.value })} data-testid="filter-from" />
          </label>
          <label class="field field--inline">
            <span class="field__label">To</span>
            <input class="input" type="datetime-local" value={filters.to} onChange={(e) => set({ to: e.currentTarget.value })} data-testid="filter-to" />
          </label>
        </>
      )}
      <label class="field field--inline">
        <span class="field__label">User</span>
        <input class="input" type="search" placeholder="user id" value={user} onInput={(e) => setUser(e.currentTarget.value)} data-testid="filter-user" />
      </label>
      <label class="field field--inline field--grow">
        <span class="field__label">URL contains</span>
        <input class="input" type="search" placeholder="/checkout" value={url} onInput={(e) => setUrl(e.currentTarget.value)} data-testid="filter-url" />
      </label>
      <label class="field field--inline">
        <span class="field__label">Errors</span>
        <select class="input" value={filters.errors} onChange={(e) => set({ errors: e.currentTarget.value as ErrorFilter })} data-testid="filter-has-errors">
          <option value="any">Any</option>
          <option value="with">With errors</option>
          <option value="without">Without errors</option>
        </select>
      </label>
      <label class="field field--inline">
        <span class="field__label">Sort</span>
        <select class="input" value={filters.sort} onChange={(e) => set({ sort: e.currentTarget.value as SessionSort })} data-testid="filter-sort">
          {Object.entries(SESSION_SORTS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {active && (
        <button type="button" class="button button--ghost" onClick={() => onChange({ ...DEFAULT_FILTERS, sort: filters.sort })} data-testid="filter-clear">
          Clear filters
        </button>
      )}
    </form>
  );
}
