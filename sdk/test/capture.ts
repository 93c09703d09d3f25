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
