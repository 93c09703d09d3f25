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
  _body: string;
  /** Events in the body, for drop counting. */
  _n: number;
  _bytes: number;
  /** When it was first kept offline (ms since the epoch); its age survives being kept again. */
  _t?: number;
}

/** An event's JSON and its UTF-8 length. */
export type Serialized = [json: string, bytes: number];

export const BEACON_BYTES = 65536;

export function chunk(events: Serialized[], head = '', max = BEACON_BYTES): Chunk[] {
  const out: Chunk[] = [];
  let parts: string[] = [];
  let bytes = 0;
  const close = () => {
    if (parts.length) out.push({ _body: `{${out.length ? '' : head}"events":[${parts}]}`, _n: parts.length, _bytes: bytes });
    parts = [];
  };
  for (const [json, size] of events) {
    if (parts.length && bytes + 1 + size > max) close();
    // '{"events":[' and ']}' and, on the first body, the head; else the comma.
    bytes = parts.length ? bytes + 1 : 13 + (out.length ? 0 : byteLen(head));
    parts.push(json);
    bytes += size;
  }
  close();
  return out;
}
