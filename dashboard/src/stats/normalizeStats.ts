import type { RawBuffer, RawStats } from './statsTypes';
import { compareCategories } from '../timeline/categories';

/** What the statistics page draws, with every missing piece as null or an empty list. */
export interface BufferUse {
  category: string;
  entries: number | null;
  maxEntries: number | null;
  bytes: number | null;
  maxBytes: number | null;
  /** The fuller of entries and bytes, 0–1; null when no limit is known. */
  usage: number | null;
  evicted: number | null;
  dropped: number | null;
}

export interface NamedCount {
  name: string;
  count: number;
}

export interface Stats {
  ingestTotal: number | null;
  ingestRate: number | null;
  rejectedTotal: number | null;
  lastSeq: number | null;
  buffers: BufferUse[];
  memory: { bytes: number | null; maxBytes: number | null; usage: number | null } | null;
  store: { backend: string | null; lagEvents: number | null; lagMs: number | null; checkpointSeq: number | null } | null;
  drops: NamedCount[];
  redactions: NamedCount[];
  disk: { parts: NamedCount[]; freeBytes: number | null; totalBytes: number | null } | null;
}

/** Buffers at or over this use are flagged (DESIGN.md: warn at 80 %). */
export const BUFFER_WARN_AT = 0.8;

export function normalizeStats(raw: RawStats | null | undefined): Stats {
  const r = isObject(raw) ? raw : {};
  const ingest = objectAt(r, 'ingest');
  const pipeline = objectAt(r, 'pipeline');
  return {
    ingestTotal: firstNumber(ingest, ['accepted_since_start', 'events_total', 'accepted_total', 'events_accepted', 'accepted']),
    ingestRate: firstNumber(ingest, ['events_per_second_1m', 'events_per_second', 'rate', 'per_second', 'rate_per_second']),
    rejectedTotal: firstNumber(ingest, ['rejected_total', 'events_rejected', 'rejected']),
    lastSeq: firstNumber(pipeline, ['durable_seq', 'last_seq', 'head_seq', 'seq']),
    buffers: buffersOf(r.buffers),
    memory: memoryOf(objectAt(r, 'memory')),
    store: storeOf(objectAt(r, 'store')),
    drops: countsOf(r.drops, 'reason'),
    redactions: countsOf(r.redactions, 'rule'),
    disk: diskOf(objectAt(r, 'disk')),
  };
}

function buffersOf(value: unknown): BufferUse[] {
  const entries: [string, RawBuffer][] = Array.isArray(value)
    ? value.filter(isObject).map((b) => [String(b.category ?? b.name ?? '?'), b as RawBuffer])
    : isObject(value)
      ? Object.entries(value).filter((e): e is [string, RawBuffer] => isObject(e[1]))
      : [];
  return entries
    .map(([category, b]) => {
      const count = firstNumber(b, ['entry_count', 'entries', 'count', 'size']);
      const maxEntries = firstNumber(b, ['max_entries', 'capacity', 'entries_max', 'limit_entries']);
      const bytes = firstNumber(b, ['estimated_bytes', 'bytes', 'used_bytes', 'memory_bytes']);
      const maxBytes = firstNumber(b, ['max_bytes', 'bytes_max', 'limit_bytes']);
      return {
        category,
        entries: count,
        maxEntries,
        bytes,
        maxBytes,
        usage: usageOf(firstNumber(b, ['usage', 'utilization']), [ratio(count, maxEntries), ratio(bytes, maxBytes)]),
        evicted: firstNumber(b, ['evicted_count', 'evicted', 'evictions']),
        dropped: firstNumber(b, ['dropped_count', 'dropped', 'drops']),
      };
    })
    .sort((a, b) => compareCategories(a.category, b.category));
}

function memoryOf(m: Record<string, unknown> | null): Stats['memory'] {
  if (!m) return null;
  const bytes = firstNumber(m, ['estimated_bytes', 'bytes', 'used_bytes']);
  const maxBytes = firstNumber(m, ['max_bytes', 'limit_bytes', 'cap_bytes']);
  return { bytes, maxBytes, usage: usageOf(firstNumber(m, ['usage']), [ratio(bytes, maxBytes)]) };
}

function storeOf(s: Record<string, unknown> | null): Stats['store'] {
  if (!s) return null;
  return {
    backend: typeof s.backend === 'string' ? s.backend : null,
    lagEvents: firstNumber(s, ['lag_events', 'lag', 'lag_seq']),
    lagMs: firstNumber(s, ['lag_ms']),
    checkpointSeq: firstNumber(s, ['checkpoint_seq', 'checkpoint']),
  };
}

function diskOf(d: Record<string, unknown> | null): Stats['disk'] {
  if (!d) return null;
  const parts: NamedCount[] = [];
  for (const [key, value] of Object.entries(d)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    if (key === 'free_bytes' || key === 'total_bytes') continue;
    parts.push({ name: key.replace(/_bytes$/, '').replace(/_/g, ' '), count: value });
  }
  return { parts, freeBytes: firstNumber(d, ['free_bytes']), totalBytes: firstNumber(d, ['total_bytes']) };
}

function countsOf(value: unknown, nameKey: string): NamedCount[] {
  const list: NamedCount[] = Array.isArray(value)
    ? value
        .filter(isObject)
        .map((v) => ({ name: String(v[nameKey] ?? v.name ?? '?'), count: Number(v.count) }))
    : isObject(value)
      ? Object.entries(value).map(([name, count]) => ({ name, count: Number(count) }))
      : [];
  return list.filter((c) => Number.isFinite(c.count)).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

function usageOf(reported: number | null, ratios: (number | null)[]): number | null {
  if (reported !== null) return reported > 1 ? reported / 100 : reported;
  const known = ratios.filter((r): r is number => r !== null);
  return known.length ? Math.max(...known) : null;
}

function ratio(used: number | null, max: number | null): number | null {
  return used !== null && max !== null && max > 0 ? used / max : null;
}

function firstNumber(o: Record<string, unknown> | null | undefined, keys: string[]): number | null {
  if (!o) return null;
  for (const k of keys) {
    const v = o[k];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return null;
}

function objectAt(o: Record<string, unknown>, key: string): Record<string, unknown> | null {
  const v = o[key];
  return isObject(v) ? v : null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
