/**
 * The batch queue (seed 004): serialized events wait here until a flush — when `batchSize` events
 * are waiting, `flushInterval` ms after the first of them arrived, or when the page is hidden.
 * A flush prepends a `system.client_drops` event when anything was dropped since the last one,
 * puts the session metadata on the first body when the session has not sent it yet, packs the
 * events into ≤ 64 KB bodies and hands them to the sender.
 */
import { byteLen, EVENT_BYTES } from '../limits';
import { chunk, type Serialized } from './chunk';
import type { DropCounts, Drops } from './drops';
import type { Sender } from './sender';

export interface QueueOptions {
  batchSize: number;
  flushInterval: number;
  maxQueue: number;
}

export interface EventQueue {
  _add(json: string): void;
  _flush(hide?: boolean): void;
}

/**
 * `sessionHead()` is `"session":{…},` when the session's metadata is due, else ''; `dropsEvent`
 * the serialized `system.client_drops` event for the counts.
 */
export function createQueue(o: QueueOptions, sender: Sender, drops: Drops, sessionHead: () => string, dropsEvent: (counts: DropCounts) => string): EventQueue {
  let items: Serialized[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = (hide?: boolean) => {
    clearTimeout(timer);
    timer = undefined;
    const events = items;
    items = [];
    const counts = drops._take();
    if (counts) {
      const json = dropsEvent(counts);
      events.unshift([json, byteLen(json)]);
    }
    if (events[0]) sender._send(chunk(events, sessionHead()));
    if (hide) sender._hide();
  };
  return {
    _add: (json) => {
      const bytes = byteLen(json);
      if (bytes > EVENT_BYTES) return drops._count('too_large');
      if (items.length >= o.maxQueue) return drops._count('queue_full');
      if (items.push([json, bytes]) >= o.batchSize) flush();
      else timer ??= setTimeout(flush, o.flushInterval);
    },
    _flush: flush,
  };
}
