/**
 * The batch queue (seed 004): serialized events wait here until a flush — when `batchSize` events
 * are waiting, `flushInterval` ms after the first of them arrived, or when the page is hidden.
 * A flush prepends a `system.client_drops` event when anything was dropped since the last one,
 * puts the session metadata on the first body when the session has not sent it yet, packs the
 * events into ≤ 64 KB bodies and hands them to the sender.
 */
import { byteLen, EVENT_BYTES } from '../limits';
import { chunk, type Serialized } from './chunk';
import type { DropReason, Drops } from './drops';
import type { Sender } from './sender';

export interface QueueOptions {
  batchSize: number;
  flushInterval: number;
  maxQueue: number;
}

export class EventQueue {
  private items: Serialized[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly options: QueueOptions,
    private readonly sender: Sender,
    private readonly drops: Drops,
    /** `"session":{…},` when the session's metadata is due, else ''. */
    private readonly sessionHead: () => string,
    /** The serialized `system.client_drops` event for these counts. */
    private readonly dropsEvent: (drops: Partial<Record<DropReason, number>>) => string,
  ) {}

  add(json: string): void {
    const bytes = byteLen(json);
    if (bytes > EVENT_BYTES) return this.drops.count('too_large');
    if (this.items.length >= this.options.maxQueue) return this.drops.count('queue_full');
    this.items.push({ json, bytes });
    if (this.items.length >= this.options.batchSize) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.options.flushInterval);
  }

  flush(hide = false): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const events = this.items;
    this.items = [];
    const counts = this.drops.take();
    if (counts) {
      const json = this.dropsEvent(counts);
      events.unshift({ json, bytes: byteLen(json) });
    }
    if (events.length) this.sender.send(chunk(events, this.sessionHead()));
    if (hide) this.sender.hide();
  }
}
