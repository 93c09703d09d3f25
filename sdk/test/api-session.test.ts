// A page that stays open while its session times out: the next session begins with a page view.
import { describe, expect, it, vi } from 'vitest';
import { init } from '../src/index';
import { uploadedEvents } from './capture';

describe('a session that starts while the page is open', () => {
  it('begins with a page view of the page, in the new session', async () => {
    const sent = uploadedEvents();
    const upload = window.fetch;
    const sessions: any[] = [];
    window.fetch = ((input: RequestInfo | URL, request?: RequestInit) => (sessions.push(JSON.parse(String(request!.body)).session), upload(input, request))) as typeof fetch;
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const loupe = init({ key: 'pk_r', endpoint: 'https://loupe.test', sessionTimeout: 60_000, disable: ['performance'] })!;
      loupe.identify('jane@example.com', { plan: 'pro' });
      loupe.info('before');
      loupe.flush();
      await vi.waitFor(() => expect(sessions.filter(Boolean)).toHaveLength(1));
      vi.setSystemTime(Date.now() + 3600_000);
      loupe.info('after');
      loupe.flush();
      await vi.waitFor(() => expect(sent.some((e) => e.data.message == 'after')).toBe(true));
      const seen = sent.filter((e) => e.type == 'page.view' || e.type == 'log.info').map((e) => [e.type, e.data.message, e.session_id]);
      const [first, second] = [seen[0][2], seen[seen.length - 1][2]];
      expect(first).not.toBe(second);
      expect(seen).toEqual([
        ['page.view', undefined, first],
        ['log.info', 'before', first],
        ['page.view', undefined, second],
        ['log.info', 'after', second],
      ]);
      // The user identified in the first session is the second's too, redacted as its identify was.
      expect(sessions.filter(Boolean).map((m) => [m.session_id, m.user_id])).toEqual([
        [first, '[REDACTED:email]'],
        [second, '[REDACTED:email]'],
      ]);
      // A logout (identify(null)) forgets the user: the tab's next session has none.
      loupe.identify(null);
      vi.setSystemTime(Date.now() + 3600_000);
      loupe.info('logged out');
      loupe.flush();
      await vi.waitFor(() => expect(sessions.filter(Boolean)).toHaveLength(3));
      expect(sessions.filter(Boolean)[2].user_id).toBe(undefined);
      expect(sent.filter((e) => e.type == 'session.identify')).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
