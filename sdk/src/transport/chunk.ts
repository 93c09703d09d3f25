/*
 * Packs serialized events into request bodies of at most `max` bytes — 64 KB, the budget a
 * browser gives sendBeacon and keepalive fetches. Packing is greedy and keeps order. The first
 * body may carry a head (the `session` object). An event that alone exceeds the budget travels
 * in a body of its own (sent by a normal fetch; it cannot be beaconed).
 *
 * A body is `{"session":{…},"events":[…]}` built by concatenation: events are already JSON, so
 * nothing is serialized twice.
 */
import { byteLen } from '../limits';

export interface Chunk {
  body: string;
  /** Events in the body, for drop counting. */
  n: number;
  bytes: number;
  /** When it was first kept offline (ms since the epoch); its age survives being kept again. */
  t?: number;
}

export interface Serialized {
  json: string;
  bytes: number;
}

export const BEACON_BYTES = 65536;
const OPEN = '{"events":['.length;
const CLOSE = ']}'.length;

export function chunk(events: Serialized[], head = '', max = BEACON_BYTES): Chunk[] {
  const out: Chunk[] = [];
  let parts: string[] = [];
  let bytes = 0;
  const close = () => {
    if (!parts.length) return;
    const h = out.length ? '' : head;
    out.push({ body: `{${h}"events":[${parts.join(',')}]}`, n: parts.length, bytes });
    parts = [];
  };
  for (const e of events) {
    if (parts.length && bytes + 1 + e.bytes > max) close();
    if (!parts.length) bytes = OPEN + CLOSE + (out.length ? 0 : byteLen(head));
    else bytes++; // the comma
    parts.push(e.json);
    bytes += e.bytes;
  }
  close();
  return out;
}
