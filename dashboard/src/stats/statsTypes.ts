/**
 * `GET /v1/stats` as the dashboard reads it; the server's shape is given in docs/api.md
 * (`ingest.accepted_since_start`, `pipeline.durable_seq`, `buffers.<name>.entry_count`,
 * `estimated_bytes`, `utilization`, `memory.estimated_bytes`, `store.lag`, …). Every field is
 * optional here and normalizeStats.ts also accepts the variants noted beside each field, so an
 * older or newer server still shows what it can instead of an error.
 */
export interface RawStats {
  /** Server time of the snapshot, µs. */
  now?: number;
  uptime_ms?: number;
  ingest?: {
    /** Events accepted since start (a counter: the chart plots its rate of change). Also `accepted_total`, `events_accepted`. */
    events_total?: number;
    rejected_total?: number;
    requests_total?: number;
    bytes_total?: number;
    /** Recent acceptance rate; used for the first point, or when no counter is given. Also `rate`, `per_second`. */
    events_per_second?: number;
    [key: string]: unknown;
  };
  pipeline?: {
    last_seq?: number;
    durable_seq?: number;
    subscribers?: number;
    [key: string]: unknown;
  };
  /** Per-category in-memory buffers, keyed by category (an array of `{category, …}` is accepted too). */
  buffers?: Record<string, RawBuffer> | (RawBuffer & { category: string })[];
  /** The global memory cap over all buffers (500 MB, warn at 80 %). */
  memory?: { bytes?: number; max_bytes?: number; [key: string]: unknown };
  store?: {
    backend?: string;
    checkpoint_seq?: number;
    /** Events written to the log but not yet to the store. Also `lag`. */
    lag_events?: number;
    lag_ms?: number;
    [key: string]: unknown;
  };
  /** Dropped events by reason (an array of `{reason, count}` is accepted too). */
  drops?: Record<string, number> | { reason: string; count: number }[];
  redactions?: Record<string, number> | { rule: string; count: number }[];
  /** Bytes on disk by what holds them (`log_bytes`, `screenshot_bytes`, `store_bytes`), plus `free_bytes` / `total_bytes`. */
  disk?: Record<string, number | unknown>;
  [key: string]: unknown;
}

export interface RawBuffer {
  entries?: number;
  max_entries?: number;
  bytes?: number;
  max_bytes?: number;
  ttl_ms?: number;
  evicted?: number;
  dropped?: number;
  /** Fraction 0–1 (or percent 0–100) if the server computes it itself. */
  usage?: number;
  [key: string]: unknown;
}
