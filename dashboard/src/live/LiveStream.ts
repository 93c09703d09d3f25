import { ApiError, isAbort, type ApiClient } from '../api/client';
import { createStreamToken } from '../api/endpoints';
import type { Envelope, Gap } from '../api/types';
import { streamUrl, type LiveSelectors } from './liveSelectors';

/**
 * One subscription to `GET /v1/stream` over EventSource.
 *
 * EventSource cannot send headers, so every connection first gets a stream token
 * (`POST /v1/stream/token`, Bearer) and passes it as `?token=`. EventSource would retry by
 * itself, but with the same URL — an expired token — and it gives up for good on a non-200
 * answer. So on any error we close it and reconnect ourselves, with a fresh token and
 * `after_seq` = the last seq seen, backing off up to a ceiling. A 401 on the token call means
 * the dashboard session itself ended; the API client has already sent the app to login, and
 * the stream stops.
 */
export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'stopped';

/** The part of EventSource this class uses, so tests can stand in for it. */
export interface EventSourceLike {
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
}

export interface LiveStreamOptions {
  api: ApiClient;
  selectors: LiveSelectors;
  /** Where to resume from after a reconnect (null: start live). */
  lastSeq: () => number | null;
  onEvent: (envelope: Envelope) => void;
  onGap: (gap: Gap) => void;
  onStatus: (status: StreamStatus, detail?: string) => void;
  createEventSource?: (url: string) => EventSourceLike;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  baseUrl?: string;
}

export const RECONNECT_DELAYS_MS = [500, 1000, 2000, 4000, 8000, 10_000];

export class LiveStream {
  private source: EventSourceLike | null = null;
  private timer: unknown = null;
  private attempt = 0;
  private stopped = false;
  private tokenRequest: AbortController | null = null;
  private readonly createEventSource: (url: string) => EventSourceLike;
  private readonly setTimer: (callback: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly options: LiveStreamOptions) {
    this.createEventSource = options.createEventSource ?? ((url) => new EventSource(url) as unknown as EventSourceLike);
    this.setTimer = options.setTimer ?? ((cb, ms) => setTimeout(cb, ms));
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.tokenRequest?.abort();
    this.closeSource();
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    this.options.onStatus('stopped');
  }

  private async connect(): Promise<void> {
    this.options.onStatus(this.attempt === 0 ? 'connecting' : 'reconnecting');
    this.tokenRequest = new AbortController();
    let token: string;
    try {
      token = (await createStreamToken(this.options.api, this.tokenRequest.signal)).token;
    } catch (error) {
      if (this.stopped || isAbort(error)) return;
      if (error instanceof ApiError && error.unauthorized) {
        this.stop();
        return;
      }
      this.scheduleReconnect(error instanceof ApiError ? error.message : 'Could not get a stream token');
      return;
    }
    if (this.stopped) return;
    const source = this.createEventSource(streamUrl(token, this.options.selectors, this.options.lastSeq(), this.options.baseUrl));
    this.source = source;
    source.onopen = () => {
      if (this.source !== source) return;
      this.attempt = 0;
      this.options.onStatus('live');
    };
    source.onmessage = (event) => {
      if (this.source !== source) return;
      const envelope = parseEnvelope(event.data);
      if (envelope) this.options.onEvent(envelope);
    };
    source.addEventListener('gap', (event) => {
      if (this.source !== source) return;
      const gap = parseGap(event.data);
      if (gap) this.options.onGap(gap);
    });
    source.onerror = () => {
      if (this.source !== source) return;
      this.closeSource();
      this.scheduleReconnect('The stream was interrupted');
    };
  }

  private scheduleReconnect(reason: string): void {
    if (this.stopped) return;
    const delay = RECONNECT_DELAYS_MS[Math.min(this.attempt, RECONNECT_DELAYS_MS.length - 1)];
    this.attempt++;
    this.options.onStatus('reconnecting', `${reason}; retrying in ${Math.round(delay / 100) / 10} s`);
    this.timer = this.setTimer(() => {
      this.timer = null;
      void this.connect();
    }, delay);
  }

  private closeSource(): void {
    if (this.source) {
      this.source.onopen = null;
      this.source.onmessage = null;
      this.source.onerror = null;
      this.source.close();
    }
    this.source = null;
  }
}

export function parseEnvelope(text: unknown): Envelope | null {
  if (typeof text !== 'string') return null;
  try {
    const value = JSON.parse(text) as Partial<Envelope>;
    if (typeof value?.seq !== 'number' || typeof value.event !== 'object' || value.event === null) return null;
    if (typeof value.event.type !== 'string') return null;
    return value as Envelope;
  } catch {
    return null;
  }
}

export function parseGap(text: unknown): Gap | null {
  if (typeof text !== 'string') return null;
  try {
    const value = JSON.parse(text) as Partial<Gap>;
    if (typeof value?.from !== 'number' || typeof value.to !== 'number') return null;
    return {
      from: value.from,
      to: value.to,
      count: typeof value.count === 'number' ? value.count : value.to - value.from + 1,
      reason: typeof value.reason === 'string' ? value.reason : 'unknown',
    };
  } catch {
    return null;
  }
}
