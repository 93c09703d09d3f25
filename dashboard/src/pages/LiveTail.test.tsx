import { act, fireEvent, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveTail } from './LiveTail';
import { FakeEventSource } from '../test/FakeEventSource';
import { envelope } from '../test/fixtures';
import { renderWithApi } from '../test/renderWithApi';

beforeEach(() => {
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  return () => vi.unstubAllGlobals();
});

async function openLive(params = '') {
  const rendered = renderWithApi(<LiveTail params={new URLSearchParams(params)} />, {
    'POST /v1/stream/token': { token: 'stream-tok', expires_at: 0 },
  });
  await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
  const source = FakeEventSource.instances[0];
  act(() => source.open());
  return { ...rendered, source };
}

const liveRows = () => screen.queryAllByTestId('live-row');

describe('LiveTail', () => {
  it('subscribes with the stream token and the selectors from the hash', async () => {
    const { source } = await openLive('category=error&type=network.*&session_id=s-9');
    const url = new URL(source.url, 'http://x');
    expect(url.searchParams.get('token')).toBe('stream-tok');
    expect(url.searchParams.getAll('category')).toEqual(['error']);
    expect(url.searchParams.getAll('type')).toEqual(['network.*']);
    expect(url.searchParams.get('session_id')).toBe('s-9');
    expect(screen.getByTestId('live-status').dataset.status).toBe('live');
    expect(screen.getByTestId('empty-state').textContent).toContain('Waiting for events');
  });

  it('shows arriving events newest first, and the rate', async () => {
    const { source } = await openLive();
    act(() => {
      source.message(envelope('console.log', { message: 'first' }, { seq: 10 }));
      source.message(envelope('network.request', { method: 'GET', url: '/api/cart', status: 200 }, { seq: 11 }));
    });
    await waitFor(() => expect(liveRows()).toHaveLength(2));
    expect(liveRows().map((r) => r.dataset.seq)).toEqual(['11', '10']);
    expect(liveRows()[0].textContent).toContain('GET /api/cart');
    await waitFor(() => expect(Number(screen.getByTestId('live-rate').dataset.rate)).toBeGreaterThan(0), { timeout: 2000 });
  });

  it('shows a gap frame as a banner with its range, count and reason', async () => {
    const { source } = await openLive();
    act(() => {
      source.message(envelope('console.log', { message: 'before' }, { seq: 899 }));
      source.named('gap', { from: 900, to: 949, count: 50, reason: 'retention' });
      source.message(envelope('console.log', { message: 'after' }, { seq: 950 }));
    });
    const banner = await screen.findByTestId('gap-banner');
    expect(banner.textContent).toContain('Missed 50 events');
    expect(banner.textContent).toContain('900–949');
    expect(banner.textContent).toContain('retention');
    expect(banner.dataset.reason).toBe('retention');
  });

  it('pauses: keeps the list still, counts what arrives, and shows it on resume', async () => {
    const { source } = await openLive();
    act(() => source.message(envelope('console.log', { message: 'seen' }, { seq: 1 })));
    await waitFor(() => expect(liveRows()).toHaveLength(1));
    fireEvent.click(screen.getByTestId('live-pause'));
    act(() => {
      for (let seq = 2; seq <= 4; seq++) source.message(envelope('console.log', { message: `held ${seq}` }, { seq }));
    });
    await waitFor(() => expect(screen.getByTestId('live-paused-count').dataset.count).toBe('3'));
    expect(screen.getByTestId('live-paused-count').textContent).toBe('3 new events');
    expect(liveRows()).toHaveLength(1);
    fireEvent.click(screen.getByTestId('live-pause'));
    expect(liveRows().map((r) => r.dataset.seq)).toEqual(['4', '3', '2', '1']);
    expect(screen.queryByTestId('live-paused')).toBeNull();
  });

  it('reconnects after an error from the last seq it saw, with a fresh token', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { source, server } = await openLive();
      act(() => source.message(envelope('console.log', { message: 'x' }, { seq: 41 })));
      act(() => source.fail());
      expect(screen.getByTestId('live-status').dataset.status).toBe('reconnecting');
      await act(async () => {
        await vi.advanceTimersByTimeAsync(600);
      });
      await vi.waitFor(() => expect(FakeEventSource.instances).toHaveLength(2));
      expect(new URL(FakeEventSource.instances[1].url, 'http://x').searchParams.get('after_seq')).toBe('41');
      expect(server.calls.filter((c) => c.path === '/v1/stream/token')).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
