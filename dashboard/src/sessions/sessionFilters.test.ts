import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, filtersFromParams, filtersToParams, sessionListQuery } from './sessionFilters';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

describe('sessionListQuery', () => {
  it('asks for the first 20, newest first, with no filters', () => {
    expect(sessionListQuery(DEFAULT_FILTERS, NOW).toString()).toBe('sort=-started_at&limit=20');
  });

  it('maps every filter to its API parameter', () => {
    const q = sessionListQuery({ ...DEFAULT_FILTERS, range: '1h', user: ' u-42 ', url: '/checkout', errors: 'with', sort: '-last_activity_at' }, NOW, 'c2');
    expect(Object.fromEntries(q)).toEqual({
      from: String((NOW - 3_600_000) * 1000),
      user_id: 'u-42',
      url: '/checkout',
      has_errors: 'true',
      sort: '-last_activity_at',
      limit: '20',
      cursor: 'c2',
    });
  });

  it('sends has_errors=false for sessions without errors', () => {
    expect(sessionListQuery({ ...DEFAULT_FILTERS, errors: 'without' }, NOW).get('has_errors')).toBe('false');
  });

  it('turns a custom local range into µs bounds', () => {
    const q = sessionListQuery({ ...DEFAULT_FILTERS, range: 'custom', from: '2026-11-23T10:00', to: '2026-11-23T11:30' }, NOW);
    expect(q.get('from')).toBe(String(new Date('2026-11-23T10:00').getTime() * 1000));
    expect(q.get('to')).toBe(String(new Date('2026-11-23T11:30').getTime() * 1000));
  });

  it('leaves out half-open custom bounds', () => {
    const q = sessionListQuery({ ...DEFAULT_FILTERS, range: 'custom', from: '', to: '2026-11-23T11:30' }, NOW);
    expect(q.has('from')).toBe(false);
    expect(q.has('to')).toBe(true);
  });
});

describe('filters in the hash', () => {
  it('round-trip, writing only what differs from the defaults', () => {
    const filters = { ...DEFAULT_FILTERS, user: 'u-1', errors: 'with' as const, sort: 'started_at' as const };
    const params = filtersToParams(filters);
    expect(params.toString()).toBe('user=u-1&errors=with&sort=started_at');
    expect(filtersFromParams(params)).toEqual(filters);
  });

  it('fall back to defaults for unknown values', () => {
    expect(filtersFromParams(new URLSearchParams('range=forever&sort=random&errors=maybe'))).toEqual(DEFAULT_FILTERS);
  });
});
