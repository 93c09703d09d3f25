import { setSink, type LoupeEvent } from '../src/emit';

/** Routes emitted events into an array (instead of the transport) for observer tests. */
export function captureEvents(): LoupeEvent[] {
  const events: LoupeEvent[] = [];
  setSink((make) => events.push(make()), () => 'test-session');
  return events;
}

export const ofType = (events: LoupeEvent[], type: string) => events.filter((e) => e.type == type).map((e) => e.data as any);
