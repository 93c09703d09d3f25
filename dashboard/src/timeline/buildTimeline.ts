import type { Envelope, LoupeEvent, Session } from '../api/types';
import { compareCategories } from './categories';
import { num, str } from './dataAccess';
import { splitType, summarizeEvent } from './summarizeEvent';

/**
 * Turns a session's envelopes into the rows of its timeline.
 *
 * Every row is placed at the moment the thing *began*, relative to the session's origin (its
 * `started_at`, or the earliest event if one came before it). For most events that is `ts`. A
 * `network.request` starts at `data.started_at` (the SDK sends it when the request completes,
 * so `ts` is near its end); a `network.resource` (resource timing) carries times relative to the
 * page's own time origin, which we cannot map back exactly, so it is placed `duration_ms`
 * before its `ts` (resource entries are reported right after they finish). Rows are ordered by
 * that start, then by seq, so equal times keep the order the server sequenced them in.
 */

export type StatusClass = 'ok' | 'redirect' | 'client-error' | 'server-error' | 'failed';
export type Level = 'error' | 'warn' | 'info' | 'debug';

export interface TimelineItem {
  seq: number;
  envelope: Envelope;
  event: LoupeEvent;
  category: string;
  type: string;
  /** Start relative to the timeline origin, ms. */
  startMs: number;
  /** How long it lasted (network requests, long tasks), ms; null for instants. */
  durationMs: number | null;
  summary: string;
  /** HTTP status of a network row. */
  status: number | null;
  statusClass: StatusClass | null;
  level: Level | null;
  /** Lower-cased text the filter box searches: type, summary, page url and data. */
  searchText: string;
}

export interface CategoryCount {
  category: string;
  count: number;
}

export interface Timeline {
  items: TimelineItem[];
  /** µs since the epoch that offset 0 stands for. */
  originUs: number;
  /** Length from the origin to the end of the last thing that happened, ms (at least 1). */
  spanMs: number;
  categories: CategoryCount[];
}

/** Characters of an event's data that the text filter looks through (bodies can be megabytes). */
const SEARCHABLE_DATA_CHARS = 64 * 1024;

export function buildTimeline(envelopes: readonly Envelope[], session?: Pick<Session, 'started_at' | 'last_activity_at' | 'ended_at'> | null): Timeline {
  const starts = envelopes.map((e) => eventStartUs(e.event));
  let originUs = session?.started_at ?? Number.POSITIVE_INFINITY;
  for (const s of starts) if (s < originUs) originUs = s;
  if (!Number.isFinite(originUs)) originUs = 0;

  let endUs = Math.max(session?.last_activity_at ?? originUs, session?.ended_at ?? originUs);
  const items: TimelineItem[] = envelopes.map((envelope, i) => {
    const event = envelope.event;
    const durationMs = eventDurationMs(event);
    const startUs = starts[i];
    endUs = Math.max(endUs, startUs + (durationMs ?? 0) * 1000, event.ts);
    const status = event.category === 'network' ? num(event.data, 'status') ?? null : null;
    const summary = summarizeEvent(event);
    return {
      seq: envelope.seq,
      envelope,
      event,
      category: event.category || splitType(event.type)[0],
      type: event.type,
      startMs: (startUs - originUs) / 1000,
      durationMs,
      summary,
      status,
      statusClass: event.category === 'network' ? networkStatusClass(event) : null,
      level: levelOf(event),
      searchText: searchTextOf(event, summary),
    };
  });
  items.sort((a, b) => a.startMs - b.startMs || a.seq - b.seq);

  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.category, (counts.get(item.category) ?? 0) + 1);
  const categories = [...counts.entries()]
    .map(([category, count]) => ({ category, count }))
    .sort((a, b) => compareCategories(a.category, b.category));

  return { items, originUs, spanMs: Math.max(1, (endUs - originUs) / 1000), categories };
}

export function eventStartUs(event: LoupeEvent): number {
  if (event.type === 'network.request') {
    const startedAt = num(event.data, 'started_at');
    if (startedAt !== undefined && startedAt > 0) return startedAt;
    return event.ts - (num(event.data, 'duration_ms') ?? 0) * 1000;
  }
  if (event.type === 'network.resource') {
    return event.ts - (num(event.data, 'duration_ms') ?? 0) * 1000;
  }
  return event.ts;
}

export function eventDurationMs(event: LoupeEvent): number | null {
  if (event.category === 'network' || event.type === 'performance.long_task') {
    const d = num(event.data, 'duration_ms');
    return d !== undefined && d >= 0 ? d : null;
  }
  return null;
}

export function networkStatusClass(event: LoupeEvent): StatusClass {
  const data = event.data;
  const status = num(data, 'status');
  if (data?.aborted === true || str(data, 'error') || status === 0) return 'failed';
  if (status === undefined) return event.type === 'network.resource' ? 'ok' : 'failed';
  if (status >= 500) return 'server-error';
  if (status >= 400) return 'client-error';
  if (status >= 300) return 'redirect';
  return 'ok';
}

function levelOf(event: LoupeEvent): Level | null {
  if (event.category === 'error') return 'error';
  if (event.category === 'console' || event.category === 'log') {
    const name = splitType(event.type)[1];
    if (name === 'error') return 'error';
    if (name === 'warn') return 'warn';
    if (name === 'debug') return 'debug';
    return 'info';
  }
  return null;
}

function searchTextOf(event: LoupeEvent, summary: string): string {
  let data = '';
  try {
    data = JSON.stringify(event.data) ?? '';
  } catch {
    // unserializable data is not searchable; the summary still is
  }
  return `${event.type}\n${summary}\n${event.url ?? ''}\n${data.slice(0, SEARCHABLE_DATA_CHARS)}`.toLowerCase();
}

/** Where a row's mark sits on the waterfall track, in percent of the session's span. */
export interface BarGeometry {
  leftPct: number;
  widthPct: number;
}

/** Bars narrower than this would vanish; instants get a tick of the same width. */
export const MIN_BAR_WIDTH_PCT = 0.4;

export function barGeometry(startMs: number, durationMs: number | null, spanMs: number): BarGeometry {
  const span = spanMs > 0 ? spanMs : 1;
  const left = clamp((startMs / span) * 100, 0, 100);
  const rawWidth = ((durationMs ?? 0) / span) * 100;
  const width = clamp(Math.max(rawWidth, MIN_BAR_WIDTH_PCT), 0, 100);
  // Keep the bar inside the track: one that would run past the end is pulled back.
  const leftPct = Math.min(left, 100 - width);
  return { leftPct: round3(leftPct), widthPct: round3(Math.min(width, 100 - leftPct)) };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
