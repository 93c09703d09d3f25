import { vi } from 'vitest';
import { setSink, type LoupeEvent } from '../src/emit';

let capture = () => {};

/** Routes emitted events into an array (instead of the transport) for observer tests. */
export function captureEvents(): LoupeEvent[] {
  const events: LoupeEvent[] = [];
  capture = () => setSink((make) => events.push(make()), () => 'test-session');
  capture();
  return events;
}

/**
 * Runs `fn` while the rate limit has no room: the sink drops every event without making it, and
 * says so when asked ahead. Afterwards events are captured again.
 */
export async function whileRateLimited(fn: () => unknown): Promise<void> {
  setSink(() => {}, () => 'test-session', () => false);
  try {
    await fn();
  } finally {
    capture();
  }
}

export const ofType = (events: LoupeEvent[], type: string) => events.filter((e) => e.type == type).map((e) => e.data as any);

/**
 * For a test that starts the whole SDK: fresh storage, and the page's fetch replaced by one that
 * answers 202 and collects the events of every upload.
 */
export function uploadedEvents(): any[] {
  sessionStorage.clear();
  localStorage.clear();
  const sent: any[] = [];
  window.fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    if (String(input).includes('/v1/events')) sent.push(...JSON.parse(String(init!.body)).events);
    return new Response('{}', { status: 202 });
  }) as unknown as typeof fetch;
  return sent;
}

/**
 * Replaces PerformanceObserver by one that observes resource timing only, whose entries the test
 * hands over as the browser would: `deliver` calls the observer's callback, `queued` holds entries
 * the browser has and has not delivered yet (what takeRecords() takes).
 */
export function stubResourceObserver(): { deliver: (entries: object[]) => void; queued: object[] } {
  const stub = { deliver: (_entries: object[]) => {}, queued: [] as object[] };
  vi.stubGlobal(
    'PerformanceObserver',
    class {
      static supportedEntryTypes = ['resource'];
      constructor(readonly cb: (list: { getEntries(): object[] }) => void) {}
      observe(o: { type: string }) {
        if (o.type == 'resource') stub.deliver = (entries) => this.cb({ getEntries: () => entries });
      }
      disconnect() {}
      takeRecords() {
        return stub.queued.splice(0);
      }
    },
  );
  return stub;
}
