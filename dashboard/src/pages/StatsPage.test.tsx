import { screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { StatsPage } from './StatsPage';
import { json } from '../test/fakeFetch';
import { renderWithApi } from '../test/renderWithApi';

describe('StatsPage', () => {
  it('shows ingest, buffers with the 80 % warning, store lag, drops and disk', async () => {
    renderWithApi(<StatsPage />, {
      'GET /v1/stats': {
        ingest: { events_total: 5000, events_per_second: 42 },
        buffers: {
          console: { entries: 850, max_entries: 1000, bytes: 10, max_bytes: 50_000_000 },
          network: { entries: 10, max_entries: 500 },
        },
        memory: { bytes: 100 * 1024 * 1024, max_bytes: 500 * 1024 * 1024 },
        store: { backend: 'sqlite', lag_events: 12, lag_ms: 30 },
        drops: { rate_limited: 3, evicted: 40 },
        disk: { log_bytes: 2048, screenshot_bytes: 1024 },
      },
    });
    const buffers = await screen.findByTestId('stats-buffers');
    const rows = within(buffers).getAllByTestId('buffer-row');
    expect(rows.map((r) => [r.dataset.category, r.dataset.warn])).toEqual([
      ['console', 'true'],
      ['network', 'false'],
    ]);
    expect(within(buffers).getByTestId('buffers-warning').textContent).toBe('1 over 80 %');
    expect(screen.getByTestId('stats-ingest-rate').textContent).toBe('42.0/s');
    expect(screen.getByTestId('stats-ingest-chart').dataset.points).toBe('1');
    expect(screen.getByTestId('store-lag').textContent).toContain('12 events');
    expect(within(screen.getByTestId('stats-drops')).getAllByTestId('drop-row').map((r) => r.dataset.name)).toEqual(['evicted', 'rate_limited']);
    expect(screen.getByTestId('stats-disk').textContent).toContain('2.0 KB');
  });

  it('says what is missing instead of failing on a partial answer', async () => {
    renderWithApi(<StatsPage />, { 'GET /v1/stats': { ingest: { events_total: 1 } } });
    expect((await screen.findByTestId('stats-store')).textContent).toContain('does not report');
    expect(screen.getByTestId('stats-drops').textContent).toContain('Nothing dropped');
  });

  it('shows an error box with retry when the route is not there', async () => {
    renderWithApi(<StatsPage />, { 'GET /v1/stats': () => json({ error: 'not_found', message: 'unknown route GET /v1/stats' }, 404) });
    const box = await screen.findByTestId('error-box');
    expect(box.textContent).toContain('unknown route');
    expect(screen.getByTestId('retry')).toBeTruthy();
  });
});
