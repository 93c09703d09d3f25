import type { Envelope, LoupeEvent, Session } from '../api/types';

/** A fixed instant (2026-11-23T10:00:00Z) in µs, so tests read as offsets from it. */
export const T0 = Date.UTC(2026, 10, 23, 10, 0, 0) * 1000;

let nextSeq = 1;

export function envelope(type: string, data: Record<string, unknown> | null, options: { tsMs?: number; seq?: number; sessionId?: string; url?: string } = {}): Envelope {
  const seq = options.seq ?? nextSeq++;
  const event: LoupeEvent = {
    ts: T0 + (options.tsMs ?? 0) * 1000,
    type,
    category: type.split('.')[0],
    detail_level: 'standard',
    session_id: options.sessionId ?? 's-1',
    url: options.url ?? 'https://shop.example/',
    source: { kind: 'page', name: 'loupe-sdk/0.1.0' },
    data,
  };
  return { seq, received_at: event.ts + 1000, project: 'default', event };
}

export function session(overrides: Partial<Session> = {}): Session {
  return {
    session_id: 's-1',
    project: 'default',
    started_at: T0,
    last_activity_at: T0 + 10_000_000,
    ended_at: null,
    duration_ms: 10_000,
    page_url: 'https://shop.example/',
    referrer: '',
    user_agent: 'Mozilla/5.0',
    device_type: 'desktop',
    browser: 'Chrome',
    os: 'Linux',
    viewport_width: 1280,
    viewport_height: 800,
    screen_width: 1920,
    screen_height: 1080,
    user_id: 'u-42',
    event_count: 12,
    error_count: 1,
    page_count: 2,
    screenshot_count: 0,
    ...overrides,
  };
}
