/**
 * Shapes of what the Loupe server answers (docs/api.md, docs/events.md). Times are integer
 * microseconds since the epoch; durations are milliseconds. Everything inside an event's `data`
 * comes from the captured page and is hostile: render it as text only.
 */

/** Microseconds since the epoch. */
export type Micros = number;

export interface ListResponse<T> {
  data: T[];
  total: number;
  next_cursor?: string | number | null;
}

export interface ApiErrorBody {
  error: string;
  message: string;
}

export interface AuthSessionResponse {
  session_token: string;
  expires_at: Micros;
}

export interface StreamTokenResponse {
  token: string;
  expires_at: Micros;
}

export interface Session {
  session_id: string;
  project: string;
  started_at: Micros;
  last_activity_at: Micros;
  ended_at: Micros | null;
  duration_ms: number;
  page_url?: string | null;
  referrer?: string | null;
  user_agent?: string | null;
  device_type?: string | null;
  browser?: string | null;
  os?: string | null;
  viewport_width?: number | null;
  viewport_height?: number | null;
  screen_width?: number | null;
  screen_height?: number | null;
  user_id: string | null;
  event_count: number;
  error_count: number;
  page_count: number;
  screenshot_count: number;
}

export type SourceKind = 'page' | 'extension' | 'cdp' | 'server' | 'otlp' | 'process';

export interface EventSource {
  kind: SourceKind | string;
  name?: string;
  event?: string;
  metadata?: Record<string, unknown>;
}

/** The producer's event. `data` is an object, or null when the record was too large. */
export interface LoupeEvent {
  ts: Micros;
  type: string;
  category: string;
  detail_level?: string;
  session_id?: string;
  url?: string;
  source?: EventSource;
  data: Record<string, unknown> | null;
  truncated?: boolean;
}

export interface Envelope {
  seq: number;
  received_at: Micros;
  project: string;
  event: LoupeEvent;
}

export interface Screenshot {
  screenshot_id: number;
  session_id: string;
  ts: Micros;
  page_url?: string | null;
  format: string;
  width: number;
  height: number;
  size: number;
}

/** An `event: gap` frame of the live stream: events the subscriber will not see. */
export interface Gap {
  from: number;
  to: number;
  count: number;
  reason: string;
}

// ---- data shapes of the types the dashboard looks into (all fields optional: producers vary) ----

export interface NetworkTiming {
  dns_ms?: number;
  connect_ms?: number;
  tls_ms?: number;
  ttfb_ms?: number;
  download_ms?: number;
}

export interface NetworkRequestData {
  method?: string;
  url?: string;
  status?: number;
  status_text?: string;
  initiator?: string;
  started_at?: Micros;
  duration_ms?: number;
  request_headers?: Record<string, unknown>;
  response_headers?: Record<string, unknown>;
  request_body?: string;
  request_body_size?: number;
  response_body?: string;
  response_body_size?: number;
  response_type?: string;
  content_type?: string;
  error?: string;
  aborted?: boolean;
  timing?: NetworkTiming;
  protocol?: string;
  /** Where redirects ended, when not `url` (browser SDK). */
  final_url?: string;
  transfer_size?: number;
  encoded_body_size?: number;
  decoded_body_size?: number;
}

export interface NetworkResourceData {
  url?: string;
  initiator_type?: string;
  duration_ms?: number;
  start_time_ms?: number;
  transfer_size?: number;
  encoded_body_size?: number;
  decoded_body_size?: number;
  protocol?: string;
  status?: number;
  timing?: NetworkTiming;
}

export interface StackFrameData {
  function?: string;
  url?: string;
  line?: number;
  column?: number;
}

export interface ErrorData {
  message?: string;
  name?: string;
  stack?: string;
  frames?: StackFrameData[];
  source?: string;
  line?: number;
  column?: number;
  handled?: boolean;
  context?: Record<string, unknown>;
  target?: { tag?: string; url?: string; selector?: string };
}
