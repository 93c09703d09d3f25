import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { SessionList } from './SessionList';
import { json } from '../test/fakeFetch';
import { session } from '../test/fixtures';
import { renderWithApi } from '../test/renderWithApi';

const page1 = Array.from({ length: 20 }, (_, i) => session({ session_id: `s-${i + 1}` }));
const page2 = [session({ session_id: 's-21', error_count: 0 })];

describe('SessionList', () => {
  it('shows a summary per session', async () => {
    renderWithApi(<SessionList params={new URLSearchParams()} />, {
      'GET /v1/sessions': { data: [session({ duration_ms: 245_000, page_count: 3, event_count: 1234, error_count: 2 })], total: 1, next_cursor: null },
    });
    const row = await screen.findByTestId('session-row');
    expect(row.dataset.sessionId).toBe('s-1');
    expect(row.textContent).toContain('4m 05s');
    expect(row.textContent).toContain('1,234');
    expect(row.textContent).toContain('Chrome · Linux · desktop');
    expect(row.textContent).toContain('u-42');
    expect(screen.getByTestId('session-errors').textContent).toBe('2');
    expect(screen.getByTestId('sessions-total').textContent).toBe('1–1 of 1');
  });

  it('pages forward with next_cursor and back to exactly the previous page', async () => {
    const { server } = renderWithApi(<SessionList params={new URLSearchParams()} />, {
      'GET /v1/sessions': (call) => (call.query.get('cursor') === 'c-20' ? { data: page2, total: 21, next_cursor: null } : { data: page1, total: 21, next_cursor: 'c-20' }),
    });
    expect(await screen.findAllByTestId('session-row')).toHaveLength(20);
    expect((screen.getByTestId('page-prev') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('page-next'));
    await waitFor(() => expect(screen.getAllByTestId('session-row')).toHaveLength(1));
    expect(screen.getByTestId('page-number').textContent).toBe('Page 2');
    expect(screen.getByTestId('sessions-total').textContent).toBe('21–21 of 21');
    expect((screen.getByTestId('page-next') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('page-prev'));
    await waitFor(() => expect(screen.getAllByTestId('session-row')).toHaveLength(20));
    expect(server.calls.map((c) => c.query.get('cursor'))).toEqual([null, 'c-20', null]);
    expect(server.calls.every((c) => c.query.get('limit') === '20')).toBe(true);
  });

  it('sends the filters of the hash to the API', async () => {
    const { server } = renderWithApi(<SessionList params={new URLSearchParams('user=u-42&url=%2Fcheckout&errors=with&sort=last_activity_at')} />, {
      'GET /v1/sessions': { data: page2, total: 1, next_cursor: null },
    });
    await screen.findByTestId('session-row');
    expect(Object.fromEntries(server.calls[0].query)).toEqual({
      user_id: 'u-42',
      url: '/checkout',
      has_errors: 'true',
      sort: 'last_activity_at',
      limit: '20',
    });
  });

  it('writes a changed filter into the hash', async () => {
    renderWithApi(<SessionList params={new URLSearchParams()} />, { 'GET /v1/sessions': { data: page2, total: 1, next_cursor: null } });
    await screen.findByTestId('session-row');
    fireEvent.change(screen.getByTestId('filter-has-errors'), { target: { value: 'with' } });
    expect(window.location.hash).toBe('#/sessions?errors=with');
  });

  it('says when nothing matches the filters', async () => {
    renderWithApi(<SessionList params={new URLSearchParams('errors=with')} />, { 'GET /v1/sessions': { data: [], total: 0, next_cursor: null } });
    expect((await screen.findByTestId('empty-state')).textContent).toContain('No sessions match these filters');
  });

  it('shows a skeleton while loading and an error box with retry on failure', async () => {
    let fail = true;
    renderWithApi(<SessionList params={new URLSearchParams()} />, {
      'GET /v1/sessions': () => (fail ? json({ error: 'unavailable', message: 'the store is not reachable' }, 503) : { data: page2, total: 1, next_cursor: null }),
    });
    expect(screen.getAllByTestId('skeleton-row').length).toBeGreaterThan(0);
    const box = await screen.findByTestId('error-box');
    expect(box.textContent).toContain('the store is not reachable');
    fail = false;
    fireEvent.click(screen.getByTestId('retry'));
    await screen.findByTestId('session-row');
  });
});
