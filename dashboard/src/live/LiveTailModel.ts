import type { Envelope, Gap } from '../api/types';

/**
 * What the live tail shows, as plain state that tests drive without a browser.
 *
 * Rows are kept newest first and bounded (the oldest fall off), so a busy stream cannot grow
 * the page without limit. While paused, arrivals are held aside — bounded the same way, but
 * counted in full — and the visible list does not move under the reader; resume puts them on
 * top. A gap frame becomes a row of its own so that a hole in the stream is seen where it
 * happened. Events at or below the last seq seen (a resumed stream repeating itself) are ignored.
 */
export type LiveRow =
  | { kind: 'event'; key: string; envelope: Envelope }
  | { kind: 'gap'; key: string; gap: Gap };

export const DEFAULT_LIVE_BOUND = 1000;

export class LiveTailModel {
  private visible: LiveRow[] = [];
  private held: LiveRow[] = [];
  private heldEvents = 0;
  private heldGaps = 0;
  private isPaused = false;
  private last: number | null = null;
  private gapSerial = 0;

  constructor(readonly bound: number = DEFAULT_LIVE_BOUND) {}

  /** Newest first, at most `bound`. */
  get rows(): readonly LiveRow[] {
    return this.visible;
  }

  get paused(): boolean {
    return this.isPaused;
  }

  /** Events that arrived while paused (all of them, even past the bound). */
  get pendingCount(): number {
    return this.heldEvents;
  }

  get pendingGaps(): number {
    return this.heldGaps;
  }

  /** The highest seq received or skipped by a gap: where a reconnect resumes (`after_seq`). */
  get lastSeq(): number | null {
    return this.last;
  }

  /** Adds an event; false when it was a repeat of one already seen. */
  receive(envelope: Envelope): boolean {
    if (this.last !== null && envelope.seq <= this.last) return false;
    this.last = envelope.seq;
    this.add({ kind: 'event', key: `e${envelope.seq}`, envelope });
    if (this.isPaused) this.heldEvents++;
    return true;
  }

  gap(gap: Gap): void {
    if (Number.isFinite(gap.to)) this.last = Math.max(this.last ?? gap.to, gap.to);
    this.add({ kind: 'gap', key: `g${gap.from}-${gap.to}-${this.gapSerial++}`, gap });
    if (this.isPaused) this.heldGaps++;
  }

  pause(): void {
    this.isPaused = true;
  }

  resume(): void {
    if (!this.isPaused) return;
    this.isPaused = false;
    this.visible = this.held.concat(this.visible).slice(0, this.bound);
    this.held = [];
    this.heldEvents = 0;
    this.heldGaps = 0;
  }

  /** Empties the list (new selectors); the resume position is kept only if asked. */
  clear(options: { keepPosition?: boolean } = {}): void {
    this.visible = [];
    this.held = [];
    this.heldEvents = 0;
    this.heldGaps = 0;
    if (!options.keepPosition) this.last = null;
  }

  private add(row: LiveRow): void {
    if (this.isPaused) {
      this.held.unshift(row);
      if (this.held.length > this.bound) this.held.length = this.bound;
    } else {
      this.visible = [row, ...this.visible];
      if (this.visible.length > this.bound) this.visible.length = this.bound;
    }
  }
}
